/** What the tutor is told about the page it is asked from. */
import type { AskContext } from "../api/client";
import type { CellRun } from "../kernel/outputs";

/** The server's limit on `context.output`; the end of a run (where errors are) is kept. */
export const MAX_OUTPUT_CHARS = 20_000;

/** A run's output as plain text, as a learner would read it: what it printed, then any error. */
export function runOutputText(run: CellRun | undefined, maxChars = MAX_OUTPUT_CHARS): string | null {
  if (!run) return null;
  const parts: string[] = [];
  for (const item of run.outputs) {
    switch (item.kind) {
      case "stream":
        parts.push(item.text);
        break;
      case "display": {
        const plain = item.data["text/plain"];
        if (plain !== undefined) parts.push(`${plain}\n`);
        break;
      }
      case "error": {
        const trace = item.traceback.length > 0 ? `${item.traceback.join("\n")}\n` : "";
        parts.push(`${trace}${item.ename}: ${item.evalue}\n`);
        break;
      }
      case "limit":
      case "notice":
        parts.push(`${item.message}\n`);
        break;
    }
  }
  const text = parts.join("");
  if (text === "") return null;
  if (text.length <= maxChars) return text;
  const marker = "[…earlier output left out]\n";
  return marker + text.slice(text.length - (maxChars - marker.length));
}

/** The context of a lab page: its module, the learner's file as it is now, the last run's output. */
export function labContext(moduleId: string, code: string | undefined, run: CellRun | undefined): AskContext {
  const context: AskContext = { page: "lab", module_id: moduleId };
  if (code !== undefined) context.code = code;
  const output = runOutputText(run);
  if (output !== null) context.output = output;
  return context;
}
