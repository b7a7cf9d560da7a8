import { describe, expect, it } from "vitest";
import type { Receipt, TutorMessage } from "../api/client";
import {
  announcement,
  EMPTY,
  reduceConversation,
  verdict,
  type Conversation,
  type ConversationAction,
} from "./conversation";

function message(fields: Partial<TutorMessage> & Pick<TutorMessage, "id" | "role" | "text">): TutorMessage {
  return {
    conversation_id: 7,
    html: "",
    status: null,
    mode: null,
    result: null,
    receipts: [],
    sources: [],
    unverified: [],
    created_at: "2025-01-01T00:00:00Z",
    ...fields,
  };
}

const QUESTION = "What is the determinant of [[2, 1], [7, 4]]?";
const STORED_QUESTION = message({ id: 1, role: "learner", text: QUESTION });
const PASSED: Receipt = { title: "det with NumPy", code: "print(1)", output: "1", passed: true };
const FAILED: Receipt = { ...PASSED, passed: false };
const REPLY = message({ id: 2, role: "tutor", text: "The determinant is 1.", status: "answered", receipts: [PASSED] });

function run(actions: readonly ConversationAction[], from: Conversation = EMPTY): Conversation {
  return actions.reduce(reduceConversation, from);
}

describe("a conversation", () => {
  it("shows the question at once, then the stored one, the status, the streamed draft and the reply", () => {
    const asked = run([{ type: "ask", question: QUESTION }]);
    expect(asked).toMatchObject({ asking: QUESTION, busy: true, messages: [] });

    const stored = run([{ type: "event", event: { type: "conversation", conversationId: 7, message: STORED_QUESTION } }], asked);
    expect(stored).toMatchObject({ id: 7, asking: null, messages: [STORED_QUESTION] });

    const streaming = run(
      [
        { type: "event", event: { type: "status", text: "Solving…" } },
        { type: "event", event: { type: "status", text: "Checking in the sandbox…" } },
        { type: "event", event: { type: "delta", text: "The determinant " } },
        { type: "event", event: { type: "delta", text: "is 1." } },
      ],
      stored,
    );
    expect(streaming).toMatchObject({ status: "Checking in the sandbox…", draft: "The determinant is 1.", busy: true });

    const answered = run([{ type: "event", event: { type: "message", message: REPLY } }], streaming);
    expect(answered).toEqual({ ...EMPTY, id: 7, messages: [STORED_QUESTION, REPLY] });
  });

  it("keeps the question for Retry when the tutor reports an error", () => {
    const failed = run([
      { type: "ask", question: QUESTION },
      { type: "event", event: { type: "conversation", conversationId: 7, message: STORED_QUESTION } },
      { type: "event", event: { type: "delta", text: "The det" } },
      { type: "event", event: { type: "error", detail: "The sandbox did not start." } },
    ]);
    expect(failed).toMatchObject({ busy: false, draft: "", status: null });
    expect(failed.failure).toEqual({ kind: "error", message: "The sandbox did not start.", question: QUESTION });
  });

  it("keeps an unsent question on screen when the request fails before the server stored it", () => {
    const failed = run([
      { type: "ask", question: QUESTION },
      { type: "failed", message: "Cannot reach the la4ai server." },
    ]);
    expect(failed).toMatchObject({ asking: QUESTION, busy: false, messages: [] });
    expect(failed.failure).toEqual({ kind: "error", message: "Cannot reach the la4ai server.", question: QUESTION });
    // Retrying asks again: the error goes away and the question is on its way once more.
    expect(run([{ type: "ask", question: QUESTION }], failed)).toMatchObject({ failure: null, asking: QUESTION, busy: true });
  });

  it("drops the half-written draft when the learner presses Stop", () => {
    const stopped = run([
      { type: "ask", question: QUESTION },
      { type: "event", event: { type: "conversation", conversationId: 7, message: STORED_QUESTION } },
      { type: "event", event: { type: "delta", text: "The det" } },
      { type: "stopped" },
    ]);
    expect(stopped).toMatchObject({ busy: false, draft: "", messages: [STORED_QUESTION] });
    expect(stopped.failure).toMatchObject({ kind: "stopped", question: QUESTION });
  });

  it("ignores events, failures and stops that arrive when nothing is being asked", () => {
    const settled = run([{ type: "event", event: { type: "delta", text: "late" } }, { type: "failed", message: "x" }, { type: "stopped" }]);
    expect(settled).toBe(EMPTY);
  });

  it("opens a stored conversation and starts a new one", () => {
    const opened = run([
      { type: "ask", question: "something else" },
      { type: "opened", view: { id: 3, title: "det", module_id: "determinants", page: "lesson", messages: [STORED_QUESTION, REPLY] } },
    ]);
    expect(opened).toEqual({ ...EMPTY, id: 3, messages: [STORED_QUESTION, REPLY] });
    expect(run([{ type: "new" }], opened)).toBe(EMPTY);
  });
});

describe("a reply's badge", () => {
  it("says Verified only when the tutor answered and every check it ran passed", () => {
    expect(verdict({ status: "answered", receipts: [PASSED, PASSED] })).toBe("verified");
    expect(verdict({ status: "answered", receipts: [PASSED, FAILED] })).toBe("failed");
    expect(verdict({ status: "answered", receipts: [] })).toBe("answered");
  });

  it("says Partly verified when a number in the text comes from no tool, even if every check passed", () => {
    expect(verdict({ status: "answered", receipts: [PASSED], unverified: ["2"] })).toBe("partial");
    expect(verdict({ status: "answered", receipts: [], unverified: ["2"] })).toBe("partial");
    expect(verdict({ status: "answered", receipts: [FAILED], unverified: ["2"] })).toBe("failed");
    expect(verdict({ status: "answered", receipts: [PASSED], unverified: [] })).toBe("verified");
  });

  it("says Declined or Hint as the tutor does, and nothing for a learner's message", () => {
    expect(verdict({ status: "declined", receipts: [] })).toBe("declined");
    expect(verdict({ status: "hint", receipts: [PASSED] })).toBe("hint");
    expect(verdict({ status: null, receipts: [] })).toBeNull();
  });
});

describe("what a screen reader hears", () => {
  it("names the badge and reads the text without Markdown marks, cut short when long", () => {
    const long = message({ ...REPLY, text: `**Answer:** ${"word ".repeat(100)}` });
    const said = announcement(long, 40);
    expect(said).toMatch(/^The tutor replied \(Verified\): Answer: word word/);
    expect(said.endsWith("…")).toBe(true);
    expect(said.length).toBeLessThan(80);
  });
});
