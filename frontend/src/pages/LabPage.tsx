import { useId, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, api, type LabView, type ModuleDetail } from "../api/client";
import { BlockView } from "../components/Blocks";
import { CodeEditor } from "../components/CodeEditor";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { CheckResults } from "../components/lab/CheckResults";
import { HintLadder } from "../components/lab/HintLadder";
import { LabConsole } from "../components/lab/LabConsole";
import { scoreText } from "../components/lab/results";
import { useLabGrading, type LabGrading } from "../components/lab/useLabGrading";
import { VersionsPanel } from "../components/lab/VersionsPanel";
import { KernelToolbar } from "../components/notebook/KernelToolbar";
import { SessionNotices } from "../components/notebook/SessionNotices";
import { OutputArea } from "../components/outputs/OutputArea";
import { SaveConflict } from "../components/SaveConflict";
import { ErrorPanel, Loading } from "../components/Status";
import { useAsync } from "../hooks/useAsync";
import { useHeartbeat } from "../progress/useHeartbeat";
import { useCellRun, useKernelSession } from "../kernel/useKernelSession";
import { labContext } from "../tutor/context";
import { LAB_EXAMPLES, TutorPanel } from "../tutor/TutorPanel";
import { describeSave, type WorkspaceFiles } from "../workspace/files";
import { useDraft, useWorkspace, useWorkspaceState } from "../workspace/useWorkspace";
import { NotFound } from "./NotFound";

const FILE_CELL = "file";

function SaveStatus({ files, name }: { files: WorkspaceFiles; name: string }) {
  const draft = useDraft(files, name);
  return (
    <p className="save-status" role="status" data-status={draft?.status} data-testid="save-status" title={draft?.error ?? undefined}>
      {describeSave(draft)}
    </p>
  );
}

/** "✓ Completed" once some attempt passed every check, and how many checks so far. */
function LabProgress({ grading }: { grading: LabGrading }) {
  const status = grading.status;
  if (!status || status.attempts.length === 0) return null;
  const count = status.attempts.length;
  return (
    <p className="lab-progress" data-testid="lab-progress">
      {status.completed ? (
        <span className="badge badge-ok" data-testid="lab-completed-badge">
          <span aria-hidden="true">✓ </span>Completed
        </span>
      ) : null}
      <span className="muted">
        {count} {count === 1 ? "check" : "checks"} so far · best {scoreText(status.best_score, status.max_score)}
      </span>
    </p>
  );
}

function Lab({ module, lab }: { module: ModuleDetail; lab: LabView }) {
  useHeartbeat("lab", module.id);
  const session = useKernelSession("lab", module.id);
  const files = useWorkspace("lab", module.id);
  const name = lab.file_name;
  const load = useWorkspaceState(files, (s) => s.load);
  const loadError = useWorkspaceState(files, (s) => s.loadError);
  const draft = useDraft(files, name);
  const fileRun = useCellRun(session, FILE_CELL);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const ids = useId();
  const grading = useLabGrading(module.id, setAnnouncement);
  const hintId = `${ids}-hint`;
  const versionsId = `${ids}-versions`;

  /** The tutor reads the file as it is now and what its last run printed. */
  function tutorContext() {
    return labContext(module.id, files.getState().files[name]?.content, session.getState().cells[FILE_CELL]);
  }

  function runFile() {
    session.run(FILE_CELL, files.getState().files[name]?.content ?? "");
  }

  function check() {
    // The server keeps the code it checks with the attempt; saving it now keeps the file's
    // history in step with what was checked.
    files.flush();
    const content = files.getState().files[name]?.content;
    if (content !== undefined) grading.check(content);
  }

  function resetToStarter() {
    setConfirmReset(false);
    files.reset(name).then(
      () => {
        setAnnouncement(`${name} is back to the starter code.`);
      },
      (error: unknown) => {
        setAnnouncement(`Could not reset ${name}: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }

  return (
    <div className="page lab-page">
      <header className="lesson-header lab-header">
        <p className="eyebrow">
          Module {module.number} · Lab
        </p>
        <h1>{lab.title}</h1>
        <LabProgress grading={grading} />
        <p className="muted">
          <Link to={`/modules/${module.id}`}>← Back to the lesson: {module.title}</Link>
        </p>
      </header>
      <SessionNotices session={session} />
      <div className="lab-layout">
        <section className="lab-task" aria-label="Task">
          {lab.task.map((block, i) => (
            <BlockView key={i} block={block} />
          ))}
          {lab.functions.length > 0 ? (
            <p className="lab-functions">
              Functions to write:{" "}
              {lab.functions.map((f, i) => (
                <span key={f}>
                  {i > 0 ? ", " : null}
                  <code>{f}</code>
                </span>
              ))}
            </p>
          ) : null}
        </section>
        <section className="lab-workspace" aria-labelledby={`${ids}-file`}>
          <div className="lab-file-bar">
            <h2 id={`${ids}-file`} className="lab-file-name">
              {name}
            </h2>
            <SaveStatus files={files} name={name} />
            <span className="lab-file-actions">
              <button
                type="button"
                className="button-quiet"
                aria-expanded={versionsOpen}
                aria-controls={versionsId}
                onClick={() => {
                  setVersionsOpen(!versionsOpen);
                }}
              >
                Versions
              </button>
              <button
                type="button"
                className="button-quiet"
                disabled={!draft}
                onClick={() => {
                  setConfirmReset(true);
                }}
              >
                Reset to starter
              </button>
            </span>
          </div>
          <div className="lab-toolbar">
            <button
              type="button"
              className="button lab-check-button"
              onClick={check}
              disabled={!draft || grading.checking}
              aria-busy={grading.checking}
              title={`Check ${name} against the lab's checks`}
            >
              {grading.checking ? (
                <>
                  <span className="spinner spinner-small" aria-hidden="true" /> Checking…
                </>
              ) : (
                <>
                  <span aria-hidden="true">✓</span> Check my code
                </>
              )}
            </button>
            <KernelToolbar
              session={session}
              runAllLabel="Run file"
              onRunAll={runFile}
              runDisabled={!draft}
              runTitle="Run file (Shift+Enter)"
              label={`${name} and the kernel`}
            />
          </div>
          <p className="visually-hidden" role="status">
            {announcement}
          </p>
          {draft?.conflict != null ? <SaveConflict files={files} name={name} what={name} text={draft.conflict} /> : null}
          {load === "loading" && !draft ? <Loading what={name} /> : null}
          {load === "failed" && !draft ? (
            <ErrorPanel
              error={new Error(`Could not load ${name}: ${loadError ?? "unknown error"}`)}
              retry={() => {
                void files.load();
              }}
            />
          ) : null}
          {draft ? (
            <>
              <span id={hintId} className="visually-hidden">
                Saved as you type. Shift+Enter runs the file; Tab leaves the editor.
              </span>
              <CodeEditor
                className="lab-editor"
                value={draft.content}
                label={`${name} editor`}
                describedBy={hintId}
                numbered
                onChange={(text) => {
                  files.edit(name, text);
                }}
                onRun={runFile}
              />
            </>
          ) : null}
          {fileRun ? (
            <div className="lab-file-output">
              <OutputArea run={fileRun} name={name} />
            </div>
          ) : null}
          {grading.checkError ? <ErrorPanel error={new Error(`Could not check your code: ${grading.checkError.message}`)} retry={check} /> : null}
          {grading.last ? (
            <CheckResults
              response={grading.last}
              fresh={grading.lastIsFresh}
              module={module}
              hints={grading.hints}
              checking={grading.checking}
              revealing={grading.revealing}
              onReveal={grading.reveal}
            />
          ) : null}
          <HintLadder
            hints={grading.hints}
            error={grading.hintsError}
            retry={grading.reloadHints}
            revealing={grading.revealing}
            revealError={grading.revealError}
            revealed={grading.revealed}
            onReveal={grading.reveal}
          />
          {versionsOpen && draft ? (
            <VersionsPanel
              id={versionsId}
              kind="lab"
              moduleId={module.id}
              name={name}
              files={files}
              currentVersion={draft.version}
              onRestored={setAnnouncement}
            />
          ) : null}
          <LabConsole session={session} example={lab.functions[0] ? `${lab.functions[0]}(…)` : undefined} />
        </section>
      </div>
      <TutorPanel moduleId={module.id} page="lab" session={session} context={tutorContext} examples={LAB_EXAMPLES} />
      <ConfirmDialog
        open={confirmReset}
        title="Reset to the starter code?"
        confirmLabel="Reset to starter"
        onConfirm={resetToStarter}
        onCancel={() => {
          setConfirmReset(false);
        }}
      >
        <p>
          {name} goes back to the starter code. Your current code is kept as a version, so you can restore it from
          Versions.
        </p>
      </ConfirmDialog>
    </div>
  );
}

export function LabPage() {
  const { moduleId = "" } = useParams();
  const [state, reload] = useAsync(() => api.module(moduleId), `lab:${moduleId}`);
  if (state.status === "loading") return <Loading what="the lab" />;
  if (state.status === "error") {
    if (state.error instanceof ApiError && state.error.status === 404) return <NotFound what="module" />;
    return <ErrorPanel error={state.error} retry={reload} />;
  }
  if (!state.data.lab) return <NotFound what="lab" />;
  return <Lab key={state.data.id} module={state.data} lab={state.data.lab} />;
}
