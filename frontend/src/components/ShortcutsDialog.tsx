import { useEffect, useRef } from "react";

const SHORTCUTS: [string, string][] = [
  ["n", "Next page (lesson → quiz → next module)"],
  ["p", "Previous page"],
  ["q", "This module's quiz (on a lesson)"],
  ["l", "This module's lesson (on a quiz)"],
  ["h", "Course map"],
  ["a", "Ask the tutor (on a lesson or lab; Escape closes it)"],
  ["t", "Light / dark theme"],
  ["?", "This help"],
  ["Shift+Enter", "Run the cell you are editing (in a lab: run the file, or the console line)"],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([key, what]) => (
            <tr key={key}>
              <td>
                <kbd>{key}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">In the vector figures, focus a point and move it with the arrow keys.</p>
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
