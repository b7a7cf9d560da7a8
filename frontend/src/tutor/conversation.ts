/**
 * One conversation with the tutor as the panel shows it, and the pure reducer that moves it
 * along: a question asked, the tutor's events as they stream in, a failure or a Stop, a
 * stored conversation opened, a new one started.
 */
import type { ConversationView, TutorMessage } from "../api/client";
import type { TutorEvent } from "./sse";

/** Why the last question has no reply: the tutor said so, the request failed, or Stop. */
export type Failure = { readonly kind: "error" | "stopped"; readonly message: string; readonly question: string };

export type Conversation = {
  /** null until the server stores the first question. */
  readonly id: number | null;
  readonly messages: readonly TutorMessage[];
  /** The question on its way, shown until the server answers with the stored one. */
  readonly asking: string | null;
  /** The tutor's reply as it streams in (Markdown source; the final message replaces it). */
  readonly draft: string;
  /** What the tutor is doing now ("Solving…"), while it answers. */
  readonly status: string | null;
  readonly busy: boolean;
  readonly failure: Failure | null;
};

export type ConversationAction =
  | { type: "ask"; question: string }
  | { type: "event"; event: TutorEvent }
  | { type: "failed"; message: string }
  | { type: "stopped" }
  | { type: "opened"; view: ConversationView }
  | { type: "new" };

export const EMPTY: Conversation = {
  id: null,
  messages: [],
  asking: null,
  draft: "",
  status: null,
  busy: false,
  failure: null,
};

function settle(state: Conversation, failure: Failure | null): Conversation {
  return { ...state, asking: failure ? state.asking : null, draft: "", status: null, busy: false, failure };
}

/** The question of the exchange in flight: still on its way, or the last one stored. */
function pendingQuestion(state: Conversation): string {
  if (state.asking !== null) return state.asking;
  const last = state.messages.at(-1);
  return last?.role === "learner" ? last.text : "";
}

function onEvent(state: Conversation, event: TutorEvent): Conversation {
  switch (event.type) {
    case "conversation":
      return { ...state, id: event.conversationId, asking: null, messages: [...state.messages, event.message] };
    case "status":
      return { ...state, status: event.text };
    case "delta":
      return { ...state, draft: state.draft + event.text };
    case "message":
      return settle({ ...state, id: event.message.conversation_id, messages: [...state.messages, event.message] }, null);
    case "error":
      return settle(state, { kind: "error", message: event.detail, question: pendingQuestion(state) });
  }
}

export function reduceConversation(state: Conversation, action: ConversationAction): Conversation {
  switch (action.type) {
    case "ask":
      return { ...state, asking: action.question, draft: "", status: null, busy: true, failure: null };
    case "event":
      return state.busy ? onEvent(state, action.event) : state;
    case "failed":
      if (!state.busy) return state;
      return settle(state, { kind: "error", message: action.message, question: pendingQuestion(state) });
    case "stopped":
      if (!state.busy) return state;
      return settle(state, { kind: "stopped", message: "You stopped this answer.", question: pendingQuestion(state) });
    case "opened":
      return { ...EMPTY, id: action.view.id, messages: action.view.messages };
    case "new":
      return EMPTY;
  }
}

/** What a tutor message's badge says. */
export type Verdict = "verified" | "partial" | "failed" | "declined" | "hint" | "answered";

/**
 * "verified" only when the tutor answered and ran code that backs it, all of which passed,
 * and no number in the text lacks a tool result; "partial" when some number does (LLM mode);
 * "failed" when some of the code did not pass; "answered" when it ran none and states no
 * unbacked number (nothing to verify, e.g. an answer from the course's text).
 */
export function verdict(message: Pick<TutorMessage, "status" | "receipts" | "unverified">): Verdict | null {
  const receipts = message.receipts ?? [];
  const unbacked = (message.unverified ?? []).length > 0;
  switch (message.status ?? null) {
    case "declined":
      return "declined";
    case "hint":
      return "hint";
    case "answered":
      if (receipts.some((r) => !r.passed)) return "failed";
      if (unbacked) return "partial";
      return receipts.length === 0 ? "answered" : "verified";
    case null:
      return null;
  }
}

export const VERDICT_LABEL: Record<Verdict, string> = {
  verified: "Verified",
  partial: "Partly verified",
  failed: "Check failed",
  declined: "Declined",
  hint: "Hint",
  answered: "Answered",
};

/** What a screen reader hears when a reply arrives: who, the badge, and the text's start. */
export function announcement(message: TutorMessage, maxChars = 280): string {
  const badge = verdict(message);
  const plain = message.text.replace(/[`*_#>]/g, "").replace(/\s+/g, " ").trim();
  const text = plain.length > maxChars ? `${plain.slice(0, maxChars - 1)}…` : plain;
  return `The tutor replied${badge ? ` (${VERDICT_LABEL[badge]})` : ""}: ${text}`;
}
