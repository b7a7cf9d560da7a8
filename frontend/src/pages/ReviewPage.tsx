import { useCallback, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { review, type ReviewOutcome, type ReviewQueue } from "../api/client";
import { ErrorPanel, Loading } from "../components/Status";
import { useShortcuts } from "../hooks/useShortcuts";
import { formatIn, plural } from "../progress/format";
import { ReviewCard } from "../progress/ReviewCard";
import { useHeartbeat } from "../progress/useHeartbeat";

type Load = { status: "loading" } | { status: "error"; error: Error } | { status: "ready"; queue: ReviewQueue };

function CaughtUp({ queue, focus }: { queue: ReviewQueue; focus: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  if (queue.total === 0) {
    return (
      <section className="review-done" aria-labelledby="review-done-title" data-testid="review-empty">
        <h2 id="review-done-title" tabIndex={-1} ref={heading}>
          Nothing to review yet
        </h2>
        <p>
          Every quiz question you answer joins your review queue and comes back here on a schedule — soon when it was
          hard, later when it was easy — so what you learn stays learnt.
        </p>
        <p>
          <Link className="button" to="/">
            Go to the course map
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="review-done" aria-labelledby="review-done-title" data-testid="review-caught-up">
      <p className="review-done-mark" aria-hidden="true">
        ✓
      </p>
      <h2 id="review-done-title" tabIndex={-1} ref={heading}>
        All caught up
      </h2>
      <p data-testid="review-next">
        {queue.next_due
          ? `The next review is due ${formatIn(queue.next_due, new Date())}.`
          : "Nothing else is scheduled."}{" "}
        <span className="muted">{plural(queue.total, "item")} in your queue.</span>
      </p>
      <p className="review-done-links">
        <Link className="button-secondary" to="/dashboard">
          Back to your dashboard
        </Link>
        <Link className="button-secondary" to="/">
          Course map
        </Link>
      </p>
    </section>
  );
}

export function ReviewPage() {
  useHeartbeat("review", "");
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [index, setIndex] = useState(0);
  const [dueCount, setDueCount] = useState(0);
  const [answered, setAnswered] = useState(false);
  const [moved, setMoved] = useState(false); // focus follows the learner's "Next"
  const [announcement, setAnnouncement] = useState("");

  /** Ask for the queue (the caller shows "loading" first, if it is not already). */
  const fetchQueue = useCallback((afterNext: boolean) => {
    review.queue().then(
      (queue) => {
        setLoad({ status: "ready", queue });
        setIndex(0);
        setDueCount(queue.due_count);
        setAnswered(false);
        setMoved(afterNext);
        setAnnouncement(
          queue.items.length > 0
            ? `${plural(queue.due_count, "item")} due. Question 1 of ${queue.items.length}.`
            : queue.total > 0
              ? "All caught up."
              : "Nothing to review yet.",
        );
      },
      (error: unknown) => {
        setLoad({ status: "error", error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
  }, []);

  useEffect(() => {
    fetchQueue(false);
  }, [fetchQueue]);

  const items = load.status === "ready" ? load.queue.items : [];
  const current = items[index];

  function onAnswered(outcome: ReviewOutcome) {
    if (outcome.result.status === "unreadable") return;
    setAnswered(true);
    if (outcome.due_count !== null) setDueCount(outcome.due_count);
    const when = outcome.next_due ? ` Comes back ${formatIn(outcome.next_due, new Date())}.` : "";
    const left = outcome.due_count === null ? "" : ` ${plural(outcome.due_count, "item")} still due.`;
    setAnnouncement(`${when}${left}`.trim());
  }

  function next() {
    if (index + 1 < items.length) {
      setIndex(index + 1);
      setAnswered(false);
      setMoved(true);
      setAnnouncement(`Question ${index + 2} of ${items.length}.`);
    } else {
      setLoad({ status: "loading" });
      fetchQueue(true); // more may be due (past the first 20, or come back meanwhile)
    }
  }

  useShortcuts({ n: answered ? next : undefined });

  return (
    <div className="page narrow review-page">
      <header className="lesson-header">
        <p className="eyebrow">Spaced review</p>
        <h1>Review</h1>
        <p className="muted">
          Questions you answered before come back just before you would forget them: wrong answers in 10 minutes, right
          ones after days, then weeks — the quicker your answer, the longer the wait. Numbers are fresh each time.
        </p>
        {load.status === "ready" && current ? (
          <p className="review-count" data-testid="review-due">
            <strong>{dueCount > 0 ? `${plural(dueCount, "item")} due` : "No more items due"}</strong>
            <span className="muted"> · {plural(load.queue.total, "item")} in your queue</span>
          </p>
        ) : null}
      </header>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {load.status === "loading" ? <Loading what="your reviews" /> : null}
      {load.status === "error" ? (
        <ErrorPanel
          error={load.error}
          retry={() => {
            setLoad({ status: "loading" });
            fetchQueue(false);
          }}
        />
      ) : null}
      {load.status === "ready" ? (
        current ? (
          <ReviewCard
            key={`${current.module.id}/${current.item.id}/${current.item.seed}`}
            entry={current}
            number={index + 1}
            count={items.length}
            focus={moved}
            onAnswered={onAnswered}
            onNext={next}
          />
        ) : (
          <CaughtUp queue={load.queue} focus={moved} />
        )
      ) : null}
    </div>
  );
}
