import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, type TutorMessage } from "../api/client";
import { askTutor, readEvents, SseParser, TutorStreamError, tutorEvent, type SseEvent, type TutorEvent } from "./sse";

/** Every UTF-16 unit its own chunk (the harshest split a stream can make). */
function units(text: string): string[] {
  return Array.from({ length: text.length }, (_, i) => text.charAt(i));
}

function parseAll(chunks: readonly string[]): SseEvent[] {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

const STREAM = [
  'event: conversation\ndata: {"conversation_id": 4}\n\n',
  ": keep-alive\n\n",
  "event: delta\ndata: first line\ndata: second line\n\n",
  "data: no name\n\n",
].join("");

const EXPECTED: SseEvent[] = [
  { event: "conversation", data: '{"conversation_id": 4}', id: "" },
  { event: "delta", data: "first line\nsecond line", id: "" },
  { event: "message", data: "no name", id: "" },
];

describe("the event-stream parser", () => {
  it("reads whole events, joining data lines and naming unnamed events 'message'", () => {
    expect(parseAll([STREAM])).toEqual(EXPECTED);
  });

  it("gives the same events however the stream is cut into chunks", () => {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      expect(parseAll([STREAM.slice(0, cut), STREAM.slice(cut)]), `cut at ${cut}`).toEqual(EXPECTED);
    }
    expect(parseAll(units(STREAM))).toEqual(EXPECTED);
  });

  it("returns an event only once its blank line has arrived", () => {
    const parser = new SseParser();
    expect(parser.push("event: status\ndata: Solving")).toEqual([]);
    expect(parser.push("…\n")).toEqual([]);
    expect(parser.push("\n")).toEqual([{ event: "status", data: "Solving…", id: "" }]);
  });

  it("accepts CRLF and CR line ends, even with CR and LF in different chunks", () => {
    const crlf = STREAM.replaceAll("\n", "\r\n");
    const cr = STREAM.replaceAll("\n", "\r");
    expect(parseAll([crlf])).toEqual(EXPECTED);
    expect(parseAll([cr])).toEqual(EXPECTED);
    for (let cut = 0; cut <= crlf.length; cut++) {
      expect(parseAll([crlf.slice(0, cut), crlf.slice(cut)]), `CRLF cut at ${cut}`).toEqual(EXPECTED);
    }
    expect(parseAll(units(crlf))).toEqual(EXPECTED);
    // A CR at the end of a chunk, then empty chunks, then its LF: still one line end.
    expect(parseAll(["data: a\r", "", "\n\r", "", "\n"])).toEqual([{ event: "message", data: "a", id: "" }]);
  });

  it("skips comments, unknown fields and events without data", () => {
    expect(parseAll([": hello\nretry: 10\nfoo: bar\nevent: status\n\nevent: delta\nid: 7\ndata: x\n\n"])).toEqual([
      { event: "delta", data: "x", id: "7" },
    ]);
  });

  it("drops one space after the colon, no more, and reads a bare field name as empty", () => {
    expect(parseAll(["data:  two spaces\ndata:none\ndata\n\n"])).toEqual([
      { event: "message", data: " two spaces\nnone\n", id: "" },
    ]);
  });

  it("strips a byte-order mark at the start and nowhere else", () => {
    expect(parseAll(["\uFEFFdata: \uFEFFx\n\n"])).toEqual([{ event: "message", data: "\uFEFFx", id: "" }]);
  });

  it("forgets an event name once its event is dispatched", () => {
    expect(parseAll(["event: delta\ndata: a\n\ndata: b\n\n"]).map((e) => e.event)).toEqual(["delta", "message"]);
  });
});

function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

describe("reading events from a byte stream", () => {
  it("decodes characters split across chunks and ignores an unfinished last event", async () => {
    const all = bytes('event: delta\ndata: {"text": "λ ≈ 3 …"}\n\ndata: cut off');
    const chunks = Array.from(all, (byte) => Uint8Array.of(byte)); // every character split
    const events: SseEvent[] = [];
    await readEvents(streamOf(chunks), (event) => events.push(event));
    expect(events).toEqual([{ event: "delta", data: '{"text": "λ ≈ 3 …"}', id: "" }]);
  });
});

const LEARNER: TutorMessage = {
  id: 1,
  conversation_id: 4,
  role: "learner",
  text: "det of [[2, 1], [7, 4]]",
  html: "",
  status: null,
  mode: null,
  result: null,
  receipts: [],
  sources: [],
  unverified: [],
  created_at: "2025-01-01T00:00:00Z",
};
const REPLY: TutorMessage = { ...LEARNER, id: 2, role: "tutor", text: "It is 1.", status: "answered", mode: "offline" };

function sse(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

describe("tutor events", () => {
  it("types each event the tutor sends", () => {
    const typed = [
      sse("conversation", { conversation_id: 4, message: LEARNER }),
      sse("status", { text: "Solving…" }),
      sse("delta", { text: "It is" }),
      sse("message", REPLY),
      sse("error", { detail: "The sandbox is busy." }),
    ].map((text) => tutorEvent(parseAll([text])[0] as SseEvent));
    expect(typed).toEqual<TutorEvent[]>([
      { type: "conversation", conversationId: 4, message: LEARNER },
      { type: "status", text: "Solving…" },
      { type: "delta", text: "It is" },
      { type: "message", message: REPLY },
      { type: "error", detail: "The sandbox is busy." },
    ]);
  });

  it("skips event names it does not know, and refuses data that is not what the name says", () => {
    expect(tutorEvent({ event: "ping", data: "{}", id: "" })).toBeNull();
    expect(() => tutorEvent({ event: "status", data: "Solving", id: "" })).toThrow(TutorStreamError);
    expect(() => tutorEvent({ event: "status", data: '{"text": 3}', id: "" })).toThrow(/without "text"/);
    expect(() => tutorEvent({ event: "message", data: '{"text": "x"}', id: "" })).toThrow(/not a message/);
    expect(() => tutorEvent({ event: "conversation", data: "[]", id: "" })).toThrow(/not an object/);
  });
});

function answer(body: string, contentType = "text/event-stream; charset=utf-8"): Response {
  return new Response(body, { status: 200, headers: { "Content-Type": contentType } });
}

describe("asking the tutor", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const request = { question: "det of [[2, 1], [7, 4]]", conversation_id: null, context: { page: "lesson" as const } };

  it("posts the question and hands over each event in order, then resolves", async () => {
    const fetch = vi.fn(() =>
      Promise.resolve(
        answer(sse("conversation", { conversation_id: 4, message: LEARNER }) + sse("status", { text: "Solving…" }) + sse("message", REPLY)),
      ),
    );
    vi.stubGlobal("fetch", fetch);
    const seen: TutorEvent["type"][] = [];
    await askTutor(request, (event) => seen.push(event.type));
    expect(seen).toEqual(["conversation", "status", "message"]);
    expect(fetch).toHaveBeenCalledWith(
      "/api/tutor/ask",
      expect.objectContaining({ method: "POST", body: JSON.stringify(request) }),
    );
  });

  it("says what the server refused, field by field", async () => {
    const detail = [{ loc: ["body", "question"], msg: "String should have at least 1 character", type: "string_too_short" }];
    vi.stubGlobal("fetch", () => Promise.resolve(Response.json({ detail }, { status: 422 })));
    const refused = askTutor({ ...request, question: "" }, () => undefined);
    await expect(refused).rejects.toThrow(ApiError);
    await expect(refused).rejects.toThrow("question: String should have at least 1 character");
    await expect(refused).rejects.toMatchObject({ status: 422 });

    vi.stubGlobal("fetch", () => Promise.resolve(Response.json({ detail: "No module 'nope'." }, { status: 404 })));
    await expect(askTutor(request, () => undefined)).rejects.toMatchObject({ message: "No module 'nope'.", status: 404 });
  });

  it("fails when the stream ends before the tutor's reply", async () => {
    vi.stubGlobal("fetch", () => Promise.resolve(answer(sse("status", { text: "Solving…" }))));
    const seen: TutorEvent[] = [];
    await expect(askTutor(request, (event) => seen.push(event))).rejects.toThrow(/stopped before it finished/);
    expect(seen).toEqual([{ type: "status", text: "Solving…" }]);
  });

  it("ends with an error event as an answer (the panel shows it), not a failure", async () => {
    vi.stubGlobal("fetch", () => Promise.resolve(answer(sse("error", { detail: "No sandbox." }))));
    const seen: TutorEvent[] = [];
    await askTutor(request, (event) => seen.push(event));
    expect(seen).toEqual([{ type: "error", detail: "No sandbox." }]);
  });

  it("refuses an answer that is not an event stream", async () => {
    vi.stubGlobal("fetch", () => Promise.resolve(answer("<!doctype html>", "text/html")));
    await expect(askTutor(request, () => undefined)).rejects.toThrow(/text\/html instead of an event stream/);
  });

  it("says when the server cannot be reached", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("fetch failed")));
    await expect(askTutor(request, () => undefined)).rejects.toMatchObject({ status: 0, message: /Cannot reach/ });
  });

  it("stops reading when its signal is aborted", async () => {
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        stream.enqueue(bytes(sse("status", { text: "Solving…" })));
        // …and nothing more until the learner presses Stop, which breaks the body off (as fetch does).
        controller.signal.addEventListener("abort", () => {
          stream.error(controller.signal.reason);
        });
      },
    });
    vi.stubGlobal("fetch", () => Promise.resolve(new Response(body, { headers: { "Content-Type": "text/event-stream" } })));
    const seen: string[] = [];
    const asked = askTutor(
      request,
      (event) => {
        seen.push(event.type);
        controller.abort();
      },
      controller.signal,
    );
    await expect(asked).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toEqual(["status"]);
  });
});
