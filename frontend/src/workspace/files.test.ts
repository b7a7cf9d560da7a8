import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeSave, WorkspaceFiles, type FileState, type SaveOutcome, type WorkspaceApi } from "./files";

type Deferred<T> = { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void };

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const file = (content: string, version: number): FileState => ({
  name: "lab.py",
  content,
  original: "starter",
  version,
  saved_at: version ? "2025-01-01T00:00:00Z" : null,
});

class FakeApi implements WorkspaceApi {
  saves: { content: string; base: number | null; keepalive: boolean; answer: Deferred<SaveOutcome> }[] = [];
  load = vi.fn(() => Promise.resolve([file("saved text", 3)]));
  save = (_name: string, content: string, base: number | null, keepalive: boolean) => {
    const answer = deferred<SaveOutcome>();
    this.saves.push({ content, base, keepalive, answer });
    return answer.promise;
  };
  reset = vi.fn(() => Promise.resolve(file("starter", 9)));
  restore = vi.fn((_name: string, version: number) => Promise.resolve(file(`v${version}`, 10)));

  get lastSave() {
    const save = this.saves.at(-1);
    if (!save) throw new Error("nothing was saved");
    return save;
  }
}

async function settle() {
  await vi.advanceTimersByTimeAsync(0);
}

describe("the workspace store", () => {
  let api: FakeApi;
  let files: WorkspaceFiles;

  beforeEach(async () => {
    vi.useFakeTimers();
    api = new FakeApi();
    files = new WorkspaceFiles(api, { debounceMs: 800, retryMs: [1000, 5000] });
    await files.load();
  });
  afterEach(() => {
    files.dispose();
    vi.useRealTimers();
  });

  const draft = () => files.getState().files["lab.py"];

  it("loads the saved text", () => {
    expect(files.getState().load).toBe("ready");
    expect(draft()).toMatchObject({ content: "saved text", version: 3, status: "saved" });
    expect(describeSave(draft())).toBe("Saved · version 3");
  });

  it("saves once, after a pause in typing, from the version it started from", async () => {
    files.edit("lab.py", "a");
    await vi.advanceTimersByTimeAsync(500);
    files.edit("lab.py", "ab");
    expect(describeSave(draft())).toBe("Saving…");
    await vi.advanceTimersByTimeAsync(799);
    expect(api.saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.saves.map((s) => [s.content, s.base])).toEqual([["ab", 3]]);
    api.lastSave.answer.resolve({ ok: true, file: file("ab", 4) });
    await settle();
    expect(draft()).toMatchObject({ content: "ab", version: 4, status: "saved" });
    expect(describeSave(draft())).toBe("Saved · version 4");
  });

  it("keeps typing made during a save and saves it next, from the new version", async () => {
    files.edit("lab.py", "one");
    await vi.advanceTimersByTimeAsync(800);
    files.edit("lab.py", "one two");
    api.lastSave.answer.resolve({ ok: true, file: file("one", 4) });
    await settle();
    expect(draft()).toMatchObject({ content: "one two", version: 4, status: "pending" });
    await vi.advanceTimersByTimeAsync(800);
    expect(api.lastSave).toMatchObject({ content: "one two", base: 4 });
  });

  it("retries a failed save with backoff and never drops the text", async () => {
    files.edit("lab.py", "precious");
    await vi.advanceTimersByTimeAsync(800);
    api.lastSave.answer.reject(new Error("Cannot reach the la4ai server."));
    await settle();
    expect(draft()).toMatchObject({ content: "precious", status: "retrying" });
    expect(describeSave(draft())).toBe("Not saved — retrying");
    await vi.advanceTimersByTimeAsync(999);
    expect(api.saves).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.saves).toHaveLength(2);
    api.lastSave.answer.reject(new Error("again"));
    await settle();
    await vi.advanceTimersByTimeAsync(4999);
    expect(api.saves).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    api.lastSave.answer.resolve({ ok: true, file: file("precious", 4) });
    await settle();
    expect(draft()).toMatchObject({ content: "precious", status: "saved", version: 4 });
  });

  it("on a stale save loads the newer file and keeps the learner's text aside", async () => {
    files.edit("lab.py", "mine");
    await vi.advanceTimersByTimeAsync(800);
    api.lastSave.answer.resolve({ ok: false, current: file("from another tab", 5) });
    await settle();
    expect(draft()).toMatchObject({ content: "from another tab", version: 5, status: "saved", conflict: "mine" });
    files.dismissConflict("lab.py");
    expect(draft()?.conflict).toBeNull();
  });

  it("flushes unsaved text with keepalive when the page goes away", async () => {
    files.edit("lab.py", "last words");
    files.flush(true);
    expect(api.lastSave).toMatchObject({ content: "last words", base: 3, keepalive: true });
    await vi.advanceTimersByTimeAsync(2000);
    expect(api.saves).toHaveLength(1);
  });

  it("flushes over a save still on its way with an unconditional save of the newer text", async () => {
    files.edit("lab.py", "v1");
    await vi.advanceTimersByTimeAsync(800);
    files.edit("lab.py", "v2");
    files.flush(true);
    expect(api.saves.map((s) => [s.content, s.base, s.keepalive])).toEqual([
      ["v1", 3, false],
      ["v2", null, true],
    ]);
  });

  it("does not save text that did not change", async () => {
    files.edit("lab.py", "saved text");
    files.flush(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.saves).toHaveLength(0);
  });

  it("reset and restore save unsaved text first (so it is in the history), then replace it", async () => {
    files.edit("lab.py", "scratch");
    const resetting = files.reset("lab.py");
    await settle();
    expect(api.saves.map((s) => s.content)).toEqual(["scratch"]);
    expect(api.reset).not.toHaveBeenCalled();
    api.lastSave.answer.resolve({ ok: true, file: file("scratch", 4) });
    await resetting;
    expect(draft()).toMatchObject({ content: "starter", version: 9, status: "saved" });
    await vi.advanceTimersByTimeAsync(2000);
    expect(api.saves).toHaveLength(1);
    await files.restore("lab.py", 2);
    expect(api.restore).toHaveBeenCalledWith("lab.py", 2);
    expect(draft()).toMatchObject({ content: "v2", version: 10 });
    expect(api.saves).toHaveLength(1);
  });

  it("keeps text typed before the saved files arrived", async () => {
    const early = new WorkspaceFiles(api);
    early.ensure("lab.py", "starter");
    early.edit("lab.py", "typed early");
    await early.load();
    expect(early.getState().files["lab.py"]).toMatchObject({ content: "typed early", version: 3, status: "pending" });
    early.dispose();
  });

  it("says so when the saved files cannot be loaded", async () => {
    api.load.mockRejectedValueOnce(new Error("no route"));
    const failing = new WorkspaceFiles(api);
    await failing.load();
    expect(failing.getState()).toMatchObject({ load: "failed", loadError: "no route" });
  });
});
