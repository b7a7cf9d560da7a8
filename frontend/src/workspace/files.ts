/**
 * The learner's saved code for one page (a lesson's cells or a lab's file) as an external
 * store: edits are kept at once and saved after a pause, failed saves are retried, a save
 * refused as stale loads the newer text and keeps the learner's in `conflict`, and
 * `flush` sends what is unsaved when the page goes away.
 */

import type { FileState, SaveOutcome } from "../api/client";

export type { FileState, SaveOutcome };

/** The REST routes the store needs (api/client.ts implements them; tests fake them). */
export type WorkspaceApi = {
  load: () => Promise<FileState[]>;
  save: (name: string, content: string, baseVersion: number | null, keepalive: boolean) => Promise<SaveOutcome>;
  reset: (name: string) => Promise<FileState>;
  restore: (name: string, version: number) => Promise<FileState>;
};

export type SaveStatus = "saved" | "pending" | "saving" | "retrying";

export type FileDraft = {
  readonly name: string;
  readonly content: string;
  readonly original: string;
  /** The server's version this draft is based on (0: the original, never saved). */
  readonly version: number;
  readonly savedAt: string | null;
  readonly status: SaveStatus;
  readonly error: string | null;
  /** Set when a save was refused because the file changed elsewhere: the learner's text. */
  readonly conflict: string | null;
};

export type WorkspaceState = {
  readonly load: "loading" | "ready" | "failed";
  readonly loadError: string | null;
  readonly files: Readonly<Record<string, FileDraft>>;
};

export type WorkspaceOptions = { debounceMs?: number; retryMs?: readonly number[] };

const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];

function draftOf(file: FileState): FileDraft {
  return {
    name: file.name,
    content: file.content,
    original: file.original,
    version: file.version,
    savedAt: file.saved_at,
    status: "saved",
    error: null,
    conflict: null,
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class WorkspaceFiles {
  private state: WorkspaceState = { load: "loading", loadError: null, files: {} };
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Map<string, string>();
  private readonly saving = new Map<string, Promise<void>>();
  private readonly failures = new Map<string, number>();
  private readonly debounceMs: number;
  private readonly retryMs: readonly number[];

  constructor(
    private readonly api: WorkspaceApi,
    options: WorkspaceOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 800;
    this.retryMs = options.retryMs ?? RETRY_MS;
  }

  readonly getState = (): WorkspaceState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private set(update: Partial<WorkspaceState>): void {
    this.state = { ...this.state, ...update };
    for (const listener of this.listeners) listener();
  }

  private setFile(name: string, update: (draft: FileDraft) => FileDraft): void {
    const draft = this.state.files[name];
    if (draft) this.set({ files: { ...this.state.files, [name]: update(draft) } });
  }

  /** Fetch the saved files. Text typed before they arrive is kept (and saved). */
  async load(): Promise<void> {
    try {
      const files = await this.api.load();
      const next: Record<string, FileDraft> = { ...this.state.files };
      for (const file of files) {
        const local = next[file.name];
        next[file.name] =
          local && local.status !== "saved"
            ? { ...local, version: file.version, original: file.original }
            : draftOf(file);
      }
      this.set({ load: "ready", loadError: null, files: next });
    } catch (error) {
      this.set({ load: "failed", loadError: message(error) });
    }
  }

  /** Make sure `name` has a draft (before the saved files arrive, or for a file not saved yet). */
  ensure(name: string, original: string): void {
    if (this.state.files[name]) return;
    this.set({
      files: { ...this.state.files, [name]: draftOf({ name, content: original, original, version: 0, saved_at: null }) },
    });
  }

  edit(name: string, content: string): void {
    const draft = this.state.files[name];
    if (!draft || draft.content === content) return;
    this.setFile(name, (d) => ({ ...d, content, status: this.inFlight.has(name) ? "saving" : "pending" }));
    this.schedule(name, this.debounceMs);
  }

  dismissConflict(name: string): void {
    this.setFile(name, (d) => ({ ...d, conflict: null }));
  }

  /** Back to the original; unsaved text is saved first, so it stays in the history. */
  async reset(name: string): Promise<void> {
    await this.settle(name);
    this.accept(await this.api.reset(name));
  }

  async restore(name: string, version: number): Promise<void> {
    await this.settle(name);
    this.accept(await this.api.restore(name, version));
  }

  /** Wait for the save on its way, then save what is still unsaved (once). */
  private async settle(name: string): Promise<void> {
    this.cancel(name);
    await this.saving.get(name);
    if (this.state.files[name]?.status !== "saved") await this.save(name, false);
    this.cancel(name);
  }

  /** Save every unsaved file now; with `keepalive` the requests outlive the page. */
  flush(keepalive = false): void {
    for (const draft of Object.values(this.state.files)) {
      if (draft.status === "saved" || this.inFlight.get(draft.name) === draft.content) continue;
      this.cancel(draft.name);
      if (keepalive && this.inFlight.has(draft.name)) {
        // A save is on its way and this page is going: the newer text wins.
        void this.api.save(draft.name, draft.content, null, true).catch(() => undefined);
      } else {
        void this.save(draft.name, keepalive);
      }
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private accept(file: FileState): void {
    this.set({ files: { ...this.state.files, [file.name]: draftOf(file) } });
  }

  private cancel(name: string): void {
    const timer = this.timers.get(name);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(name);
  }

  private schedule(name: string, delay: number): void {
    this.cancel(name);
    this.timers.set(
      name,
      setTimeout(() => {
        this.timers.delete(name);
        void this.save(name, false);
      }, delay),
    );
  }

  private save(name: string, keepalive: boolean): Promise<void> {
    const draft = this.state.files[name];
    if (!draft || this.inFlight.has(name)) return this.saving.get(name) ?? Promise.resolve();
    const saving = this.send(draft, keepalive).finally(() => {
      this.saving.delete(name);
    });
    this.saving.set(name, saving);
    return saving;
  }

  private async send(draft: FileDraft, keepalive: boolean): Promise<void> {
    const name = draft.name;
    const content = draft.content;
    this.inFlight.set(name, content);
    this.setFile(name, (d) => ({ ...d, status: d.status === "retrying" ? "retrying" : "saving" }));
    try {
      const outcome = await this.api.save(name, content, draft.version, keepalive);
      this.failures.delete(name);
      if (outcome.ok) {
        this.setFile(name, (d) => {
          const changed = d.content !== content;
          return {
            ...draftOf(outcome.file),
            content: d.content,
            status: changed ? "pending" : "saved",
            conflict: d.conflict,
          };
        });
      } else {
        const mine = this.state.files[name]?.content ?? content;
        this.cancel(name);
        this.set({ files: { ...this.state.files, [name]: { ...draftOf(outcome.current), conflict: mine } } });
      }
    } catch (error) {
      const failures = (this.failures.get(name) ?? 0) + 1;
      this.failures.set(name, failures);
      this.setFile(name, (d) => ({ ...d, status: "retrying", error: message(error) }));
      this.schedule(name, this.retryMs[Math.min(failures, this.retryMs.length) - 1] ?? 30_000);
      return;
    } finally {
      this.inFlight.delete(name);
    }
    if (this.state.files[name]?.status === "pending") this.schedule(name, this.debounceMs);
  }
}

/** What the save indicator says. */
export function describeSave(draft: FileDraft | undefined): string {
  if (!draft) return "";
  switch (draft.status) {
    case "pending":
    case "saving":
      return "Saving…";
    case "retrying":
      return "Not saved — retrying";
    case "saved":
      return draft.version === 0 ? "Not changed yet" : `Saved · version ${draft.version}`;
  }
}
