import { useId } from "react";
import { Link } from "react-router";
import type { Source, TutorMessage } from "../api/client";
import type { KernelSession } from "../kernel/session";
import { VERDICT_LABEL, verdict, type Verdict } from "./conversation";
import { ReceiptView } from "./Receipts";
import { TutorProse } from "./TutorProse";

const VERDICT_ICON: Record<Verdict, string> = {
  verified: "✓",
  partial: "?",
  failed: "✗",
  declined: "–",
  hint: "",
  answered: "",
};

const VERDICT_TITLE: Record<Verdict, string> = {
  verified: "Every number in this answer comes from code that ran and passed its check",
  partial: "Some numbers in this answer come from no code the tutor ran: they are marked unverified",
  failed: "Some of the code that checks this answer did not pass",
  declined: "The tutor could not answer this with verified math, so it did not guess",
  hint: "A hint, not the answer",
  answered: "Nothing in this answer needed a computation",
};

function VerdictBadge({ message }: { message: TutorMessage }) {
  const kind = verdict(message);
  if (!kind) return null;
  const icon = VERDICT_ICON[kind];
  return (
    <span className={`badge tutor-verdict verdict-${kind}`} data-verdict={kind} title={VERDICT_TITLE[kind]}>
      {icon ? <span aria-hidden="true">{icon} </span> : null}
      {VERDICT_LABEL[kind]}
    </span>
  );
}

function SourceLink({ source }: { source: Source }) {
  const internal = source.url.startsWith("/");
  return (
    <li className="tutor-source">
      {internal ? <Link to={source.url}>{source.title}</Link> : <a href={source.url}>{source.title}</a>}
      {source.quote ? <blockquote className="tutor-quote">{source.quote}</blockquote> : null}
    </li>
  );
}

type Props = {
  message: TutorMessage;
  /** The kernel that "Open in a cell" runs receipts in. */
  session: KernelSession;
};

/** One message of the conversation: the learner's question, or the tutor's reply with its receipts. */
export function TutorMessageView({ message, session }: Props) {
  const ids = useId();
  const receipts = message.receipts ?? [];
  const sources = message.sources ?? [];
  if (message.role === "learner") {
    return (
      <li className="tutor-msg tutor-msg-learner" data-message-id={message.id}>
        <span className="visually-hidden">You asked: </span>
        <p className="tutor-question">{message.text}</p>
      </li>
    );
  }
  return (
    <li className="tutor-msg tutor-msg-tutor" data-message-id={message.id} data-status={message.status ?? undefined}>
      <p className="tutor-msg-head">
        <span className="tutor-who">Tutor</span>
        <VerdictBadge message={message} />
      </p>
      {message.html ? <TutorProse html={message.html} /> : <p className="tutor-plain">{message.text}</p>}
      {receipts.length > 0 ? (
        <div className="tutor-receipts">
          <p className="tutor-section-title" id={`${ids}-receipts`}>{receipts.length === 1 ? "Checked by running code" : `Checked by running code (${receipts.length})`}</p>
          <ul className="tutor-receipt-list" aria-labelledby={`${ids}-receipts`}>
            {receipts.map((receipt, i) => (
              <ReceiptView key={i} receipt={receipt} cellId={`tutor-${message.id}-${i}`} session={session} />
            ))}
          </ul>
        </div>
      ) : null}
      {sources.length > 0 ? (
        <div className="tutor-sources">
          <p className="tutor-section-title" id={`${ids}-sources`}>
            From the course
          </p>
          <ul aria-labelledby={`${ids}-sources`}>
            {sources.map((source, i) => (
              <SourceLink key={i} source={source} />
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}
