/**
 * The code-execution protocol's message types, generated from the server's models
 * (`la4ai.runtime.events`), plus a parser for what arrives on the socket.
 */
import type { Schemas } from "../api/client";

export type ClientMessage = Schemas["ClientMessage"];
export type ServerEvent = Schemas["ServerEvent"];
export type RunRequest = Schemas["RunRequest"];
export type Hello = Schemas["Hello"];
export type CellError = Schemas["CellError"];
export type LimitNotice = Schemas["LimitNotice"];
export type CellDone = Schemas["CellDone"];
export type CellStatus = CellDone["status"];
export type KernelState = Schemas["KernelStatus"]["state"];
export type WorkspaceKind = Schemas["WorkspaceKind"];

const EVENT_TYPES: ReadonlySet<string> = new Set<ServerEvent["type"]>([
  "hello",
  "status",
  "stream",
  "display",
  "error",
  "limit",
  "done",
  "protocol_error",
]);

/** A server event from a socket frame, or null when the frame is not one. */
export function parseServerEvent(frame: unknown): ServerEvent | null {
  if (typeof frame !== "string") return null;
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || !("type" in value)) return null;
  const type = value.type;
  // The server builds every event from the same models the types come from.
  return typeof type === "string" && EVENT_TYPES.has(type) ? (value as ServerEvent) : null;
}

/** `ws(s)://<this host>/api/sessions/{kind}/{module}/ws`. */
export function sessionUrl(kind: WorkspaceKind, moduleId: string, location: Pick<Location, "protocol" | "host">): string {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${location.host}/api/sessions/${kind}/${encodeURIComponent(moduleId)}/ws`;
}
