import { useEffect, useState, useSyncExternalStore } from "react";
import { workspaces, type WorkspaceKind } from "../api/client";
import { WorkspaceFiles, type FileDraft, type WorkspaceApi, type WorkspaceState } from "./files";

export function workspaceApi(kind: WorkspaceKind, moduleId: string): WorkspaceApi {
  return {
    load: async () => (await workspaces.get(kind, moduleId)).files,
    save: (name, content, baseVersion, keepalive) =>
      workspaces.save(kind, moduleId, name, content, baseVersion, keepalive),
    reset: (name) => workspaces.reset(kind, moduleId, name),
    restore: (name, version) => workspaces.restore(kind, moduleId, name, version),
  };
}

/**
 * The page's saved code: loaded on mount, saved as the learner types, and flushed (with
 * `keepalive`, so the request outlives the page) when the page is hidden or left.
 */
export function useWorkspace(kind: WorkspaceKind, moduleId: string): WorkspaceFiles {
  const [files] = useState(() => new WorkspaceFiles(workspaceApi(kind, moduleId)));
  useEffect(() => {
    void files.load();
    const flush = () => {
      files.flush(true);
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    window.addEventListener("beforeunload", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("beforeunload", flush);
      document.removeEventListener("visibilitychange", onVisibility);
      flush();
      files.dispose();
    };
  }, [files]);
  return files;
}

export function useWorkspaceState<T>(files: WorkspaceFiles, select: (state: WorkspaceState) => T): T {
  return useSyncExternalStore(files.subscribe, () => select(files.getState()));
}

export function useDraft(files: WorkspaceFiles, name: string): FileDraft | undefined {
  return useWorkspaceState(files, (state) => state.files[name]);
}
