import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, api, type ModuleDetail, type ModuleProgress } from "../api/client";
import { ErrorPanel, Loading, ProgressBar } from "../components/Status";
import { useAsync } from "../hooks/useAsync";
import { useShortcuts } from "../hooks/useShortcuts";
import { AnswerClock } from "../progress/format";
import { useHeartbeat } from "../progress/useHeartbeat";
import { QuizItemCard } from "../quiz/QuizItemCard";
import { NotFound } from "./NotFound";

function Quiz({ module }: { module: ModuleDetail }) {
  const navigate = useNavigate();
  const [progress, setProgress] = useState<ModuleProgress>(module.progress);
  const [clock] = useState(() => new AnswerClock());
  useHeartbeat("quiz", module.id);
  const lesson = `/modules/${module.id}`;
  const next = module.next ? `/modules/${module.next.id}` : "/";
  useShortcuts({
    n: () => void navigate(next),
    p: () => void navigate(lesson),
    l: () => void navigate(lesson),
  });

  return (
    <div className="page narrow quiz-page">
      <header className="lesson-header">
        <p className="eyebrow">
          Module {module.number} · Quiz
        </p>
        <h1>{module.title}: check your understanding</h1>
        <p className="muted">
          Type numbers as decimals, fractions (<code>3/4</code>) or expressions (<code>sqrt(2)/2</code>). Questions
          marked “fresh numbers” change every time you try them, so you can practise until they feel easy.
        </p>
        <div className="quiz-score" aria-live="polite">
          <span data-testid="quiz-score">
            {progress.quiz_correct} of {progress.quiz_total} correct
          </span>
          <ProgressBar value={progress.quiz_total ? progress.quiz_correct / progress.quiz_total : 0} label="Quiz progress" />
        </div>
      </header>
      <ol className="quiz-list">
        {module.quiz.map((state, i) => (
          <QuizItemCard
            key={state.item.id}
            moduleId={module.id}
            number={i + 1}
            state={state}
            clock={clock}
            onProgress={setProgress}
          />
        ))}
      </ol>
      <nav className="pager" aria-label="Module navigation">
        <Link className="pager-link" to={lesson} rel="prev">
          <span className="muted">← Back to the lesson</span>
          <span>{module.title}</span>
        </Link>
        {module.next ? (
          <Link className="pager-link pager-next" to={`/modules/${module.next.id}`} rel="next">
            <span className="muted">Next module →</span>
            <span>{module.next.title}</span>
          </Link>
        ) : (
          <Link className="pager-link pager-next" to="/">
            <span className="muted">Done for now →</span>
            <span>Course map</span>
          </Link>
        )}
      </nav>
    </div>
  );
}

export function QuizPage() {
  const { moduleId = "" } = useParams();
  const [state, reload] = useAsync(() => api.module(moduleId), `quiz:${moduleId}`);
  if (state.status === "loading") return <Loading what="the quiz" />;
  if (state.status === "error") {
    if (state.error instanceof ApiError && state.error.status === 404) return <NotFound what="module" />;
    return <ErrorPanel error={state.error} retry={reload} />;
  }
  if (state.data.quiz.length === 0) return <NotFound what="quiz" />;
  return <Quiz key={state.data.id} module={state.data} />;
}
