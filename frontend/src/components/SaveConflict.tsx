import type { WorkspaceFiles } from "../workspace/files";

type Props = { files: WorkspaceFiles; name: string; what: string; text: string };

/** A save refused because `what` changed elsewhere: the newer text is shown, the learner's kept here. */
export function SaveConflict({ files, name, what, text }: Props) {
  return (
    <div className="save-conflict" role="alert">
      <p>
        {what} was changed in another tab, so your last edit was not saved. The newer saved version is in the editor.
      </p>
      <details>
        <summary>Your unsaved edit</summary>
        <pre tabIndex={0}>{text}</pre>
      </details>
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          files.edit(name, text);
          files.dismissConflict(name);
        }}
      >
        Use my edit
      </button>
      <button
        type="button"
        className="button-quiet"
        onClick={() => {
          files.dismissConflict(name);
        }}
      >
        Keep the saved version
      </button>
    </div>
  );
}
