import { useEffect, useRef, useState } from "react";
import type { SyntheticEvent } from "react";
import { Link } from "react-router";
import { review, type ReviewItem, type ReviewOutcome } from "../api/client";
import { Html } from "../components/Html";
import { AnswerInput, emptyDraft, isComplete, toResponse, type Draft } from "../quiz/AnswerInput";
import { Feedback } from "../quiz/Feedback";
import { formatIn, secondsTaken } from "./format";

type Props = {
  entry: ReviewItem;
  number: number;
  count: number;
  /** Move focus to the item when it appears (it replaced the previous one). */
  focus: boolean;
  onAnswered: (outcome: ReviewOutcome) => void;
  onNext: () => void;
};

/** One review item: the quiz item's prompt and answer input, then the verdict and when it comes back. */
export function ReviewCard({ entry, number, count, focus, onAnswered, onNext }: Props) {
  const { item, module } = entry;
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(item));
  const [outcome, setOutcome] = useState<ReviewOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shownAt = useRef(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const answered = outcome !== null && outcome.result.status !== "unreadable";
  const headingId = `review-q-${module.id}-${item.id}`;

  useEffect(() => {
    shownAt.current = Date.now();
    if (focus) heading.current?.focus();
  }, [focus]);

  useEffect(() => {
    if (answered) next.current?.focus();
  }, [answered]);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (busy || answered || !isComplete(draft)) return;
    setBusy(true);
    setError(null);
    try {
      const seconds = secondsTaken(shownAt.current, null, Date.now());
      const result = await review.answer(module.id, item.id, item.seed, toResponse(draft), seconds);
      setOutcome(result);
      onAnswered(result);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article
      className="quiz-item review-item"
      data-module={module.id}
      data-item={item.id}
      data-seed={item.seed}
      aria-labelledby={headingId}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="quiz-item-head">
          <h2 className="review-item-title" id={headingId} tabIndex={-1} ref={heading}>
            Question {number} of {count}
          </h2>
          {item.randomized ? (
            <span className="badge" title="This question draws new numbers every time it comes back">
              fresh numbers
            </span>
          ) : null}
        </div>
        <p className="review-item-module muted">
          From <Link to={`/modules/${module.id}`}>Module {module.number}: {module.title}</Link>
        </p>
        <Html className="prose quiz-prompt" html={item.prompt_html} />
        <AnswerInput item={item} draft={draft} onChange={setDraft} disabled={busy || answered} />
        {outcome ? <Feedback item={item} result={outcome.result} /> : null}
        {answered && outcome.next_due ? (
          <p className="review-comes-back" data-testid="comes-back">
            <span aria-hidden="true">↻ </span>
            <strong>Comes back {formatIn(outcome.next_due, new Date())}</strong>
            {outcome.result.status === "correct" ? "." : " — once more, while the explanation is fresh."}
          </p>
        ) : null}
        <div className="quiz-actions">
          {answered ? (
            <button type="button" ref={next} className="button" onClick={onNext}>
              Next <span aria-hidden="true">→</span>
            </button>
          ) : (
            <button type="submit" className="button" disabled={busy || !isComplete(draft)}>
              {busy ? "Checking…" : "Check"}
            </button>
          )}
        </div>
        {error ? (
          <p className="status status-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </article>
  );
}
