import { describe, expect, it } from "vitest";
import {
  AnswerClock,
  describeImport,
  formatAgo,
  formatIn,
  formatMinutes,
  localDay,
  parseDay,
  parseGoalHours,
  secondsTaken,
  streakText,
  weekScale,
} from "./format";

const NOW = new Date("2025-03-12T10:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);
const MIN = 60_000;

describe("when something comes back", () => {
  it("says minutes, hours, days, months", () => {
    expect(formatIn(later(10 * MIN - 800), NOW)).toBe("in 10 minutes"); // a review answered a moment ago
    expect(formatIn(later(MIN), NOW)).toBe("in 1 minute");
    expect(formatIn(later(20_000), NOW)).toBe("in less than a minute");
    expect(formatIn(later(90 * MIN), NOW)).toBe("in 2 hours");
    expect(formatIn(later(3 * 24 * 60 * MIN + 5 * MIN), NOW)).toBe("in 3 days");
    expect(formatIn(later(23.8 * 60 * MIN), NOW)).toBe("in 1 day");
    expect(formatIn(later(70 * 24 * 60 * MIN), NOW)).toBe("in 2 months");
    expect(formatIn(later(800 * 24 * 60 * MIN), NOW)).toBe("in 2 years");
    expect(formatIn(later(-5 * MIN), NOW)).toBe("now");
  });

  it("takes the server's ISO timestamps", () => {
    expect(formatIn("2025-03-12T10:10:00+00:00", NOW)).toBe("in 10 minutes");
    expect(formatAgo("2025-03-12T07:00:00Z", NOW)).toBe("3 hours ago");
    expect(formatAgo(NOW, NOW)).toBe("just now");
    expect(formatAgo(later(-30 * 60 * MIN), NOW)).toBe("yesterday");
    expect(formatAgo(later(-4 * 24 * 60 * MIN), NOW)).toBe("4 days ago");
  });
});

describe("minutes", () => {
  it("reads like a person would say it", () => {
    expect(formatMinutes(0)).toBe("0 min");
    expect(formatMinutes(0.3)).toBe("<1 min");
    expect(formatMinutes(12.4)).toBe("12 min");
    expect(formatMinutes(65)).toBe("1 h 5 min");
    expect(formatMinutes(180)).toBe("3 h");
  });
});

describe("the streak", () => {
  it("says the days and the forgiven ones", () => {
    expect(streakText({ days: 0, today_active: false, forgiven: 0 })).toBeNull();
    expect(streakText({ days: 1, today_active: true, forgiven: 0 })).toBe("1-day streak");
    expect(streakText({ days: 5, today_active: true, forgiven: 1 })).toBe("5-day streak · one missed day forgiven");
    expect(streakText({ days: 9, today_active: false, forgiven: 2 })).toBe("9-day streak · two missed days forgiven");
  });
});

describe("the week's chart", () => {
  const days = (minutes: number[]) => minutes.map((m, i) => ({ day: `2025-03-${10 + i}`, minutes: m }));

  it("scales to the busiest day or the goal's daily pace, rounded up", () => {
    expect(weekScale(days([0, 0, 0, 0, 0, 0, 0]), null)).toEqual({ top: 10, pace: null });
    expect(weekScale(days([5, 25, 0, 0, 0, 0, 0]), null).top).toBe(30);
    const withGoal = weekScale(days([5, 10, 0, 0, 0, 0, 0]), 210);
    expect(withGoal.pace).toBe(30);
    expect(withGoal.top).toBe(40); // 30 × 1.1, up to the next 10
    expect(weekScale(days([150, 0, 0, 0, 0, 0, 0]), 180).top).toBe(180);
  });

  it("reads the server's days as local calendar days", () => {
    const day = parseDay("2025-03-10");
    expect([day.getFullYear(), day.getMonth(), day.getDate()]).toEqual([2025, 2, 10]);
    expect(localDay(day)).toBe("2025-03-10");
  });
});

describe("an import", () => {
  it("lists what came in", () => {
    expect(
      describeImport({
        imported: { quiz_attempts: 12, lab_attempts: 0, review_cards: 1, code: 3, lessons: 2, activity: 5 },
      }),
    ).toBe(
      "Progress imported: 12 quiz answers, 1 item to review, 3 code files and reading progress in 2 lessons.",
    );
    expect(describeImport({ imported: { quiz_attempts: 1 } })).toBe("Progress imported: 1 quiz answer.");
    expect(describeImport({ imported: {} })).toBe("Progress imported: the file was empty, so you start afresh.");
  });
});

describe("time taken on a quiz item", () => {
  it("runs from when it was shown, or from the previous answer if later", () => {
    expect(secondsTaken(1_000, null, 13_340)).toBe(12.3);
    expect(secondsTaken(1_000, 9_000, 13_000)).toBe(4);
    expect(secondsTaken(5_000, 1_000, 4_000)).toBe(0);
  });

  it("one item after another on the quiz page", () => {
    const clock = new AnswerClock();
    // Items 1 and 2 came into view together at 0 s; 1 answered at 20 s, 2 at 30 s.
    expect(clock.answer(0, 20_000)).toBe(20);
    expect(clock.answer(0, 30_000)).toBe(10);
    // Item 3 scrolled into view at 50 s, well after the last answer.
    expect(clock.answer(50_000, 65_000)).toBe(15);
  });
});

describe("a weekly goal typed in hours", () => {
  it("becomes minutes, within the server's bounds", () => {
    expect(parseGoalHours("3")).toEqual({ minutes: 180 });
    expect(parseGoalHours(" 2.5 ")).toEqual({ minutes: 150 });
    expect(parseGoalHours("1,5")).toEqual({ minutes: 90 });
    expect(parseGoalHours("0.25")).toEqual({ minutes: 15 });
    expect(parseGoalHours("0.2")).toHaveProperty("error");
    expect(parseGoalHours("51")).toHaveProperty("error");
    expect(parseGoalHours("")).toHaveProperty("error");
    expect(parseGoalHours("three")).toHaveProperty("error");
  });
});
