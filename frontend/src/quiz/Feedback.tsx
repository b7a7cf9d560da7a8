import type { ItemResult, QuizItemView } from "../api/client";
import { Html } from "../components/Html";
import { Tex } from "../components/Tex";

const HEADLINES = { correct: "Correct", incorrect: "Not yet", unreadable: "Couldn't read that" } as const;

export function Feedback({ item, result }: { item: QuizItemView; result: ItemResult }) {
  const choiceText = new Map((item.choices ?? []).map((c) => [c.index, c.html]));
  return (
    <div className={`feedback feedback-${result.status}`} role="status" aria-live="polite" data-status={result.status}>
      <p className="feedback-headline">
        <span aria-hidden="true">{result.status === "correct" ? "✓" : result.status === "incorrect" ? "✗" : "?"}</span>{" "}
        <strong>{HEADLINES[result.status]}.</strong>{" "}
        {result.status === "correct" ? null : result.message_html ? (
          <Html inline html={result.message_html} />
        ) : (
          result.message
        )}
      </p>
      {result.expected !== null && result.status !== "correct" ? (
        <p className="feedback-expected">
          Expected: <Tex tex={result.expected} />
        </p>
      ) : null}
      {result.choice_feedback.length > 0 ? (
        <ul className="choice-feedback">
          {result.choice_feedback.map((f) => (
            <li key={f.index} className={f.correct ? "is-correct" : "is-wrong"}>
              <span aria-hidden="true">{f.correct ? "✓ " : "✗ "}</span>
              <span className="visually-hidden">{f.correct ? "Correct option: " : "Wrong option: "}</span>
              <Html inline html={choiceText.get(f.index) ?? ""} />
              {f.feedback_html ? <Html className="choice-why" html={f.feedback_html} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {result.explanation_html ? (
        <details className="explanation" open={result.status !== "correct"}>
          <summary>Explanation</summary>
          <Html className="prose" html={result.explanation_html} />
        </details>
      ) : null}
    </div>
  );
}
