import { useEffect, useId, useRef } from "react";
import type { FunctionHints, LabHints } from "../../api/client";
import { ErrorPanel } from "../Status";
import { hintState, inlineCode, rungLabel } from "./results";
import type { Revealed } from "./useLabGrading";

/** Hint text as text, with `code` spans set as code (never as HTML). */
export function HintText({ text }: { text: string }) {
  return (
    <>
      {inlineCode(text).map((segment, i) =>
        segment.code ? <code key={i}>{segment.text}</code> : <span key={i}>{segment.text}</span>,
      )}
    </>
  );
}

type ButtonProps = {
  ladder: FunctionHints;
  revealing: string | null;
  onReveal: (fn: string) => void;
  /** "Need a hint?" beside a failed check; the ladder's own button says which rung. */
  compact?: boolean;
};

/** Reveal `ladder`'s next rung; nothing when it is not open. */
export function HintButton({ ladder, revealing, onReveal, compact = false }: ButtonProps) {
  const state = hintState(ladder);
  if (state.kind !== "available") return null;
  const what = `Show ${rungLabel(state.next, ladder.total).toLowerCase()} for ${ladder.function}`;
  const busy = revealing === ladder.function;
  return (
    <button
      type="button"
      className={compact ? "button-quiet hint-button hint-button-compact" : "button-secondary hint-button"}
      disabled={revealing !== null}
      aria-busy={busy}
      data-function={ladder.function}
      onClick={() => {
        onReveal(ladder.function);
      }}
    >
      {compact ? (
        <>
          Need a hint?<span className="visually-hidden"> {what}</span>
        </>
      ) : (
        what
      )}
    </button>
  );
}

function Note({ ladder }: { ladder: FunctionHints }) {
  const state = hintState(ladder);
  switch (state.kind) {
    case "available":
      return null;
    case "all-shown":
      return <p className="hint-note muted">All {ladder.total} hints shown.</p>;
    case "waiting":
      return (
        <p className="hint-note muted">
          Another hint opens after your next check, if <code>{ladder.function}</code> still fails one.
        </p>
      );
    case "none-yet":
      return (
        <p className="hint-note muted">
          The first hint opens after a check in which <code>{ladder.function}</code> fails.
        </p>
      );
  }
}

type Props = {
  hints: LabHints | null;
  error: Error | null;
  retry: () => void;
  revealing: string | null;
  revealError: { fn: string; message: string } | null;
  revealed: Revealed | null;
  onReveal: (fn: string) => void;
};

/**
 * Each lab function's hint ladder, nudge first: the rungs revealed so far and a button for
 * the next one once it is open (one opens per check in which the function failed).
 */
export function HintLadder({ hints, error, retry, revealing, revealError, revealed, onReveal }: Props) {
  const id = useId();
  const focusTarget = useRef<HTMLLIElement>(null);

  useEffect(() => {
    if (revealed) focusTarget.current?.focus();
  }, [revealed]);

  const shown = hints?.functions.filter((f) => f.revealed.length > 0 || f.next_available) ?? [];

  return (
    <section className="hint-ladder" aria-labelledby={`${id}-title`} data-testid="hint-ladder">
      <h3 id={`${id}-title`} className="hint-ladder-title">
        Hints
      </h3>
      {error ? <ErrorPanel error={new Error(`Could not load the hints: ${error.message}`)} retry={retry} /> : null}
      {hints === null && !error ? <p className="muted">Loading hints…</p> : null}
      {hints !== null && shown.length === 0 ? (
        <p className="muted hint-intro">
          Stuck? Hints open one at a time: each check in which a function fails opens its next hint, from a
          nudge to nearly the answer.
        </p>
      ) : null}
      {shown.length > 0 ? (
        <ul className="hint-functions">
          {shown.map((ladder) => (
            <li key={ladder.function} className="hint-function" data-function={ladder.function}>
              <h4 className="hint-function-name">
                <code>{ladder.function}</code>
                <span className="hint-count muted">
                  {" "}
                  · {ladder.revealed.length} of {ladder.total} {ladder.total === 1 ? "hint" : "hints"} shown
                </span>
              </h4>
              {ladder.revealed.length > 0 ? (
                <ol className="hint-rungs">
                  {ladder.revealed.map((text, i) => {
                    const latest = revealed?.fn === ladder.function && revealed.index === i;
                    return (
                      <li
                        key={i}
                        className={`hint-rung${latest ? " hint-rung-new" : ""}`}
                        ref={latest ? focusTarget : undefined}
                        tabIndex={latest ? -1 : undefined}
                      >
                        <strong className="hint-rung-label">{rungLabel(i, ladder.total)}:</strong>{" "}
                        <HintText text={text} />
                      </li>
                    );
                  })}
                </ol>
              ) : null}
              <HintButton ladder={ladder} revealing={revealing} onReveal={onReveal} />
              <Note ladder={ladder} />
              {revealError?.fn === ladder.function ? (
                <p className="hint-error" role="alert">
                  {revealError.message}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
