import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { AskContext } from "../api/client";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { useShortcuts } from "../hooks/useShortcuts";
import type { KernelSession } from "../kernel/session";
import type { Conversation } from "./conversation";
import { TutorHistory } from "./TutorHistory";
import { TutorMessageView } from "./TutorMessageView";
import { useTutor, type Tutor } from "./useTutor";

export const LESSON_EXAMPLES = [
  "eigenvalues of [[2, 1], [1, 2]]",
  "What is the determinant of [[2, 1], [7, 4]]?",
  "Solve x + 2y = 5, 3x - y = 1",
];
export const LAB_EXAMPLES = ["Why does my check fail?", "Give me a hint", "What does my error mean?"];

function modeLine(status: Tutor["status"]): string | null {
  if (!status) return null;
  const where = status.verifier === "sandbox" ? "in the sandbox" : "on this computer";
  const who = status.mode === "llm" ? (status.model ?? "Language model") : "Offline";
  return `${who} · math checked by code run ${where}`;
}

function hasUnverified(conversation: Conversation): boolean {
  return conversation.messages.some((m) => (m.unverified ?? []).length > 0 || m.html.includes("data-unverified"));
}

/** Keep the newest text in view while the learner is at the bottom; show a new reply from its start. */
function useFollow(log: HTMLElement | null, conversation: Conversation) {
  const last = conversation.messages.at(-1);
  const nearBottom = useRef(true);
  useEffect(() => {
    if (!log) return;
    const onScroll = () => {
      nearBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    };
    log.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      log.removeEventListener("scroll", onScroll);
    };
  }, [log]);
  useLayoutEffect(() => {
    if (!log || !last) return;
    if (last.role === "tutor") {
      log.querySelector(`[data-message-id="${last.id}"]`)?.scrollIntoView({ block: "start" });
      return;
    }
    log.scrollTo({ top: log.scrollHeight });
  }, [log, last]);
  useLayoutEffect(() => {
    if (log && nearBottom.current) log.scrollTo({ top: log.scrollHeight });
  }, [log, conversation.draft, conversation.status, conversation.failure, conversation.asking]);
}

function Composer({ tutor, input }: { tutor: Tutor; input: React.RefObject<HTMLTextAreaElement | null> }) {
  const [text, setText] = useState("");
  const ids = useId();
  const busy = tutor.conversation.busy;

  function send() {
    if (busy || text.trim() === "") return;
    tutor.ask(text);
    setText("");
  }

  return (
    <form
      className="tutor-composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label htmlFor={`${ids}-input`} className="visually-hidden">
        Your question for the tutor
      </label>
      <textarea
        id={`${ids}-input`}
        ref={input}
        className="tutor-input"
        rows={2}
        value={text}
        placeholder="Ask about this page…"
        aria-describedby={`${ids}-keys`}
        maxLength={4000}
        onChange={(event) => {
          setText(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
          }
        }}
      />
      {busy ? (
        <button type="button" className="button-secondary tutor-stop" onClick={tutor.stop}>
          ■ Stop
        </button>
      ) : (
        <button type="submit" className="button tutor-send" disabled={text.trim() === ""}>
          Send
        </button>
      )}
      <p id={`${ids}-keys`} className="tutor-keys muted">
        Enter sends · Shift+Enter starts a new line
      </p>
    </form>
  );
}

function Examples({ examples, onAsk }: { examples: readonly string[]; onAsk: (question: string) => void }) {
  const ids = useId();
  return (
    <div className="tutor-empty">
      <p id={ids}>Ask about this page, or try one of these:</p>
      <ul className="tutor-examples" aria-labelledby={ids}>
        {examples.map((example) => (
          <li key={example}>
            <button
              type="button"
              className="tutor-chip"
              onClick={() => {
                onAsk(example);
              }}
            >
              {example}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Exchange({ tutor, session }: { tutor: Tutor; session: KernelSession }) {
  const { conversation } = tutor;
  const failure = conversation.failure;
  return (
    <>
      <ol className="tutor-messages" aria-label="Messages">
        {conversation.messages.map((message) => (
          <TutorMessageView key={message.id} message={message} session={session} />
        ))}
        {conversation.asking !== null ? (
          <li className="tutor-msg tutor-msg-learner tutor-msg-pending">
            <span className="visually-hidden">You asked: </span>
            <p className="tutor-question">{conversation.asking}</p>
          </li>
        ) : null}
        {conversation.draft ? (
          <li className="tutor-msg tutor-msg-tutor tutor-draft" aria-busy="true">
            <p className="tutor-msg-head">
              <span className="tutor-who">Tutor</span>
              <span className="badge tutor-verdict verdict-draft">writing…</span>
            </p>
            <p className="tutor-plain">{conversation.draft}</p>
          </li>
        ) : null}
      </ol>
      {conversation.busy ? (
        <p className="tutor-status" role="status">
          <span className="spinner spinner-small" aria-hidden="true" />
          {conversation.status ?? "Thinking…"}
        </p>
      ) : null}
      {failure ? (
        <div className={`tutor-failure failure-${failure.kind}`} role={failure.kind === "error" ? "alert" : undefined}>
          <p>{failure.message}</p>
          {failure.question ? (
            <button type="button" className="button-secondary" onClick={tutor.retry}>
              {failure.kind === "error" ? "Retry" : "Ask again"}
            </button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

type Props = {
  moduleId: string;
  page: "lesson" | "lab";
  /** The page's kernel: "Open in a cell" runs a receipt's code in it. */
  session: KernelSession;
  /** What the tutor should know about the page, read when a question is sent. */
  context: () => AskContext;
  examples: readonly string[];
};

/**
 * The tutor beside a lesson or a lab: "Ask the tutor" (or the `a` key) opens a side panel
 * (a drawer on a phone) with the module's latest conversation; Escape or Close closes it.
 */
export function TutorPanel({ moduleId, page, session, context, examples }: Props) {
  const [open, setOpen] = useState(false);
  const tutor = useTutor({ moduleId, page, context, active: open });
  const [confirmDelete, setConfirmDelete] = useState<{ id: number; title: string } | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const launcher = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);
  const [log, setLog] = useState<HTMLElement | null>(null);
  const ids = useId();
  const titleId = `${ids}-title`;
  const panelId = `${ids}-panel`;
  useFollow(log, tutor.conversation);

  function show() {
    if (open) {
      input.current?.focus();
      return;
    }
    const active = document.activeElement;
    returnTo.current = active instanceof HTMLElement && active !== document.body ? active : null;
    setOpen(true);
  }

  useShortcuts({ a: show });

  useEffect(() => {
    if (open) {
      input.current?.focus();
    } else if (wasOpen.current) {
      const target = returnTo.current?.isConnected ? returnTo.current : launcher.current;
      target?.focus();
    }
    wasOpen.current = open;
  }, [open]);

  const { conversation } = tutor;
  const empty = conversation.messages.length === 0 && conversation.asking === null && !tutor.loading;
  const mode = modeLine(tutor.status);

  const panel = (
    <aside
      id={panelId}
      className="tutor-panel"
      aria-labelledby={titleId}
      data-page={page}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !event.defaultPrevented) {
          event.preventDefault();
          setOpen(false);
        }
      }}
    >
      <header className="tutor-head">
        <div className="tutor-head-text">
          <h2 id={titleId} className="tutor-title">
            Tutor
          </h2>
          {mode ? <p className="tutor-mode muted">{mode}</p> : null}
        </div>
        <button
          type="button"
          className="button-quiet"
          onClick={tutor.startNew}
          disabled={conversation.id === null && conversation.messages.length === 0 && !conversation.busy}
        >
          New conversation
        </button>
        <button
          type="button"
          className="button-quiet tutor-close"
          aria-label="Close the tutor"
          title="Close (Escape)"
          onClick={() => {
            setOpen(false);
          }}
        >
          ✕
        </button>
      </header>
      <TutorHistory
        history={tutor.history}
        currentId={conversation.id}
        onOpen={tutor.open}
        onDelete={(id, title) => {
          setConfirmDelete({ id, title });
        }}
      />
      <div className="tutor-log" ref={setLog} role="group" aria-label="Conversation" tabIndex={0}>
        {tutor.loadError ? (
          <div className="tutor-failure" role="alert">
            <p>{tutor.loadError}</p>
            <button type="button" className="button-secondary" onClick={tutor.retryLoad}>
              Retry
            </button>
          </div>
        ) : null}
        {tutor.loading ? (
          <p className="tutor-status" role="status">
            <span className="spinner spinner-small" aria-hidden="true" /> Loading the conversation…
          </p>
        ) : null}
        {empty ? <Examples examples={examples} onAsk={tutor.ask} /> : null}
        <Exchange tutor={tutor} session={session} />
        {hasUnverified(conversation) ? (
          <p className="tutor-legend">
            <span className="unverified" aria-hidden="true">
              7
            </span>
            <span className="unverified-mark" aria-hidden="true">
              ?
            </span>{" "}
            A number marked like this is <strong>unverified</strong>: no code the tutor ran produced it. Check it
            before you rely on it.
          </p>
        ) : null}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {tutor.announcement}
      </p>
      <Composer tutor={tutor} input={input} />
    </aside>
  );

  return (
    <>
      {open ? null : (
        <button
          ref={launcher}
          type="button"
          className="button tutor-launcher"
          aria-keyshortcuts="a"
          title="Ask the tutor (a)"
          onClick={show}
        >
          <span aria-hidden="true">✦</span> Ask the tutor
        </button>
      )}
      {open ? createPortal(panel, document.body) : null}
      <ConfirmDialog
        open={confirmDelete !== null}
        title="Delete this conversation?"
        confirmLabel="Delete"
        onConfirm={() => {
          if (confirmDelete) tutor.remove(confirmDelete.id);
          setConfirmDelete(null);
        }}
        onCancel={() => {
          setConfirmDelete(null);
        }}
      >
        <p>“{confirmDelete?.title}” and its answers are deleted for good.</p>
      </ConfirmDialog>
    </>
  );
}
