import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import {
  progress,
  type DashboardView,
  type NextUpView,
  type PathItemStateView,
  type PathProgressView,
} from "../api/client";
import { ErrorPanel, Loading, ProgressBar } from "../components/Status";
import { formatAgo, formatIn, plural, streakText } from "../progress/format";
import { goLabel, kindLabel, minutesText } from "../progress/pathText";
import { Transfer } from "../progress/Transfer";
import { WeekChart, WeeklyGoal, WeekTotal } from "../progress/Week";

const KIND = { lesson: "Lesson", lab: "Lab", quiz: "Quiz", review: "Review" } as const;
const GO = { lesson: "Read the lesson", lab: "Open the lab", quiz: "Take the quiz" } as const;

/** The dashboard's data, refreshed in place (no loading flash) after a change. */
function useDashboard() {
  const [data, setData] = useState<DashboardView | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const refresh = useCallback(() => {
    progress.dashboard().then(
      (view) => {
        setData(view);
        setError(null);
      },
      (e: unknown) => {
        setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
  }, []);
  useEffect(refresh, [refresh]);
  return { data, error, refresh };
}

function NextStep({ next }: { next: NextUpView }) {
  return (
    <div className="next-step" data-testid="next-step">
      <p className="next-step-what">
        <span className="muted">Next step · </span>
        Module {next.module.number}: {next.module.title} — {KIND[next.kind].toLowerCase()}
      </p>
      <p className="next-step-why">{next.reason}</p>
      <Link className="button" to={next.url}>
        {GO[next.kind]} <span aria-hidden="true">→</span>
      </Link>
    </div>
  );
}

/** The path's next item when it is not inside a module: a resource or project to mark done. */
function NextItem({ item, pathId }: { item: PathItemStateView; pathId: string }) {
  const go = goLabel(item);
  return (
    <div className="next-step" data-testid="next-step">
      <p className="next-step-what">
        <span className="muted">Next step · </span>
        {kindLabel(item)}: {item.title}
      </p>
      <p className="next-step-why">
        {item.kind === "resource" ? "Read or watch it" : "Build it"}, then mark it done on the path's page.
      </p>
      <p className="next-step-actions">
        {go && item.url ? (
          <a className="button" href={item.url} target="_blank" rel="noopener noreferrer">
            {go} <span aria-hidden="true">↗</span>
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        ) : null}
        <Link className="button-secondary" to={`/paths/${pathId}`}>
          Open the path
        </Link>
      </p>
    </div>
  );
}

function PathCard({ path }: { path: PathProgressView }) {
  const onlyModules = path.items_total === path.modules_total;
  return (
    <section className="dash-card" aria-labelledby="dash-path" data-testid="dash-path">
      <h2 id="dash-path">
        <span className="dash-card-kicker">Your path</span> {path.title}
      </h2>
      {onlyModules ? (
        <p>
          <strong className="big-number">
            {path.modules_mastered} of {path.modules_total}
          </strong>{" "}
          modules mastered
        </p>
      ) : (
        <p>
          <strong className="big-number">
            {path.items_done} of {path.items_total}
          </strong>{" "}
          items done
          <span className="muted"> · {minutesText(path.done_minutes, path.minutes)}</span>
        </p>
      )}
      <ProgressBar
        value={onlyModules ? path.modules_mastered / (path.modules_total || 1) : path.items_done / (path.items_total || 1)}
        label={`${path.title}: ${onlyModules ? "modules mastered" : "items done"}`}
      />
      {path.next_item?.step && path.next_up ? (
        <NextStep next={path.next_up} />
      ) : path.next_item ? (
        <NextItem item={path.next_item} pathId={path.id} />
      ) : (
        <p className="next-step">
          <span aria-hidden="true">★ </span>
          {onlyModules ? "Every module on this path is mastered." : "Every item on this path is done."} Reviews keep it
          that way.
        </p>
      )}
      <p className="dash-path-link">
        <Link to={`/paths/${path.id}`} data-testid="dash-open-path">
          See the whole path <span aria-hidden="true">→</span>
        </Link>
      </p>
    </section>
  );
}

function ReviewsCard({ reviews }: { reviews: DashboardView["reviews"] }) {
  return (
    <section className="dash-card" aria-labelledby="dash-reviews" data-testid="dash-reviews">
      <h2 id="dash-reviews">Reviews</h2>
      {reviews.due_count > 0 ? (
        <>
          <p>
            <strong className="big-number">{plural(reviews.due_count, "item")}</strong> due today
            <span className="muted"> · {reviews.total} in your queue</span>
          </p>
          <Link className="button" to="/review">
            Start reviewing <span aria-hidden="true">→</span>
          </Link>
        </>
      ) : reviews.total > 0 ? (
        <>
          <p>
            <strong>All caught up.</strong>{" "}
            {reviews.next_due ? `The next review is due ${formatIn(reviews.next_due, new Date())}.` : null}
          </p>
          <p className="muted">{plural(reviews.total, "item")} in your review queue.</p>
          <Link className="button-secondary" to="/review">
            Open review
          </Link>
        </>
      ) : (
        <p className="muted">
          Nothing to review yet. Every quiz question you answer comes back here on a schedule, so it stays learnt.
        </p>
      )}
    </section>
  );
}

function Streak({ streak }: { streak: DashboardView["streak"] }) {
  const text = streakText(streak);
  return (
    <div className="streak" data-testid="dash-streak">
      <h3 className="visually-hidden">Streak</h3>
      {text ? (
        <p>
          <span className="streak-mark" aria-hidden="true">
            ●
          </span>{" "}
          <strong className="streak-text">{text}</strong>
          <span className="muted">
            {" "}
            · {streak.today_active ? "today counts already." : "study 5 minutes today to keep it going."}
          </span>
        </p>
      ) : (
        <p className="muted">
          <span className="streak-mark streak-none" aria-hidden="true">
            ○
          </span>{" "}
          No streak yet: 5 minutes of study today starts one (a single missed day is forgiven).
        </p>
      )}
    </div>
  );
}

function Dashboard({ data, refresh }: { data: DashboardView; refresh: () => void }) {
  const { resume, path } = data;
  return (
    <div className="page dashboard">
      <header className="dash-header">
        <h1>Your dashboard</h1>
      </header>
      <section className="dash-card dash-resume" aria-labelledby="dash-resume" data-testid="dash-resume">
        {resume ? (
          <>
            <h2 id="dash-resume">Continue where you left off</h2>
            <p className="dash-resume-line">
              <Link className="button" to={resume.url}>
                Module {resume.module.number}: {resume.module.title} — {KIND[resume.kind]}{" "}
                <span aria-hidden="true">→</span>
              </Link>
              <span className="muted">Last active {formatAgo(resume.at, new Date())}</span>
            </p>
          </>
        ) : (
          <>
            <h2 id="dash-resume">Start learning</h2>
            <p className="dash-resume-line">
              {path?.next_item && !path.next_item.step ? (
                // The path starts outside a module (a resource, a project): its page has it.
                <Link className="button" to={`/paths/${path.id}`}>
                  {kindLabel(path.next_item)}: {path.next_item.title} <span aria-hidden="true">→</span>
                </Link>
              ) : (
                <Link className="button" to={path?.next_up?.url ?? "/"}>
                  {path?.next_up
                    ? `Module ${path.next_up.module.number}: ${path.next_up.module.title}`
                    : "Open the course map"}{" "}
                  <span aria-hidden="true">→</span>
                </Link>
              )}
            </p>
          </>
        )}
      </section>
      <div className="dash-grid">
        {path ? <PathCard path={path} /> : null}
        <ReviewsCard reviews={data.reviews} />
        <section className="dash-card dash-wide" aria-labelledby="dash-week" data-testid="dash-week">
          <h2 id="dash-week">This week</h2>
          <div className="week-layout">
            <div className="week-summary">
              <WeekTotal week={data.week} />
              <WeeklyGoal week={data.week} onSaved={refresh} />
              <Streak streak={data.streak} />
            </div>
            <WeekChart week={data.week} />
          </div>
        </section>
        <section className="dash-card dash-wide" aria-labelledby="dash-data" data-testid="dash-data">
          <h2 id="dash-data">Your data</h2>
          <Transfer onImported={refresh} />
        </section>
      </div>
    </div>
  );
}

export function DashboardPage() {
  const { data, error, refresh } = useDashboard();
  if (data) return <Dashboard data={data} refresh={refresh} />;
  if (error) return <ErrorPanel error={error} retry={refresh} />;
  return <Loading what="your dashboard" />;
}
