import { kernelStateLabel, type SessionState } from "../../kernel/outputs";
import type { KernelSession } from "../../kernel/session";
import { useSessionState } from "../../kernel/useKernelSession";

function anyUnfinished(state: SessionState): boolean {
  return Object.values(state.cells).some((run) => run.phase !== "done");
}

/** The kernel's state, announced when it changes, and a reminder when nothing sandboxes it. */
export function KernelState({ session }: { session: KernelSession }) {
  const label = useSessionState(session, kernelStateLabel);
  const unsandboxed = useSessionState(session, (s) => s.hello?.sandboxed === false);
  return (
    <span className="kernel-state-group">
      {unsandboxed ? (
        <span className="badge badge-warn" data-testid="unsandboxed-badge">
          ⚠ not sandboxed
        </span>
      ) : null}
      <span className="kernel-state" data-state={label} role="status">
        <span className="kernel-dot" aria-hidden="true" />
        Kernel: {label}
      </span>
    </span>
  );
}

type Props = {
  session: KernelSession;
  /** The run button's text: "Run all" in a lesson, "Run file" in a lab. */
  runAllLabel?: string;
  onRunAll: () => void;
  runDisabled?: boolean;
  runTitle?: string;
  label?: string;
};

/** Run all · Interrupt · Restart kernel · state, for a page's kernel. */
export function KernelToolbar({
  session,
  runAllLabel = "Run all",
  onRunAll,
  runDisabled = false,
  runTitle,
  label = "Python kernel",
}: Props) {
  const busy = useSessionState(session, anyUnfinished);
  const started = useSessionState(session, (s) => s.connection !== "idle");
  return (
    <div className="kernel-toolbar" role="group" aria-label={label}>
      <button type="button" className="button" onClick={onRunAll} disabled={runDisabled} title={runTitle}>
        ▶ {runAllLabel}
      </button>
      <button
        type="button"
        className="button-secondary"
        disabled={!busy}
        onClick={() => {
          session.interrupt();
        }}
      >
        ■ Interrupt
      </button>
      <button
        type="button"
        className="button-secondary"
        disabled={!started}
        onClick={() => {
          session.restart();
        }}
      >
        ↻ Restart kernel
      </button>
      <KernelState session={session} />
    </div>
  );
}
