/**
 * Server-sent events over a `fetch` body (the tutor answers a POST, which EventSource cannot
 * send): an incremental parser that follows the WHATWG event-stream rules, and `askTutor`,
 * which posts a question and hands each typed tutor event to a callback as it arrives.
 */
import { ApiError, type AskRequest, type TutorMessage } from "../api/client";

/** One dispatched event: its name ("message" when the stream gave none) and its data. */
export type SseEvent = { readonly event: string; readonly data: string; readonly id: string };

/**
 * Feed it text as it arrives, in chunks split anywhere (inside a line, between CR and LF);
 * it returns the events each chunk completes. Lines end with CRLF, LF or CR; `:` starts a
 * comment; several `data:` lines join with newlines; an event without data is dropped, and
 * so is an unfinished one when the stream ends (as the standard says).
 */
export class SseParser {
  private buffer = "";
  /** The last chunk ended with CR: a LF at the start of the next one belongs to it. */
  private afterCr = false;
  private started = false;
  private eventName = "";
  private data: string[] = [];
  private lastId = "";

  push(chunk: string): SseEvent[] {
    // An empty chunk (a decoder holding half a character) must not end a pending CR.
    if (chunk === "") return [];
    let text = chunk;
    if (!this.started) {
      this.started = true;
      if (text.startsWith("\uFEFF")) text = text.slice(1);
    }
    if (this.afterCr && text.startsWith("\n")) text = text.slice(1);
    this.afterCr = false;
    this.buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const char = this.buffer[i];
      if (char !== "\n" && char !== "\r") continue;
      const line = this.buffer.slice(start, i);
      if (char === "\r") {
        if (i + 1 === this.buffer.length) this.afterCr = true;
        else if (this.buffer[i + 1] === "\n") i++;
      }
      start = i + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    switch (field) {
      case "event":
        this.eventName = value;
        break;
      case "data":
        this.data.push(value);
        break;
      case "id":
        if (!value.includes("\0")) this.lastId = value;
        break;
      default:
        // `retry` tells EventSource when to reconnect; a POST is never re-sent on its own.
        break;
    }
    return null;
  }

  private dispatch(): SseEvent | null {
    const name = this.eventName;
    const data = this.data;
    this.eventName = "";
    this.data = [];
    if (data.length === 0) return null;
    return { event: name === "" ? "message" : name, data: data.join("\n"), id: this.lastId };
  }
}

/** What the tutor sends while it answers (see `POST /api/tutor/ask`). */
export type TutorEvent =
  | { type: "conversation"; conversationId: number; message: TutorMessage }
  | { type: "status"; text: string }
  | { type: "delta"; text: string }
  | { type: "message"; message: TutorMessage }
  | { type: "error"; detail: string };

export class TutorStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TutorStreamError";
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isMessage(value: unknown): value is TutorMessage {
  // The server builds every message from the same model the type comes from.
  return isObject(value) && typeof value.id === "number" && typeof value.role === "string" && typeof value.text === "string";
}

function text(data: Record<string, unknown>, key: string, event: string): string {
  const value = data[key];
  if (typeof value !== "string") throw new TutorStreamError(`The tutor sent a "${event}" event without "${key}".`);
  return value;
}

/** The typed tutor event an SSE event carries; null for names it does not know (skip them). */
export function tutorEvent(event: SseEvent): TutorEvent | null {
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    throw new TutorStreamError(`The tutor sent a "${event.event}" event that is not JSON.`);
  }
  if (!isObject(data)) throw new TutorStreamError(`The tutor sent a "${event.event}" event that is not an object.`);
  switch (event.event) {
    case "conversation":
      if (typeof data.conversation_id !== "number" || !isMessage(data.message)) {
        throw new TutorStreamError('The tutor sent a "conversation" event without a conversation and message.');
      }
      return { type: "conversation", conversationId: data.conversation_id, message: data.message };
    case "status":
      return { type: "status", text: text(data, "text", "status") };
    case "delta":
      return { type: "delta", text: text(data, "text", "delta") };
    case "message":
      if (!isMessage(data)) throw new TutorStreamError('The tutor sent a "message" event that is not a message.');
      return { type: "message", message: data };
    case "error":
      return { type: "error", detail: text(data, "detail", "error") };
    default:
      return null;
  }
}

/** Every event of a byte stream, in order, as each arrives. */
export async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: SseEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const chunk = done ? decoder.decode() : decoder.decode(value, { stream: true });
      for (const event of parser.push(chunk)) onEvent(event);
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

function validationText(detail: unknown): string {
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    const parts = detail.map((item) => {
      if (!isObject(item) || typeof item.msg !== "string") return JSON.stringify(item);
      const where = Array.isArray(item.loc) ? item.loc.filter((part) => part !== "body").join(".") : "";
      return where ? `${where}: ${item.msg}` : item.msg;
    });
    return parts.join("; ");
  }
  return JSON.stringify(detail);
}

async function refusal(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isObject(body) && "detail" in body) return new ApiError(validationText(body.detail), response.status);
  return new ApiError(`The server answered ${response.status}.`, response.status);
}

/**
 * Ask the tutor: `onEvent` gets each event as it arrives. Resolves once the tutor's reply
 * (`message`) or an `error` event has come; rejects with an `ApiError` when the server
 * refuses the question (422, 404) or cannot be reached, with a `TutorStreamError` when the
 * stream breaks off or makes no sense, and with the `AbortError` of `signal` when stopped.
 */
export async function askTutor(
  request: AskRequest,
  onEvent: (event: TutorEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch("/api/tutor/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(request),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError("Cannot reach the la4ai server. Is it still running?", 0);
  }
  if (!response.ok) throw await refusal(response);
  const type = response.headers.get("Content-Type") ?? "";
  if (!type.startsWith("text/event-stream") || !response.body) {
    throw new TutorStreamError(`The tutor answered with ${type || "no content type"} instead of an event stream.`);
  }
  const reply = { finished: false };
  try {
    await readEvents(response.body, (raw) => {
      if (reply.finished) return;
      const event = tutorEvent(raw);
      if (!event) return;
      if (event.type === "message" || event.type === "error") reply.finished = true;
      onEvent(event);
    });
  } catch (error) {
    if (signal?.aborted || error instanceof TutorStreamError) throw error;
    throw new TutorStreamError("The connection to the tutor broke off. Try again.");
  }
  signal?.throwIfAborted();
  if (!reply.finished) throw new TutorStreamError("The tutor stopped before it finished its answer. Try again.");
}
