import { useId, useState, type SyntheticEvent } from "react";
import { progress, type SettingsView, type WeekView } from "../api/client";
import { ProgressBar } from "../components/Status";
import { DEFAULT_GOAL_MINUTES, formatMinutes, localDay, parseDay, parseGoalHours, weekScale } from "./format";

const WEEKDAY = new Intl.DateTimeFormat("en", { weekday: "long" });
const SHORT = new Intl.DateTimeFormat("en", { weekday: "short" });

/** Minutes per day, Monday to Sunday, as bars with their values in words; a dashed line at the goal's daily pace. */
export function WeekChart({ week }: { week: WeekView }) {
  const { top, pace } = weekScale(week.days, week.goal_minutes);
  const today = localDay(new Date());
  const height = (minutes: number) => `${Math.min(100, (minutes / top) * 100).toFixed(1)}%`;
  return (
    <figure className="week-chart-figure">
      <ol className="week-chart" aria-label="Minutes of study per day this week">
        {week.days.map((d) => {
          const date = parseDay(d.day);
          const isToday = d.day === today;
          const minutes = Math.round(d.minutes);
          return (
            <li key={d.day} className="week-day" data-today={isToday} data-testid="week-day">
              <span className="week-value" aria-hidden="true">
                {d.minutes > 0 && minutes === 0 ? "<1" : minutes}
              </span>
              <span className="week-track" aria-hidden="true">
                {pace !== null ? <span className="week-pace" style={{ bottom: height(pace) }} /> : null}
                <span className="week-bar" style={{ height: height(d.minutes) }} />
              </span>
              <span className="week-label" aria-hidden="true">
                {SHORT.format(date)}
              </span>
              <span className="visually-hidden">
                {WEEKDAY.format(date)}
                {isToday ? " (today)" : ""}: {formatMinutes(d.minutes)}
              </span>
            </li>
          );
        })}
      </ol>
      <figcaption className="week-caption muted">
        Minutes per day{pace !== null ? <> · dashed line: {formatMinutes(pace)} a day reaches your goal</> : null}
      </figcaption>
    </figure>
  );
}

function hoursText(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}

type GoalProps = {
  week: WeekView;
  onSaved: (settings: SettingsView) => void;
};

/** The weekly goal, set or edited in place; unset, it offers the path's suggestion (or 3 h). */
export function WeeklyGoal({ week, onSaved }: GoalProps) {
  const goal = week.goal_minutes;
  const suggestion = week.suggested_goal_minutes ?? DEFAULT_GOAL_MINUTES;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  async function save(minutes: number | null) {
    setBusy(true);
    setError(null);
    try {
      const current = await progress.settings(); // keep the learner's path as it is
      const saved = await progress.saveSettings({ weekly_goal_minutes: minutes, path_id: current.path_id });
      setEditing(false);
      onSaved(saved);
    } catch (e) {
      setError(`Could not save the goal: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    const parsed = parseGoalHours(text);
    if ("error" in parsed) {
      setError(parsed.error);
      return;
    }
    void save(parsed.minutes);
  }

  function edit() {
    setText(hoursText(goal ?? suggestion));
    setError(null);
    setEditing(true);
  }

  if (editing) {
    return (
      <form className="goal-form" onSubmit={submit} noValidate aria-label="Weekly goal">
        <label htmlFor={`${ids}-hours`}>Weekly goal</label>
        <span className="goal-input">
          <input
            id={`${ids}-hours`}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            aria-describedby={`${ids}-unit`}
            aria-invalid={error !== null}
            autoFocus
            onChange={(e) => {
              setText(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape") setEditing(false);
            }}
          />
          <span id={`${ids}-unit`}>hours a week</span>
        </span>
        <span className="goal-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Saving…" : "Save goal"}
          </button>
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setEditing(false);
            }}
          >
            Cancel
          </button>
          {goal !== null ? (
            <button type="button" className="button-quiet" disabled={busy} onClick={() => void save(null)}>
              Remove goal
            </button>
          ) : null}
        </span>
        {error ? (
          <p className="goal-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    );
  }

  return (
    <div className="goal" data-testid="weekly-goal">
      {goal !== null ? (
        <p className="goal-text">
          Weekly goal: <strong>{formatMinutes(goal)}</strong>{" "}
          <button type="button" className="button-quiet goal-edit" onClick={edit}>
            Edit goal
          </button>
        </p>
      ) : (
        <p className="goal-text">
          No weekly goal yet.{" "}
          {week.suggested_goal_minutes !== null ? "Your path suggests" : "We suggest"}{" "}
          <strong>{formatMinutes(suggestion)}</strong> a week.{" "}
          <span className="goal-actions">
            <button type="button" className="button-secondary" disabled={busy} onClick={() => void save(suggestion)}>
              Use {formatMinutes(suggestion)}
            </button>
            <button type="button" className="button-quiet goal-edit" onClick={edit}>
              Set my own
            </button>
          </span>
        </p>
      )}
      {error ? (
        <p className="goal-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** "42 min of your 3 h goal" with a bar, or just the minutes when there is no goal. */
export function WeekTotal({ week }: { week: WeekView }) {
  const goal = week.goal_minutes;
  return (
    <div className="week-total">
      <p className="week-total-text" data-testid="week-total">
        <strong className="big-number">{formatMinutes(week.minutes)}</strong>{" "}
        {goal !== null ? (
          <span>
            of your {formatMinutes(goal)} goal
            {week.minutes >= goal ? (
              <span className="badge badge-ok">
                <span aria-hidden="true">✓ </span>reached
              </span>
            ) : null}
          </span>
        ) : (
          <span>this week</span>
        )}
      </p>
      {goal !== null ? <ProgressBar value={week.minutes / goal} label="This week's time against your goal" /> : null}
    </div>
  );
}
