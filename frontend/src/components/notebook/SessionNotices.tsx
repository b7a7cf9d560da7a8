import type { KernelSession } from "../../kernel/session";
import { useSessionState } from "../../kernel/useKernelSession";

/** A persistent warning when code runs without a sandbox, and page-wide notices. */
export function SessionNotices({ session }: { session: KernelSession }) {
  const hello = useSessionState(session, (s) => s.hello);
  const notices = useSessionState(session, (s) => s.notices);
  return (
    <>
      {hello && !hello.sandboxed ? (
        <div className="sandbox-warning" role="alert" data-testid="sandbox-warning">
          <p>
            <strong>Code runs on this computer without a sandbox.</strong> {hello.notice}
          </p>
        </div>
      ) : null}
      {notices.map((notice) => (
        <div key={notice.id} className="page-notice" role="alert">
          <p>{notice.message}</p>
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              session.dismissNotice(notice.id);
            }}
          >
            Dismiss
          </button>
        </div>
      ))}
    </>
  );
}
