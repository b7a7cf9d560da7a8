import { useEffect, useId, useRef } from "react";
import { Link } from "react-router";
import type { FunctionHints, LabHints, ModuleDetail, SubmitResponse } from "../../api/client";
import { HintButton } from "./HintLadder";
import { lineCount, pointsText, scoreText, summarize, type IndexedCheck } from "./results";

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

type RowProps = {
  check: IndexedCheck;
  ladder: FunctionHints | undefined;
  offerHint: boolean;
  revealing: string | null;
  onReveal: (fn: string) => void;
};

function CheckRow({ check, ladder, offerHint, revealing, onReveal }: RowProps) {
  return (
    <li className="check-row" data-passed={check.passed} data-function={check.function}>
      <span className="check-mark" aria-hidden="true">
        {check.passed ? "✓" : "✗"}
      </span>
      <div className="check-body">
        <p className="check-line">
          <span className="visually-hidden">{check.passed ? "Passed: " : "Failed: "}</span>
          <span className="check-name">{check.name}</span> <code className="check-function">{check.function}</code>
          <span className="check-points">{pointsText(check.points)}</span>
        </p>
        {!check.passed && check.message ? <pre className="check-message">{check.message}</pre> : null}
        {offerHint && ladder ? (
          <HintButton ladder={ladder} revealing={revealing} onReveal={onReveal} compact />
        ) : null}
      </div>
    </li>
  );
}

/** The celebration when an attempt is the first to pass every check, with the ways on. */
export function LabComplete({ module, score, maxScore }: { module: ModuleDetail; score: number; maxScore: number }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="lab-complete" aria-labelledby={`${id}-title`} data-testid="lab-complete">
      <span className="lab-complete-mark" aria-hidden="true">
        ✓
      </span>
      <div className="lab-complete-body">
        <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
          Lab complete
        </h3>
        <p>
          Every check passed: <strong>{scoreText(score, maxScore)}</strong>. Your functions do what the task asked —
          well done.
        </p>
        <ul className="lab-complete-links">
          {module.quiz.length > 0 ? (
            <li>
              <Link className="button" to={`/modules/${module.id}/quiz`}>
                Take the quiz ({module.quiz.length} {module.quiz.length === 1 ? "question" : "questions"}) →
              </Link>
            </li>
          ) : null}
          <li>
            <Link className="button-secondary" to={`/modules/${module.id}`}>
              ← Back to the lesson: {module.title}
            </Link>
          </li>
          {module.next ? (
            <li>
              <Link className="button-secondary" to={`/modules/${module.next.id}`}>
                Next module: {module.next.title} →
              </Link>
            </li>
          ) : null}
        </ul>
      </div>
    </section>
  );
}

type Props = {
  response: SubmitResponse;
  /** Checked during this visit (takes focus), not restored from the last visit. */
  fresh: boolean;
  module: ModuleDetail;
  hints: LabHints | null;
  /** A newer check is on its way: these results are about to be replaced. */
  checking: boolean;
  revealing: string | null;
  onReveal: (fn: string) => void;
};

/** What the last check found: the score, failures first with what went wrong, and hints. */
export function CheckResults({ response, fresh, module, hints, checking, revealing, onReveal }: Props) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { attempt, completed_now: completedNow } = response;
  const result = attempt.result;
  const summary = summarize(result);
  const ladders = new Map(hints?.functions.map((f) => [f.function, f]) ?? []);
  const printed = lineCount(result.output);

  useEffect(() => {
    // A fresh result: take keyboard and screen reader users to it (the celebration, if
    // there is one, takes focus itself). Results restored on opening the page do not.
    if (fresh && !completedNow) heading.current?.focus();
  }, [attempt.number, completedNow, fresh]);

  const row = (check: IndexedCheck) => (
    <CheckRow
      key={check.index}
      check={check}
      ladder={ladders.get(check.function)}
      offerHint={summary.hintRows.has(check.index)}
      revealing={revealing}
      onReveal={onReveal}
    />
  );

  return (
    <>
      {completedNow ? <LabComplete key={attempt.number} module={module} score={attempt.score} maxScore={attempt.max_score} /> : null}
      <section
        className="check-results"
        aria-labelledby={`${id}-title`}
        aria-busy={checking}
        data-testid="check-results"
        data-passed={result.passed}
        data-loaded={summary.ran}
      >
        <div className="check-results-head">
          <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
            Check results
          </h3>
          <span className="check-attempt muted">
            Attempt {attempt.number}
            {when(attempt.created_at) ? ` · ${when(attempt.created_at)}` : ""}
          </span>
        </div>
        <p className="check-summary" data-outcome={!summary.ran ? "error" : result.passed ? "passed" : "failed"}>
          {summary.ran ? <strong className="check-score">{scoreText(result.score, result.max_score)}</strong> : null}
          <span className="check-headline">{summary.headline}</span>
        </p>
        {!summary.ran ? (
          <div className="check-error">
            <pre className="check-message">{result.error}</pre>
            <p className="check-error-help">
              Fix this and check again: <strong>Run file</strong> shows the full traceback.
            </p>
          </div>
        ) : null}
        {!summary.ran && summary.total > 0 ? (
          <details className="check-group check-not-run">
            <summary>
              The {summary.total} {summary.total === 1 ? "check" : "checks"} that will run once it loads
            </summary>
            <ul className="check-names">
              {result.checks.map((check, i) => (
                <li key={i}>
                  {check.name} <code>{check.function}</code>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {summary.ran && summary.failed.length > 0 ? (
          <div className="check-group">
            <h4 className="check-group-title check-group-failed">
              Failed ({summary.failed.length})
            </h4>
            <ol className="check-list">{summary.failed.map(row)}</ol>
          </div>
        ) : null}
        {summary.ran && summary.passed.length > 0 ? (
          <div className="check-group">
            <h4 className="check-group-title check-group-passed">
              Passed ({summary.passed.length})
            </h4>
            <ol className="check-list">{summary.passed.map(row)}</ol>
          </div>
        ) : null}
        {printed > 0 ? (
          <details className="check-output">
            <summary>
              What your code printed while checked ({printed} {printed === 1 ? "line" : "lines"})
            </summary>
            <pre tabIndex={0} aria-label="What your code printed">
              {result.output}
            </pre>
          </details>
        ) : null}
        {summary.ran ? (
          <p className="check-meta muted">
            Random inputs from seed <code>{result.seed}</code> · checked in {(result.duration_ms / 1000).toFixed(1)}{" "}
            s, in a separate checker (your kernel is untouched).
          </p>
        ) : null}
      </section>
    </>
  );
}
