import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, learningPaths, progress, type PathDetailView, type PathItemStateView } from "../api/client";
import { ErrorPanel, Loading, ProgressBar } from "../components/Status";
import { useAsync } from "../hooks/useAsync";
import { formatMinutes, plural } from "../progress/format";
import { PathItemRow } from "../progress/PathItemRow";
import { goLabel, kindLabel, minutesText, weekStarts } from "../progress/pathText";
import { NotFound } from "./NotFound";

function NextUp({ path }: { path: PathDetailView }) {
  const items = path.weeks.flatMap((w) => w.items);
  const next = items.find((i) => i.id === path.next_up);
  const go = next ? goLabel(next) : null;
  return (
    <section className="path-next" aria-labelledby="path-next-title" data-testid="path-next-up">
      <h2 id="path-next-title">Next up</h2>
      {next ? (
        <div className="path-next-body">
          <p className="path-next-what">
            <span className="path-kind" data-kind={next.kind}>
              {kindLabel(next)}
            </span>{" "}
            <strong data-testid="path-next-title">{next.title}</strong>
            {next.week !== null ? <span className="muted"> · week {next.week}</span> : null}
          </p>
          {go && next.url ? (
            next.external ? (
              <a className="button" href={next.url} target="_blank" rel="noopener noreferrer">
                {go} <span aria-hidden="true">↗</span>
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            ) : (
              <Link className="button" to={next.url}>
                {go} <span aria-hidden="true">→</span>
              </Link>
            )
          ) : null}
          {next.markable ? (
            <p className="muted path-next-hint">When you have finished it, mark it done below.</p>
          ) : null}
        </div>
      ) : (
        <p>
          <span aria-hidden="true">★ </span>Every item on this path is done.
        </p>
      )}
    </section>
  );
}

function Follow({ path, onFollowed }: { path: PathDetailView; onFollowed: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (path.chosen) {
    return (
      <p className="path-follow" data-testid="path-follow">
        <span className="badge badge-ok">Your path</span>{" "}
        <span className="muted">Your dashboard follows it.</span>
      </p>
    );
  }
  const follow = async () => {
    setBusy(true);
    try {
      const current = await progress.settings();
      await progress.saveSettings({ weekly_goal_minutes: current.weekly_goal_minutes, path_id: path.id });
      setError(null);
      onFollowed();
    } catch (e: unknown) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="path-follow" data-testid="path-follow">
      <button type="button" className="button-secondary" disabled={busy} onClick={() => void follow()}>
        Follow this path
      </button>
      <span className="muted"> Your dashboard then shows its next step. Switching keeps all your progress.</span>
      {error ? (
        <p className="path-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function PathDetail({ path, onChange }: { path: PathDetailView; onChange: (path: PathDetailView) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    learningPaths.get(path.id).then(onChange, (e: unknown) => {
      setError(e instanceof Error ? e.message : String(e));
    });
  };

  const mark = async (item: PathItemStateView, done: boolean) => {
    setBusy(item.id);
    setError(null);
    try {
      const updated = await learningPaths.setDone(path.id, item.id, done);
      const next = updated.weeks.flatMap((w) => w.items).find((i) => i.id === updated.next_up);
      onChange(updated);
      setMessage(
        (done ? `Marked “${item.title}” done.` : `“${item.title}” is no longer marked done.`) +
          (next ? ` Next up: ${next.title}.` : " Every item on this path is done."),
      );
    } catch (e: unknown) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const starts = weekStarts(path.weeks);
  return (
    <div className="page path-page">
      <header className="path-page-header">
        <p className="eyebrow">Learning path</p>
        <h1>{path.title}</h1>
        <p className="path-tagline">{path.tagline}</p>
        {path.description ? <p className="muted path-description">{path.description}</p> : null}
      </header>
      <section className="path-summary" aria-label="Progress on this path" data-testid="path-summary">
        <p>
          <strong className="big-number">
            {path.items_done} of {path.items_total}
          </strong>{" "}
          {path.items_total === 1 ? "item" : "items"} done
          <span className="muted"> · {minutesText(path.done_minutes, path.minutes)}</span>
          {path.weekly_minutes !== null ? (
            <span className="muted"> · about {formatMinutes(path.weekly_minutes)} a week</span>
          ) : null}
        </p>
        <ProgressBar
          value={path.items_total ? path.items_done / path.items_total : 0}
          label={`${path.title}: items done`}
        />
        <Follow path={path} onFollowed={refresh} />
      </section>
      <NextUp path={path} />
      <p className="visually-hidden" role="status" data-testid="path-status">
        {message}
      </p>
      {error ? (
        <p className="path-error" role="alert">
          {error}
        </p>
      ) : null}
      {path.weeks.map((week, w) => {
        const heading = week.week === null ? "On this path" : `Week ${week.week}`;
        const headingId = `path-week-${week.week ?? "all"}`;
        const start = starts[w] ?? 1;
        return (
          <section key={headingId} className="path-week" aria-labelledby={headingId} data-testid="path-week">
            <div className="path-week-header">
              <h2 id={headingId}>{heading}</h2>
              <p className="muted">
                {plural(week.items.length, "item")} · {minutesText(week.done_minutes, week.minutes)}
              </p>
            </div>
            <ol className="path-items" start={start}>
              {week.items.map((item, i) => (
                <PathItemRow
                  key={item.id}
                  item={item}
                  number={start + i}
                  next={item.id === path.next_up}
                  busy={busy === item.id}
                  onMark={(it, done) => void mark(it, done)}
                />
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

function PathLoader({ pathId }: { pathId: string }) {
  const [state, reload] = useAsync(() => learningPaths.get(pathId), `path-${pathId}`);
  const [latest, setLatest] = useState<PathDetailView | null>(null);
  if (state.status === "loading") return <Loading what="the path" />;
  if (state.status === "error") {
    if (state.error instanceof ApiError && state.error.status === 404) return <NotFound what="learning path" />;
    return <ErrorPanel error={state.error} retry={reload} />;
  }
  return <PathDetail path={latest ?? state.data} onChange={setLatest} />;
}

/** `/paths/:pathId`: a path's weeks and items with the learner's state, and its next up. */
export function PathPage() {
  const { pathId = "" } = useParams();
  return <PathLoader key={pathId} pathId={pathId} />;
}
