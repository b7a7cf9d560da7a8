/** Words for a learning path's items: kind, state, what they still need, where to go. */
import type { PathItemStateView } from "../api/client";
import { formatMinutes } from "./format";

type Item = Pick<PathItemStateView, "kind" | "state" | "step" | "module" | "url">;

const KIND = { module: "Module", lab: "Lab", checkpoint: "Checkpoint", resource: "Resource", project: "Project" } as const;

/** "Module 3", "Lab", "Checkpoint", "Resource", "Project". */
export function kindLabel(item: Pick<Item, "kind" | "module">): string {
  return item.kind === "module" && item.module ? `Module ${item.module.number}` : KIND[item.kind];
}

export const STATE_TEXT = { done: "Done", available: "Available", locked: "Locked" } as const;

/** "A", "A and B", "A, B and C". */
export function listText(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
}

/** "Needs A and B first" for a locked item; null when it needs nothing more. */
export function needsText(needs: { title: string }[]): string | null {
  return needs.length === 0 ? null : `Needs ${listText(needs.map((n) => n.title))} first`;
}

const STEP = { lesson: "Read the lesson", lab: "Open the lab", quiz: "Take the quiz" } as const;

/** What the link to the item's page says, or null when it has none (a project without a link). */
export function goLabel(item: Item): string | null {
  if (item.url === null) return null;
  if (item.kind === "resource") return "Open the resource";
  if (item.kind === "project") return "Open the project's page";
  if (item.step) return STEP[item.step];
  return item.kind === "module" ? "Review the lesson" : "Review the lab";
}

/** "10 of 130 min done", or "130 min" before anything is done. */
export function minutesText(done: number, total: number): string {
  return done > 0 ? `${formatMinutes(done)} of ${formatMinutes(total)} done` : formatMinutes(total);
}

/** The number of each week's first item, counting items from 1 across the whole path. */
export function weekStarts(weeks: { items: unknown[] }[]): number[] {
  const starts: number[] = [];
  let next = 1;
  for (const week of weeks) {
    starts.push(next);
    next += week.items.length;
  }
  return starts;
}
