import type { CellRun, OutputItem } from "../../kernel/outputs";
import { ErrorOutput } from "./ErrorOutput";
import { HtmlFrame } from "./HtmlFrame";
import { TextOutput, Truncated } from "./TextOutput";

/** The richest representation we can show safely, in order of preference. */
function DisplayOutput({ data, name }: { data: Readonly<Record<string, string>>; name: string }) {
  const png = data["image/png"];
  if (png !== undefined) {
    return <img className="output-image" src={`data:image/png;base64,${png.replace(/\s/g, "")}`} alt={`Figure from ${name}`} />;
  }
  const svg = data["image/svg+xml"];
  if (svg !== undefined) {
    // As an image, never inlined: an SVG in the DOM could run script or style the page.
    return (
      <img className="output-image" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={`Figure from ${name}`} />
    );
  }
  const html = data["text/html"];
  if (html !== undefined) return <HtmlFrame html={html} title={`HTML output of ${name}`} />;
  const text = data["text/markdown"] ?? data["text/plain"];
  if (text !== undefined) return <TextOutput text={text} className="output-text" />;
  return <p className="muted">(output of type {Object.keys(data).join(", ") || "unknown"} cannot be shown)</p>;
}

function OutputItemView({ item, name }: { item: OutputItem; name: string }) {
  switch (item.kind) {
    case "stream":
      return <TextOutput text={item.text} className={`output-stream output-${item.name}`} />;
    case "display":
      return <DisplayOutput data={item.data} name={name} />;
    case "error":
      return <ErrorOutput {...item} />;
    case "limit":
      return (
        <p className="output-limit" role="alert" data-limit={item.limit}>
          {item.message}
        </p>
      );
    case "notice":
      return (
        <p className="output-limit" role="alert">
          {item.message}
        </p>
      );
  }
}

function describeEnd(run: CellRun): string {
  if (run.phase === "queued") return "Waiting to run…";
  if (run.phase === "running") return "Running…";
  const took = run.durationMs === null ? "" : ` in ${formatDuration(run.durationMs)}`;
  switch (run.status) {
    case "ok":
      return `Finished${took}.`;
    case "error":
      return `Stopped with an error${took}.`;
    case "interrupted":
      return "Interrupted.";
    case "timeout":
      return "Stopped: it ran past the time limit.";
    case "memory":
      return "Stopped: it used more memory than allowed.";
    case "died":
      return "The kernel stopped. Restart the kernel to go on.";
    case "skipped":
      return "Skipped: an earlier cell did not finish.";
    case null:
      return "";
  }
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

type Props = {
  run: CellRun;
  /** What the output belongs to, e.g. "cell 3" (names figures and frames). */
  name: string;
  /** Say nothing about how the run ended when it ended well (the console). */
  quietWhenOk?: boolean;
};

/** What a run printed and displayed, with how it ended (announced to screen readers). */
export function OutputArea({ run, name, quietWhenOk = false }: Props) {
  const quiet = quietWhenOk && run.status === "ok";
  return (
    <div className="cell-output" data-phase={run.phase} data-status={run.status ?? undefined} aria-label={`Output of ${name}`} role="group">
      {run.outputs.map((item, i) => (
        <OutputItemView key={i} item={item} name={name} />
      ))}
      {run.droppedChars > 0 ? <Truncated chars={run.droppedChars} /> : null}
      {quiet ? null : (
        <p className={`cell-run-status run-${run.status ?? run.phase}`} role="status">
          {run.phase !== "done" ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
          {describeEnd(run)}
        </p>
      )}
    </div>
  );
}
