import { Link } from "react-router";
import type { ModuleProgress } from "../api/client";

type Part = { key: string; label: string; done: boolean; why: string; to?: string };

function parts(progress: ModuleProgress, moduleId: string | undefined): Part[] {
  const list: Part[] = [
    {
      key: "lesson",
      label: "Lesson read",
      done: progress.lesson_read,
      why: "Read to the end of the lesson, taking your time",
    },
  ];
  if (progress.lab_passed !== null) {
    list.push({
      key: "lab",
      label: "Lab passed",
      done: progress.lab_passed,
      why: "Pass every check of the lab",
      to: moduleId ? `/modules/${moduleId}/lab` : undefined,
    });
  }
  if (progress.quiz_passed !== null) {
    list.push({
      key: "quiz",
      label: "Quiz ≥ 80 %",
      done: progress.quiz_passed,
      why: "Get at least 80 % of the quiz right",
      to: moduleId ? `/modules/${moduleId}/quiz` : undefined,
    });
  }
  return list;
}

export function MasteredBadge() {
  return (
    <span className="badge badge-ok mastered-badge" data-testid="mastered-badge">
      <span aria-hidden="true">★ </span>Mastered
    </span>
  );
}

/**
 * The three parts of mastering a module — lesson read · lab passed · quiz ≥ 80 % — each
 * with a mark and words (not colour alone), and a "Mastered" badge once all are done.
 * With `moduleId`, the lab and quiz parts link to their pages.
 */
export function Mastery({
  progress,
  title,
  moduleId,
  caption = false,
}: {
  progress: ModuleProgress;
  title: string;
  moduleId?: string;
  /** Say "To master:" before the parts (where nothing else introduces them). */
  caption?: boolean;
}) {
  const list = parts(progress, moduleId);
  const done = list.filter((p) => p.done).length;
  return (
    <div className="mastery" data-mastered={progress.mastered} data-testid="mastery">
      {progress.mastered ? (
        <MasteredBadge />
      ) : caption ? (
        <span className="mastery-caption" aria-hidden="true">
          To master:
        </span>
      ) : null}
      <ul className="mastery-parts" aria-label={`${title}: mastery, ${done} of ${list.length} done`}>
        {list.map((part) => (
          <li key={part.key} className="mastery-part" data-part={part.key} data-done={part.done} title={part.why}>
            <span className="mastery-mark" aria-hidden="true">
              {part.done ? "✓" : "○"}
            </span>
            {part.to && !part.done ? <Link to={part.to}>{part.label}</Link> : <span>{part.label}</span>}
            <span className="visually-hidden">{part.done ? " (done)" : " (not yet)"}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
