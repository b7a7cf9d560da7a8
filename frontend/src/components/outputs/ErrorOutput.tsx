type Props = { ename: string; evalue: string; traceback: readonly string[]; explanation: string | null };

/** An exception: what happened first, then help in plain words, then the traceback (folded). */
export function ErrorOutput({ ename, evalue, traceback, explanation }: Props) {
  return (
    <div className="output-error" data-ename={ename}>
      <p className="output-error-head">
        <strong>{ename}</strong>
        {evalue ? `: ${evalue}` : null}
      </p>
      {explanation ? (
        <div className="output-error-help">
          <p className="output-error-help-title">What this means</p>
          <p>{explanation}</p>
        </div>
      ) : null}
      {traceback.length > 0 ? (
        <details className="output-traceback">
          <summary>Traceback</summary>
          <pre tabIndex={0}>{traceback.join("\n")}</pre>
        </details>
      ) : null}
    </div>
  );
}
