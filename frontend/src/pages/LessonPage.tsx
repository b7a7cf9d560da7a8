import { useEffect, useMemo, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { ApiError, api, type AskContext, type ModuleDetail } from "../api/client";
import { BlockView } from "../components/Blocks";
import { KernelToolbar } from "../components/notebook/KernelToolbar";
import { NotebookContext, runAll, runnableCells, type Notebook } from "../components/notebook/NotebookContext";
import { SessionNotices } from "../components/notebook/SessionNotices";
import { ErrorPanel, Loading } from "../components/Status";
import { useAsync } from "../hooks/useAsync";
import { useReadingProgress } from "../hooks/useReadingProgress";
import { useShortcuts } from "../hooks/useShortcuts";
import { useKernelSession } from "../kernel/useKernelSession";
import { Mastery } from "../progress/Mastery";
import { useHeartbeat } from "../progress/useHeartbeat";
import { LESSON_EXAMPLES, TutorPanel } from "../tutor/TutorPanel";
import { useWorkspace } from "../workspace/useWorkspace";
import { NotFound } from "./NotFound";

function TableOfContents({ module }: { module: ModuleDetail }) {
  const sections = module.blocks.filter((b) => b.type === "heading" && b.level === 2);
  return (
    <nav className="toc" aria-label="On this page">
      <p className="toc-title">On this page</p>
      <ol>
        {sections.map((b) =>
          b.type === "heading" ? (
            <li key={b.anchor}>
              <a href={`#${b.anchor}`}>{b.text}</a>
            </li>
          ) : null,
        )}
        {module.lab ? (
          <li>
            <Link to={`/modules/${module.id}/lab`}>Lab: {module.lab.title}</Link>
          </li>
        ) : null}
        {module.quiz.length > 0 ? (
          <li>
            <Link to={`/modules/${module.id}/quiz`}>Quiz ({module.quiz.length} questions)</Link>
          </li>
        ) : null}
      </ol>
    </nav>
  );
}

function Lesson({ module }: { module: ModuleDetail }) {
  const navigate = useNavigate();
  const { hash } = useLocation();
  const [article, setArticle] = useState<HTMLElement | null>(null);
  useEffect(() => {
    // The lesson arrives after the first paint, so jump to a #section once it is there.
    if (hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [hash]);
  useReadingProgress(module.id, article, module.progress.read_fraction);
  useHeartbeat("lesson", module.id);
  const session = useKernelSession("lesson", module.id);
  const files = useWorkspace("lesson", module.id);
  const notebook = useMemo<Notebook>(
    () => ({ session, files, cells: runnableCells(module.blocks) }),
    [session, files, module.blocks],
  );
  const tutorContext = (): AskContext => ({ page: "lesson", module_id: module.id });
  const hasQuiz = module.quiz.length > 0;
  const next = hasQuiz ? `/modules/${module.id}/quiz` : module.next ? `/modules/${module.next.id}` : null;
  const previous = module.previous ? `/modules/${module.previous.id}/quiz` : null;

  useShortcuts({
    n: next ? () => void navigate(next) : undefined,
    p: previous ? () => void navigate(previous) : undefined,
    q: hasQuiz ? () => void navigate(`/modules/${module.id}/quiz`) : undefined,
  });

  return (
    <div className="page lesson-layout">
      <TableOfContents module={module} />
      <article className="lesson" ref={setArticle} aria-labelledby="module-title">
        <header className="lesson-header">
          <p className="eyebrow">
            Module {module.number} · {module.minutes} min
          </p>
          <h1 id="module-title">{module.title}</h1>
          <p className="lesson-tagline">{module.tagline}</p>
          <details className="objectives" open>
            <summary>What you will be able to do</summary>
            <ul>
              {module.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </details>
          <section className="module-mastery" aria-label="Your progress on this module">
            <p className="module-mastery-title">
              {module.progress.mastered ? "You have mastered this module" : "To master this module"}
            </p>
            <Mastery progress={module.progress} title={module.title} moduleId={module.id} />
          </section>
          {module.lab ? (
            <p className="lab-link">
              <Link className="button-secondary" to={`/modules/${module.id}/lab`}>
                Open the lab: {module.lab.title} →
              </Link>
            </p>
          ) : null}
        </header>
        {notebook.cells.length > 0 ? (
          <>
            <SessionNotices session={session} />
            <div className="lesson-kernel">
              <KernelToolbar
                session={session}
                onRunAll={() => {
                  runAll(notebook);
                }}
              />
            </div>
          </>
        ) : null}
        <NotebookContext value={notebook}>
          {module.blocks.map((block, i) => (
            <BlockView key={i} block={block} />
          ))}
        </NotebookContext>
        <nav className="pager" aria-label="Module navigation">
          {module.previous ? (
            <Link className="pager-link" to={`/modules/${module.previous.id}`} rel="prev">
              <span className="muted">← Previous module</span>
              <span>{module.previous.title}</span>
            </Link>
          ) : (
            <span />
          )}
          {hasQuiz ? (
            <Link className="pager-link pager-next" to={`/modules/${module.id}/quiz`} rel="next">
              <span className="muted">Next: check your understanding →</span>
              <span>Quiz · {module.quiz.length} questions</span>
            </Link>
          ) : module.next ? (
            <Link className="pager-link pager-next" to={`/modules/${module.next.id}`} rel="next">
              <span className="muted">Next module →</span>
              <span>{module.next.title}</span>
            </Link>
          ) : null}
        </nav>
      </article>
      <TutorPanel moduleId={module.id} page="lesson" session={session} context={tutorContext} examples={LESSON_EXAMPLES} />
    </div>
  );
}

export function LessonPage() {
  const { moduleId = "" } = useParams();
  const [state, reload] = useAsync(() => api.module(moduleId), `lesson:${moduleId}`);
  if (state.status === "loading") return <Loading what="the lesson" />;
  if (state.status === "error") {
    if (state.error instanceof ApiError && state.error.status === 404) return <NotFound what="module" />;
    return <ErrorPanel error={state.error} retry={reload} />;
  }
  return <Lesson key={state.data.id} module={state.data} />;
}
