import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ActivityMeter, IDLE_MS, INTERVAL_MS, MAX_SECONDS, startHeartbeats } from "./heartbeat";

describe("the activity meter", () => {
  it("counts the seconds since the last report while the page is in use", () => {
    const meter = new ActivityMeter(0, true);
    expect(meter.tick(15_000)).toBe(15);
    meter.interact(20_000);
    expect(meter.tick(30_000)).toBe(15);
  });

  it("carries fractions of a second over to the next report", () => {
    const meter = new ActivityMeter(0, true);
    expect(meter.tick(14_600)).toBe(14);
    expect(meter.tick(29_600)).toBe(15);
    expect(meter.tick(29_900)).toBe(0); // 0.9 s since the last whole second: nothing yet…
    expect(meter.tick(30_100)).toBe(1); // …but it is not lost
  });

  it("stops counting a minute after the last interaction, and never counts the idle time", () => {
    const meter = new ActivityMeter(0, true);
    expect(meter.tick(15_000)).toBe(15);
    expect(meter.tick(60_000)).toBe(45);
    expect(meter.tick(IDLE_MS + 15_000)).toBe(0); // idle since 60 s
    expect(meter.tick(200_000)).toBe(0);
    meter.interact(205_000); // back: counting starts again now
    expect(meter.tick(215_000)).toBe(10);
  });

  it("counts nothing while the page is hidden, and flushes when it is hidden", () => {
    const meter = new ActivityMeter(0, true);
    expect(meter.setVisible(false, 7_000)).toBe(7);
    meter.interact(8_000); // background tabs get no interactions; ignore any
    expect(meter.tick(15_000)).toBe(0);
    expect(meter.tick(600_000)).toBe(0);
    expect(meter.setVisible(true, 600_000)).toBe(0);
    expect(meter.tick(615_000)).toBe(15);
  });

  it("a page opened in a background tab counts from when it is shown", () => {
    const meter = new ActivityMeter(0, false);
    expect(meter.tick(15_000)).toBe(0);
    meter.setVisible(true, 20_000);
    expect(meter.tick(30_000)).toBe(10);
  });

  it("caps a report at a minute", () => {
    const meter = new ActivityMeter(0, true);
    meter.interact(50_000);
    expect(meter.tick(100_000)).toBe(MAX_SECONDS);
    expect(meter.tick(101_000)).toBe(1);
  });
});

class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = "visible";

  set(state: DocumentVisibilityState) {
    this.visibilityState = state;
    this.dispatchEvent(new Event("visibilitychange"));
  }
}

describe("heartbeats", () => {
  let sent: [number, boolean][];
  let target: EventTarget;
  let doc: FakeDocument;
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    sent = [];
    target = new EventTarget();
    doc = new FakeDocument();
    stop = startHeartbeats({
      target,
      document: doc,
      send: (seconds, final) => sent.push([seconds, final]),
    });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it("beat every 15 s while the learner uses the page", () => {
    vi.advanceTimersByTime(INTERVAL_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([[15, false]]);
    target.dispatchEvent(new Event("keydown"));
    vi.advanceTimersByTime(INTERVAL_MS);
    expect(sent).toEqual([
      [15, false],
      [15, false],
    ]);
  });

  it("fall silent on an idle page and resume on a pointer, key, scroll or focus", () => {
    vi.advanceTimersByTime(5 * 60_000);
    // 0–60 s counted (four beats), nothing after.
    expect(sent.map(([s]) => s)).toEqual([15, 15, 15, 15]);
    for (const name of ["pointerdown", "scroll", "focusin"]) {
      sent = [];
      target.dispatchEvent(new Event(name));
      vi.advanceTimersByTime(INTERVAL_MS);
      expect(sent.length).toBe(1);
      vi.advanceTimersByTime(3 * 60_000);
    }
  });

  it("send nothing from a background tab, and flush when the tab is hidden", () => {
    vi.advanceTimersByTime(INTERVAL_MS + 4_000);
    doc.set("hidden");
    expect(sent).toEqual([
      [15, false],
      [4, true],
    ]);
    vi.advanceTimersByTime(10 * 60_000);
    target.dispatchEvent(new Event("pointermove"));
    vi.advanceTimersByTime(10 * 60_000);
    expect(sent).toHaveLength(2);
    doc.set("visible"); // at 1219 s; the next beat is at 1230 s
    vi.advanceTimersByTime(INTERVAL_MS);
    expect(sent.at(-1)).toEqual([11, false]);
  });

  it("flush what is pending when stopped (the learner leaves the page)", () => {
    vi.advanceTimersByTime(9_000);
    stop();
    expect(sent).toEqual([[9, true]]);
    vi.advanceTimersByTime(60_000);
    expect(sent).toHaveLength(1);
    stop = () => undefined;
  });
});
