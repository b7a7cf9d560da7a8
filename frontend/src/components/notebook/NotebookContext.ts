import { createContext, useContext } from "react";
import type { Block, CodeBlock } from "../../api/client";
import type { KernelSession } from "../../kernel/session";
import type { PlannedCell } from "../../kernel/runPlan";
import type { WorkspaceFiles } from "../../workspace/files";

/** A page whose runnable cells run in one kernel and are saved in one workspace. */
export type Notebook = {
  session: KernelSession;
  files: WorkspaceFiles;
  /** Runnable cells in page order. */
  cells: readonly CodeBlock[];
};

export const NotebookContext = createContext<Notebook | null>(null);

export function useNotebook(): Notebook | null {
  return useContext(NotebookContext);
}

export function runnableCells(blocks: readonly Block[]): CodeBlock[] {
  return blocks.flatMap((block) => {
    if (block.type === "code") return block.runnable ? [block] : [];
    if (block.type === "admonition") return block.blocks.filter((b): b is CodeBlock => b.type === "code" && b.runnable);
    return [];
  });
}

/** The code a cell runs now: the learner's edit, else the lesson's. */
export function currentCode(notebook: Notebook, cell: CodeBlock): string {
  return notebook.files.getState().files[cell.id]?.content ?? cell.source;
}

export function runAll(notebook: Notebook): void {
  const planned: PlannedCell[] = notebook.cells.map((cell) => ({
    cellId: cell.id,
    code: currentCode(notebook, cell),
    raises: cell.raises,
  }));
  notebook.session.runAll(planned);
}
