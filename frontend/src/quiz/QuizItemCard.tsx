import { useEffect, useRef, useState } from "react";
import type { SyntheticEvent } from "react";
import { api, type ItemResult, type ModuleProgress, type QuizItemState, type QuizItemView } from "../api/client";
import { Html } from "../components/Html";
import type { AnswerClock } from "../progress/format";
import { AnswerInput, draftFrom, emptyDraft, isComplete, toResponse, type Draft } from "./AnswerInput";
import { Feedback } from "./Feedback";

type Props = {
  moduleId: string;
  number: number;
  state: QuizItemState;
  /** Times answers (from the item coming into view, or the previous answer) for the spaced review. */
  clock: AnswerClock;
  onProgress: (progress: ModuleProgress) => void;
};

export function QuizItemCard({ moduleId, number, state, clock, onProgress }: Props) {
  const [item, setItem] = useState<QuizItemView>(state.item);
  const [draft, setDraft] = useState<Draft>(state.last_response ? draftFrom(state.last_response) : emptyDraft(state.item));
  const [result, setResult] = useState<ItemResult | null>(state.last_result);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const answered = result !== null && result.status !== "unreadable";
  const card = useRef<HTMLLIElement>(null);
  const shownAt = useRef<number | null>(null);
  const mountedAt = useRef(0);

  useEffect(() => {
    // The item is "shown" when it first comes well into view (the page lists them all).
    mountedAt.current = Date.now();
    const element = card.current;
    if (!element || typeof IntersectionObserver === "undefined") {
      shownAt.current = mountedAt.current;
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (shownAt.current === null && entries.some((e) => e.isIntersecting)) {
          shownAt.current = Date.now();
          observer.disconnect();
        }
      },
      { rootMargin: "0px 0px -25% 0px" },
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, []);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (busy || answered || !isComplete(draft)) return;
    setBusy(true);
    setError(null);
    try {
      const now = Date.now();
      const seconds = clock.answer(shownAt.current ?? mountedAt.current, now);
      const outcome = await api.submitAnswer(moduleId, item.id, item.seed, toResponse(draft), seconds);
      const first = outcome.results[0];
      if (first) setResult(first);
      onProgress(outcome.progress);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function tryAgain() {
    setError(null);
    shownAt.current = Date.now(); // a new try starts now
    if (item.randomized) {
      setBusy(true);
      try {
        const fresh = await api.quizItem(moduleId, item.id);
        setItem(fresh);
        setDraft(emptyDraft(fresh));
        setResult(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setBusy(false);
      }
    } else {
      setDraft(emptyDraft(item));
      setResult(null);
    }
  }

  return (
    <li ref={card} className="quiz-item" data-item={item.id} data-seed={item.seed} aria-labelledby={`q-${item.id}`}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="quiz-item-head">
          <span className="quiz-number" id={`q-${item.id}`}>
            Question {number}
          </span>
          {item.randomized ? (
            <span className="badge" title="This question draws new numbers every time you try it">
              fresh numbers each try
            </span>
          ) : null}
        </div>
        <Html className="prose quiz-prompt" html={item.prompt_html} />
        <AnswerInput item={item} draft={draft} onChange={setDraft} disabled={busy || answered} />
        {result ? <Feedback item={item} result={result} /> : null}
        <div className="quiz-actions">
          {answered ? (
            <button type="button" className="button-secondary" onClick={() => void tryAgain()} disabled={busy}>
              {item.randomized ? "Try again with new numbers" : "Try again"}
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
    </li>
  );
}
