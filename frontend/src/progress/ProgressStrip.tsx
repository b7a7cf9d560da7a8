import { Link } from "react-router";
import { progress } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import { formatMinutes, plural, streakText } from "./format";

const KIND = { lesson: "lesson", lab: "lab", quiz: "quiz", review: "review" } as const;

/**
 * The course map's top section: where to continue, reviews due, this week's time and the
 * streak, with a link to the dashboard. Says nothing until it has something to say.
 */
export function ProgressStrip() {
  const [state] = useAsync(progress.dashboard, "dashboard-strip");
  if (state.status !== "ready") return null;
  const { resume, reviews, week, streak } = state.data;
  const streakLine = streakText(streak);
  return (
    <section className="progress-strip" aria-label="Your progress" data-testid="progress-strip">
      {resume ? (
        <Link className="button strip-continue" to={resume.url}>
          Continue: Module {resume.module.number} {KIND[resume.kind]} <span aria-hidden="true">→</span>
        </Link>
      ) : null}
      <ul className="strip-facts">
        <li>
          {reviews.due_count > 0 ? (
            <Link to="/review">
              <strong>{plural(reviews.due_count, "review")}</strong> due
            </Link>
          ) : (
            <span>{reviews.total > 0 ? "Reviews: all caught up" : "No reviews yet"}</span>
          )}
        </li>
        <li>
          <strong>{formatMinutes(week.minutes)}</strong> this week
          {week.goal_minutes !== null ? ` of ${formatMinutes(week.goal_minutes)}` : ""}
        </li>
        {streakLine ? (
          <li>
            <strong>{streakLine.split(" · ")[0]}</strong>
          </li>
        ) : null}
      </ul>
      <Link className="strip-dashboard" to="/dashboard">
        Your dashboard <span aria-hidden="true">→</span>
      </Link>
    </section>
  );
}
