import { Link } from "react-router";
import type { PathItemStateView } from "../api/client";
import { formatMinutes } from "./format";
import { goLabel, kindLabel, needsText, STATE_TEXT } from "./pathText";

/**
 * One item of a path: its number, kind, minutes and state in words (never colour alone),
 * what it still needs when locked, a link to where it is done (external ones in a new tab)
 * and, for resources and projects, the "Mark done" toggle.
 */
export function PathItemRow({
  item,
  number,
  next,
  busy,
  onMark,
}: {
  item: PathItemStateView;
  number: number;
  next: boolean;
  busy: boolean;
  onMark: (item: PathItemStateView, done: boolean) => void;
}) {
  const titleId = `path-item-${item.id}`;
  const go = goLabel(item);
  const needs = item.state === "locked" ? needsText(item.needs) : null;
  const done = item.state === "done";
  return (
    <li
      className="path-item"
      data-item={item.id}
      data-state={item.state}
      data-next={next}
      aria-current={next ? "step" : undefined}
      aria-labelledby={titleId}
    >
      <span className="path-item-marker" aria-hidden="true">
        {done ? "✓" : number}
      </span>
      <div className="path-item-body">
        <p className="path-item-kicker">
          <span className="path-kind" data-kind={item.kind}>
            {kindLabel(item)}
          </span>
          {item.minutes !== null ? <span className="muted"> · {formatMinutes(item.minutes)}</span> : null}
          {next ? <span className="badge path-next-badge">Next up</span> : null}
        </p>
        <h3 className="path-item-title" id={titleId}>
          {item.title}
        </h3>
        <p className="path-item-state" data-testid="item-state">
          <span className="path-state" data-state={item.state}>
            {STATE_TEXT[item.state]}
          </span>
          {needs ? <span className="path-needs"> · {needs}</span> : null}
        </p>
        {item.description ? <p className="path-item-text">{item.description}</p> : null}
        {item.note ? <p className="path-item-text muted">{item.note}</p> : null}
      </div>
      <div className="path-item-actions">
        {go && item.url && item.external ? (
          <a
            className="button-secondary"
            href={item.url}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={`${go}: ${item.title} (opens in a new tab)`}
          >
            {go} <span aria-hidden="true">↗</span>
          </a>
        ) : null}
        {go && item.url && !item.external ? (
          <Link className={next ? "button" : "button-secondary"} to={item.url} aria-label={`${go}: ${item.title}`}>
            {go}
          </Link>
        ) : null}
        {item.markable ? (
          <button
            type="button"
            className="mark-done"
            aria-pressed={done}
            aria-label={`Mark done: ${item.title}`}
            // Not `disabled` while saving: that would drop the keyboard focus.
            aria-disabled={busy}
            onClick={() => {
              if (!busy) onMark(item, !done);
            }}
          >
            <span className="mark-box" aria-hidden="true">
              {done ? "✓" : ""}
            </span>
            Mark done
          </button>
        ) : null}
      </div>
    </li>
  );
}
