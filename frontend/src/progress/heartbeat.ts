/**
 * Time tracking: how many seconds of *active* use a page has seen since its last heartbeat.
 *
 * A page is active while it is visible AND the learner used it (pointer, key, scroll, focus)
 * in the last `IDLE_MS`. Every `INTERVAL_MS` an active page reports the whole seconds since
 * the last report (the fraction carries over), capped at `MAX_SECONDS`; an idle or hidden
 * page reports nothing and its idle time is never counted. Hiding the page (switching tabs,
 * closing it) or leaving it flushes what is pending.
 *
 * `ActivityMeter` is the pure accounting (times in, seconds out); `startHeartbeats` wires it
 * to timers, DOM events and a sender.
 */

export const INTERVAL_MS = 15_000;
export const IDLE_MS = 60_000;
export const MAX_SECONDS = 60;

export class ActivityMeter {
  /** Start of the active time not reported yet. */
  private mark: number;
  private lastInteraction: number;
  private visible: boolean;

  /** A page that opens visible counts as used: the learner just navigated to it. */
  constructor(now: number, visible: boolean) {
    this.mark = now;
    this.visible = visible;
    this.lastInteraction = visible ? now : Number.NEGATIVE_INFINITY;
  }

  isActive(now: number): boolean {
    return this.visible && now - this.lastInteraction <= IDLE_MS;
  }

  /** The learner used the page (pointer, key, scroll, focus). */
  interact(now: number): void {
    if (!this.visible) return;
    if (!this.isActive(now)) this.mark = now; // back from idle: the idle time is not counted
    this.lastInteraction = now;
  }

  /** Seconds to report now (0: send nothing). Called every `INTERVAL_MS`. */
  tick(now: number): number {
    if (!this.isActive(now)) {
      this.mark = now;
      return 0;
    }
    const seconds = Math.floor((now - this.mark) / 1000);
    if (seconds < 1) return 0;
    if (seconds > MAX_SECONDS) {
      this.mark = now;
      return MAX_SECONDS;
    }
    this.mark += seconds * 1000;
    return seconds;
  }

  /** The page was hidden or shown; hiding answers the seconds still to report. */
  setVisible(visible: boolean, now: number): number {
    if (visible === this.visible) return 0;
    if (!visible) {
      const pending = this.tick(now);
      this.visible = false;
      return pending;
    }
    this.visible = true;
    this.mark = now;
    this.lastInteraction = now; // the learner came back to the page
    return 0;
  }
}

/** The page events that count as the learner using it. */
export const INTERACTION_EVENTS = [
  "pointerdown",
  "pointermove",
  "keydown",
  "wheel",
  "scroll",
  "touchstart",
  "focusin",
  "focus",
] as const;

export type HeartbeatOptions = {
  /** Report `seconds` of active use; `final` when the page is being hidden or left. */
  send: (seconds: number, final: boolean) => void;
  /** Where interactions are heard (the window). */
  target: EventTarget;
  /** The document: its visibility and its `visibilitychange` events. */
  document: EventTarget & { readonly visibilityState: DocumentVisibilityState };
  now?: () => number;
  intervalMs?: number;
};

/** Start counting; the returned function stops and flushes what is pending. */
export function startHeartbeats({
  send,
  target,
  document,
  now = Date.now,
  intervalMs = INTERVAL_MS,
}: HeartbeatOptions): () => void {
  const meter = new ActivityMeter(now(), document.visibilityState === "visible");
  const onInteraction = () => {
    meter.interact(now());
  };
  const onVisibility = () => {
    const pending = meter.setVisible(document.visibilityState === "visible", now());
    if (pending > 0) send(pending, true);
  };
  const listen = { capture: true, passive: true };
  for (const name of INTERACTION_EVENTS) target.addEventListener(name, onInteraction, listen);
  document.addEventListener("visibilitychange", onVisibility);
  const timer = setInterval(() => {
    const seconds = meter.tick(now());
    if (seconds > 0) send(seconds, false);
  }, intervalMs);

  return () => {
    clearInterval(timer);
    for (const name of INTERACTION_EVENTS) target.removeEventListener(name, onInteraction, listen);
    document.removeEventListener("visibilitychange", onVisibility);
    const pending = meter.tick(now());
    if (pending > 0) send(pending, true);
  };
}
