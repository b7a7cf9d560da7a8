/**
 * Pure helpers for a lab check's result and hint ladder: order the checks (failures
 * first), say what happened in words, count points, and split hint text into plain text
 * and `code` spans.
 */

import type { CheckView, FunctionHints, GradeView } from "../../api/client";

/** 11 → "11", 1.5 → "1.5", 2/3 → "0.67". */
export function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : String(Math.round(points * 100) / 100);
}

/** "11 / 14 points", "1 / 1 point". */
export function scoreText(score: number, maxScore: number): string {
  return `${formatPoints(score)} / ${formatPoints(maxScore)} ${maxScore === 1 ? "point" : "points"}`;
}

/** "0 points", "1 point", "2.5 points". */
export function pointsText(points: number): string {
  return `${formatPoints(points)} ${points === 1 ? "point" : "points"}`;
}

export type IndexedCheck = CheckView & { readonly index: number };

export type ResultSummary = {
  readonly total: number;
  readonly failed: readonly IndexedCheck[];
  readonly passed: readonly IndexedCheck[];
  /** False when the file did not load: then no check ran. */
  readonly ran: boolean;
  /** "3 of 10 checks failed", "Every check passed", "Your file did not load, so no check ran". */
  readonly headline: string;
  /** Failed checks that get a "Need a hint?" button: the first failure of each function. */
  readonly hintRows: ReadonlySet<number>;
};

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** What a result says, with the checks split into failed and passed (each in file order). */
export function summarize(result: GradeView): ResultSummary {
  const indexed = result.checks.map((check, index) => ({ ...check, index }));
  const failed = indexed.filter((c) => !c.passed);
  const passed = indexed.filter((c) => c.passed);
  const total = indexed.length;
  const ran = result.error === null;
  const hintRows = new Set<number>();
  if (ran) {
    const seen = new Set<string>();
    for (const check of failed) {
      if (seen.has(check.function)) continue;
      seen.add(check.function);
      hintRows.add(check.index);
    }
  }
  let headline: string;
  if (!ran) headline = "Your file did not load, so no check ran";
  else if (total === 0) headline = "There are no checks";
  else if (failed.length === 0) headline = total === 1 ? "The check passed" : "Every check passed";
  else if (failed.length === total) headline = `${total === 1 ? "The check" : `All ${total} checks`} failed`;
  else headline = `${failed.length} of ${total} ${plural(total, "check", "checks")} failed`;
  return { total, failed, passed, ran, headline, hintRows };
}

/** What the live region says once a check is back. */
export function announce(attempt: number, result: GradeView, completedNow: boolean): string {
  const { headline, ran } = summarize(result);
  const parts = [`Attempt ${attempt}: ${headline}.`];
  if (ran) parts.push(`${scoreText(result.score, result.max_score)}.`);
  else if (result.error) parts.push(result.error);
  if (completedNow) parts.push("Lab complete!");
  return parts.join(" ");
}

/** "Hint 2 of 3". */
export function rungLabel(index: number, total: number): string {
  return `Hint ${index + 1} of ${total}`;
}

export type HintState =
  | { readonly kind: "available"; readonly next: number }
  | { readonly kind: "all-shown" }
  | { readonly kind: "waiting" }
  | { readonly kind: "none-yet" };

/** Whether `fn`'s next rung can be revealed now, and if not, why. */
export function hintState(fn: FunctionHints): HintState {
  if (fn.revealed.length >= fn.total) return { kind: "all-shown" };
  if (fn.next_available) return { kind: "available", next: fn.revealed.length };
  return fn.revealed.length === 0 && fn.failed_attempts === 0 ? { kind: "none-yet" } : { kind: "waiting" };
}

export type InlineSegment = { readonly code: boolean; readonly text: string };

/**
 * Split short Markdown-ish text into plain text and `code` spans (backticks; a double
 * backtick fence may hold single backticks). An unmatched backtick stays as text.
 */
export function inlineCode(text: string): InlineSegment[] {
  const segments: InlineSegment[] = [];
  let plain = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === "`") {
      let fence = 1;
      while (text[i + fence] === "`") fence += 1;
      const marker = "`".repeat(fence);
      const end = text.indexOf(marker, i + fence);
      if (end > i + fence) {
        if (plain) segments.push({ code: false, text: plain });
        plain = "";
        const inner = text.slice(i + fence, end);
        const trimmed = /^ .* $/.test(inner) && inner.trim() !== "" ? inner.slice(1, -1) : inner;
        segments.push({ code: true, text: trimmed });
        i = end + fence;
        continue;
      }
      plain += marker;
      i += fence;
      continue;
    }
    plain += text.charAt(i);
    i += 1;
  }
  if (plain) segments.push({ code: false, text: plain });
  return segments;
}

/** Lines in `output`, for the summary of the collapsed block ("3 lines"). */
export function lineCount(output: string): number {
  if (output === "") return 0;
  const lines = output.split("\n");
  return lines[lines.length - 1] === "" ? lines.length - 1 : lines.length;
}
