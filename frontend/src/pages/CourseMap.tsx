import { Link } from "react-router";
import { api, type ModuleSummary, type PathView } from "../api/client";
import { ErrorPanel, Loading, ProgressBar } from "../components/Status";
import { useAsync } from "../hooks/useAsync";
import { ProgressStrip } from "../progress/ProgressStrip";
import { Mastery } from "../progress/Mastery";

function actionLabel(module: ModuleSummary): string {
  const p = module.progress;
  if (p.read_fraction === 0 && p.quiz_answered === 0) return "Start";
  if (p.read_fraction >= 1 && p.quiz_total > 0 && p.quiz_correct === p.quiz_total) return "Review";
  return "Continue";
}

function ModuleCard({ module }: { module: ModuleSummary }) {
  const p = module.progress;
  return (
    <li className="module-card" data-module={module.id}>
      <div className="module-number" aria-hidden="true">
        {String(module.number).padStart(2, "0")}
      </div>
      <div className="module-body">
        <h3>
          <Link to={`/modules/${module.id}`} aria-label={`Module ${module.number}: ${module.title}`}>
            {module.title}
          </Link>
        </h3>
        <p className="module-tagline">{module.tagline}</p>
        {module.summary ? <p className="module-summary">{module.summary}</p> : null}
        <div className="module-progress">
          <div>
            <span className="muted">Lesson read {Math.round(p.read_fraction * 100)}%</span>
            <ProgressBar value={p.read_fraction} label={`${module.title}: lesson read`} />
          </div>
          <div>
            <span className="muted">
              Quiz {p.quiz_correct} / {p.quiz_total} correct
            </span>
            <ProgressBar
              value={p.quiz_total ? p.quiz_correct / p.quiz_total : 0}
              label={`${module.title}: quiz correct`}
            />
          </div>
        </div>
        <Mastery progress={p} title={module.title} caption />
      </div>
      <div className="module-actions">
        <span className="muted">{module.minutes} min</span>
        <Link className="button" to={`/modules/${module.id}`}>
          {actionLabel(module)}
        </Link>
      </div>
    </li>
  );
}

type Entry = Exclude<PathView["items"][number], { kind: "module" }>;
const ENTRY_KIND = { lab: "Lab", checkpoint: "Checkpoint", resource: "Resource", project: "Project" } as const;

/** A path item that is not a module: a lab, a checkpoint, an external resource, a project. */
function EntryCard({ item }: { item: Entry }) {
  const external = item.kind === "resource" || item.kind === "project" ? item.url : null;
  const minutes = item.minutes !== null ? <span className="muted"> · {item.minutes} min</span> : null;
  const kicker =
    item.kind === "lab" || item.kind === "checkpoint"
      ? `${ENTRY_KIND[item.kind]} · Module ${item.module.number}`
      : ENTRY_KIND[item.kind];
  return (
    <li className="resource-card" data-item={item.id}>
      <span className="resource-kind">{kicker}</span>{" "}
      {external ? (
        <a href={external} target="_blank" rel="noopener noreferrer">
          {item.title}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      ) : item.kind === "lab" || item.kind === "checkpoint" ? (
        <Link to={`/modules/${item.module.id}/lab`}>{item.title}</Link>
      ) : (
        <strong>{item.title}</strong>
      )}
      {minutes}
      {item.kind === "project" ? <p>{item.description}</p> : item.note ? <p>{item.note}</p> : null}
    </li>
  );
}

function PathSection({ path }: { path: PathView }) {
  return (
    <section className="path" aria-labelledby={`path-${path.id}`}>
      <header className="path-header">
        <h2 id={`path-${path.id}`}>{path.title}</h2>
        <p className="path-tagline">{path.tagline}</p>
        {path.description ? <p className="muted">{path.description}</p> : null}
        <p className="path-open">
          <Link to={`/paths/${path.id}`} data-testid="open-path">
            Your progress on {path.title}, step by step <span aria-hidden="true">→</span>
          </Link>
        </p>
      </header>
      <ol className="module-list">
        {path.items.map((item) =>
          item.kind === "module" ? (
            <ModuleCard key={item.id} module={item.module} />
          ) : (
            <EntryCard key={item.id} item={item} />
          ),
        )}
      </ol>
    </section>
  );
}

export function CourseMap() {
  const [state, reload] = useAsync(api.paths, "paths");
  return (
    <div className="page course-map">
      <section className="hero">
        <h1>Linear Algebra for AI</h1>
        <p className="hero-lede">
          Vectors, matrices, transformations and eigenvalues — the language of modern AI — with Python you can run
          behind every idea, from NumPy basics to LoRA and mechanistic interpretability.
        </p>
      </section>
      <ProgressStrip />
      {state.status === "loading" ? <Loading what="the course" /> : null}
      {state.status === "error" ? <ErrorPanel error={state.error} retry={reload} /> : null}
      {state.status === "ready"
        ? state.data.map((path) => <PathSection key={path.id} path={path} />)
        : null}
    </div>
  );
}
