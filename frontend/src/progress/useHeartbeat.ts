import { useEffect } from "react";
import { progress, type HeartbeatKind } from "../api/client";
import { startHeartbeats } from "./heartbeat";

/**
 * Count the learner's active time on this page (see `heartbeat.ts`): a heartbeat every 15 s
 * while the page is visible and in use, and a last one when the tab is hidden or the page
 * is left. `moduleId` is "" on the Review page. Failures are silent: learning goes on.
 */
export function useHeartbeat(kind: HeartbeatKind, moduleId: string): void {
  useEffect(() => {
    return startHeartbeats({
      target: window,
      document,
      send: (seconds, final) => {
        // keepalive: a heartbeat sent as the tab closes still arrives.
        progress.heartbeat(kind, moduleId, seconds, final).catch(() => undefined);
      },
    });
  }, [kind, moduleId]);
}
