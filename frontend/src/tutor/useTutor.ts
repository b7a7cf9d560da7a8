import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { tutor, type AskContext, type ConversationSummary, type TutorStatus } from "../api/client";
import { announcement, EMPTY, reduceConversation, type Conversation } from "./conversation";
import { askTutor } from "./sse";

export type Tutor = {
  readonly conversation: Conversation;
  /** The module's conversations, newest first (null until loaded). */
  readonly history: readonly ConversationSummary[] | null;
  /** Loading the history, opening or deleting a conversation failed: what went wrong. */
  readonly loadError: string | null;
  /** Try what failed (`loadError`) again. */
  readonly retryLoad: () => void;
  readonly loading: boolean;
  readonly status: TutorStatus | null;
  /** The last thing to say to screen readers (a reply arrived). */
  readonly announcement: string;
  readonly ask: (question: string) => void;
  readonly stop: () => void;
  readonly retry: () => void;
  readonly open: (conversationId: number) => void;
  readonly startNew: () => void;
  readonly remove: (conversationId: number) => void;
};

/** What to try again when loading failed. */
type Pending = { type: "restore" } | { type: "open"; id: number } | { type: "remove"; id: number };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Options = {
  moduleId: string;
  /** The kind of page: the latest conversation started on this kind is restored. */
  page: AskContext["page"];
  /** Read when a question is sent (so a lab sends its code as it is then). */
  context: () => AskContext;
  /** The panel is open: the first time, the history loads and the latest conversation opens. */
  active: boolean;
};

/**
 * The tutor for one module's page: ask (streaming the reply), stop, retry, and the module's
 * conversations. A lesson and its lab share the history, but each reopens its own latest
 * conversation (a lab's questions come with the learner's code; a lesson's do not).
 */
export function useTutor({ moduleId, page, context, active }: Options): Tutor {
  const [conversation, dispatch] = useReducer(reduceConversation, EMPTY);
  const [history, setHistory] = useState<readonly ConversationSummary[] | null>(null);
  const [loadError, setLoadError] = useState<{ message: string; pending: Pending } | null>(null);
  const [loading, setLoading] = useState(false);
  const [status, setStatus] = useState<TutorStatus | null>(null);
  const [said, setSaid] = useState("");
  const controller = useRef<AbortController | null>(null);
  const contextRef = useRef(context);
  const current = useRef(conversation);
  const restored = useRef(false);
  useEffect(() => {
    contextRef.current = context;
    current.current = conversation;
  });

  useEffect(
    () => () => {
      controller.current?.abort();
    },
    [],
  );

  const refreshHistory = useCallback(
    () =>
      tutor.conversations(moduleId).then((list) => {
        setHistory(list);
        return list;
      }),
    [moduleId],
  );

  const open = useCallback((conversationId: number) => {
    controller.current?.abort();
    controller.current = null;
    setLoading(true);
    setLoadError(null);
    tutor.conversation(conversationId).then(
      (view) => {
        setLoading(false);
        dispatch({ type: "opened", view });
      },
      (error: unknown) => {
        setLoading(false);
        setLoadError({
          message: `Could not open that conversation: ${messageOf(error)}`,
          pending: { type: "open", id: conversationId },
        });
      },
    );
  }, []);

  const restore = useCallback(() => {
    setLoading(true);
    setLoadError(null);
    refreshHistory().then(
      (list) => {
        setLoading(false);
        const latest = list.find((item) => item.page === page);
        // Only if the learner has not started asking meanwhile.
        const untouched = current.current.id === null && current.current.messages.length === 0 && !current.current.busy;
        if (latest && untouched) open(latest.id);
      },
      (error: unknown) => {
        setLoading(false);
        setLoadError({ message: `Could not load your conversations: ${messageOf(error)}`, pending: { type: "restore" } });
      },
    );
  }, [refreshHistory, open, page]);

  useEffect(() => {
    if (!active || restored.current) return;
    restored.current = true;
    restore();
    tutor.status().then(setStatus, () => undefined); // the mode line is an extra
  }, [active, restore]);

  const ask = useCallback(
    (question: string) => {
      const text = question.trim();
      if (text === "" || controller.current !== null || current.current.busy) return;
      const stream = new AbortController();
      controller.current = stream;
      dispatch({ type: "ask", question: text });
      setSaid("");
      const request = { question: text, conversation_id: current.current.id, context: contextRef.current() };
      askTutor(
        request,
        (event) => {
          if (controller.current !== stream) return;
          dispatch({ type: "event", event });
          if (event.type === "message") setSaid(announcement(event.message));
          if (event.type === "error") setSaid(`The tutor could not answer: ${event.detail}`);
        },
        stream.signal,
      ).then(
        () => {
          if (controller.current === stream) controller.current = null;
          refreshHistory().catch(() => undefined);
        },
        (error: unknown) => {
          if (controller.current !== stream) return;
          controller.current = null;
          if (stream.signal.aborted) {
            dispatch({ type: "stopped" });
          } else {
            dispatch({ type: "failed", message: messageOf(error) });
            setSaid(`The tutor could not answer: ${messageOf(error)}`);
          }
          refreshHistory().catch(() => undefined);
        },
      );
    },
    [refreshHistory],
  );

  const stop = useCallback(() => {
    controller.current?.abort();
  }, []);

  const retry = useCallback(() => {
    const failure = current.current.failure;
    if (failure) ask(failure.question);
  }, [ask]);

  const startNew = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setLoadError(null);
    dispatch({ type: "new" });
  }, []);

  const remove = useCallback(
    (conversationId: number) => {
      setLoadError(null);
      tutor.remove(conversationId).then(
        () => {
          if (current.current.id === conversationId) startNew();
          refreshHistory().catch(() => undefined);
        },
        (error: unknown) => {
          setLoadError({
            message: `Could not delete that conversation: ${messageOf(error)}`,
            pending: { type: "remove", id: conversationId },
          });
        },
      );
    },
    [refreshHistory, startNew],
  );

  const retryLoad = useCallback(() => {
    const pending = loadError?.pending;
    if (pending?.type === "restore") restore();
    else if (pending?.type === "open") open(pending.id);
    else if (pending?.type === "remove") remove(pending.id);
  }, [loadError, restore, open, remove]);

  return {
    conversation,
    history,
    loadError: loadError?.message ?? null,
    retryLoad,
    loading,
    status,
    announcement: said,
    ask,
    stop,
    retry,
    open,
    startNew,
    remove,
  };
}
