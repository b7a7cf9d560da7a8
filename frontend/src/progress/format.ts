/** Words for the dashboard and the Review page: durations, counts, the streak, the week. */
import type { ImportSummary, StreakView, WeekDayView } from "../api/client";

/** The 3 h a week suggested when neither the learner nor their path has a goal. */
export const DEFAULT_GOAL_MINUTES = 180;

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "in 10 minutes", "in 3 days", "in 2 months" — when `target` comes, seen from `now`. */
export function formatIn(target: Date | string, now: Date): string {
  const ms = new Date(target).getTime() - now.getTime();
  if (ms <= 0) return "now";
  if (ms < MINUTE) return "in less than a minute";
  if (ms < 59.5 * MINUTE) return `in ${plural(Math.round(ms / MINUTE), "minute")}`;
  if (ms < 23.5 * HOUR) return `in ${plural(Math.round(ms / HOUR), "hour")}`;
  if (ms < 45 * DAY) return `in ${plural(Math.round(ms / DAY), "day")}`;
  if (ms < 548 * DAY) return `in ${plural(Math.round(ms / (30.44 * DAY)), "month")}`;
  return `in ${plural(Math.round(ms / (365.25 * DAY)), "year")}`;
}

/** "just now", "5 minutes ago", "yesterday", "3 days ago". */
export function formatAgo(at: Date | string, now: Date): string {
  const ms = now.getTime() - new Date(at).getTime();
  if (ms < MINUTE) return "just now";
  if (ms < 59.5 * MINUTE) return `${plural(Math.round(ms / MINUTE), "minute")} ago`;
  if (ms < 23.5 * HOUR) return `${plural(Math.round(ms / HOUR), "hour")} ago`;
  const days = Math.round(ms / DAY);
  return days <= 1 ? "yesterday" : `${plural(days, "day")} ago`;
}

/** "0 min", "12 min", "1 h 5 min", "3 h" (whole minutes; a started minute shows as "<1 min"). */
export function formatMinutes(minutes: number): string {
  if (minutes > 0 && minutes < 0.5) return "<1 min";
  const whole = Math.round(minutes);
  if (whole < 60) return `${whole} min`;
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

const NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** "5-day streak · one missed day forgiven", or null when there is no streak. */
export function streakText(streak: StreakView): string | null {
  if (streak.days === 0) return null;
  const head = `${streak.days}-day streak`;
  if (streak.forgiven === 0) return head;
  const count = NUMBERS[streak.forgiven] ?? String(streak.forgiven);
  return `${head} · ${count} missed ${streak.forgiven === 1 ? "day" : "days"} forgiven`;
}

/** Bar heights for the week's chart: the scale's top and the daily pace a goal asks for. */
export function weekScale(days: WeekDayView[], goalMinutes: number | null): { top: number; pace: number | null } {
  const pace = goalMinutes === null ? null : goalMinutes / 7;
  const most = Math.max(0, ...days.map((d) => d.minutes), pace ?? 0);
  // Round the top up to a tidy number of minutes so bars keep their scale as time grows.
  const step = most <= 30 ? 10 : most <= 120 ? 30 : 60;
  return { top: Math.max(step, Math.ceil((most * 1.1) / step) * step), pace };
}

/** Read a goal typed in hours ("3", "2.5", "1,5"): minutes, or an error to show. */
export function parseGoalHours(text: string): { minutes: number } | { error: string } {
  const hours = Number(text.trim().replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(hours)) return { error: "Type a number of hours, like 3 or 2.5." };
  const minutes = Math.round(hours * 60);
  if (minutes < 15) return { error: "A goal needs at least a quarter of an hour (0.25)." };
  if (minutes > 3000) return { error: "At most 50 hours a week." };
  return { minutes };
}

/** YYYY-MM-DD of a date in the browser's time zone (what the server's day means). */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A calendar day from the server ("2025-03-10") as a local date (no time zone shift). */
export function parseDay(day: string): Date {
  const [y = 1970, m = 1, d = 1] = day.split("-").map(Number);
  return new Date(y, m - 1, d);
}

const SECTIONS: [string, (count: number) => string][] = [
  ["quiz_attempts", (n) => plural(n, "quiz answer")],
  ["lab_attempts", (n) => plural(n, "lab check")],
  ["review_cards", (n) => `${plural(n, "item")} to review`],
  ["code", (n) => plural(n, "code file")],
  ["lessons", (n) => `reading progress in ${plural(n, "lesson")}`],
];

/** "Progress imported: 12 quiz answers, 2 lab checks and 3 code files." */
export function describeImport(summary: ImportSummary): string {
  const parts: string[] = [];
  for (const [key, say] of SECTIONS) {
    const count = summary.imported[key] ?? 0;
    if (count > 0) parts.push(say(count));
  }
  if (parts.length === 0) return "Progress imported: the file was empty, so you start afresh.";
  const last = parts.pop() ?? "";
  return `Progress imported: ${parts.length > 0 ? `${parts.join(", ")} and ${last}` : last}.`;
}

/**
 * Seconds a learner took on a quiz item: from when it came into view, or from their
 * previous answer on the page if that was later (items are answered one after another).
 */
export function secondsTaken(shownAt: number, previousAnswerAt: number | null, now: number): number {
  const start = Math.max(shownAt, previousAnswerAt ?? 0);
  return Math.max(0, Math.round((now - start) / 100) / 10);
}

/** The quiz page's memory of its last answer, for `secondsTaken` (one per page). */
export class AnswerClock {
  private last: number | null = null;

  /** Seconds on an item shown at `shownAt`, answered `now`; remembers the answer. */
  answer(shownAt: number, now: number): number {
    const seconds = secondsTaken(shownAt, this.last, now);
    this.last = now;
    return seconds;
  }
}
