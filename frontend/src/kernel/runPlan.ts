/**
 * "Run all" as the server understands it stops at the first cell that fails. Lessons have
 * cells that raise on purpose (to show an error), so the page sends the cells in segments,
 * each ending at such a cell, and goes on only when that cell raised what it should.
 */
import type { CellRun } from "./outputs";
import { raisedName } from "./outputs";
import type { RunRequest } from "./protocol";

export type PlannedCell = { readonly cellId: string; readonly code: string; readonly raises: string | null };

export function segmentsFor(cells: readonly PlannedCell[]): PlannedCell[][] {
  const segments: PlannedCell[][] = [];
  let current: PlannedCell[] = [];
  for (const cell of cells) {
    current.push(cell);
    if (cell.raises !== null) {
      segments.push(current);
      current = [];
    }
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

export function runRequests(segment: readonly PlannedCell[]): RunRequest[] {
  return segment.map((cell) => ({ type: "run", cell_id: cell.cellId, code: cell.code }));
}

/** Whether the segment that ended with `last` (which finished as `run`) went as planned. */
export function segmentSucceeded(last: PlannedCell, run: CellRun | undefined): boolean {
  if (run?.phase !== "done") return false;
  if (run.status === "ok") return true;
  return run.status === "error" && last.raises !== null && raisedName(run) === last.raises;
}
