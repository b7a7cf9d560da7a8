import { describe, expect, it } from "vitest";
import { goLabel, kindLabel, listText, minutesText, needsText, weekStarts } from "./pathText";

const MODULE = { id: "vectors", number: 1, title: "Vectors" };

describe("a path item's words", () => {
  it("names the kind, with the module's number for a module", () => {
    expect(kindLabel({ kind: "module", module: MODULE })).toBe("Module 1");
    expect(kindLabel({ kind: "lab", module: MODULE })).toBe("Lab");
    expect(kindLabel({ kind: "checkpoint", module: MODULE })).toBe("Checkpoint");
    expect(kindLabel({ kind: "resource", module: null })).toBe("Resource");
    expect(kindLabel({ kind: "project", module: null })).toBe("Project");
  });

  it("lists what a locked item needs", () => {
    expect(needsText([])).toBeNull();
    expect(needsText([{ title: "Vectors" }])).toBe("Needs Vectors first");
    expect(needsText([{ title: "A" }, { title: "B" }])).toBe("Needs A and B first");
    expect(listText(["A", "B", "C"])).toBe("A, B and C");
  });

  it("says where its link goes", () => {
    const item = { kind: "module", module: MODULE, state: "available", step: "lesson", url: "/modules/vectors" } as const;
    expect(goLabel(item)).toBe("Read the lesson");
    expect(goLabel({ ...item, step: "quiz" })).toBe("Take the quiz");
    expect(goLabel({ ...item, state: "done", step: null })).toBe("Review the lesson");
    expect(goLabel({ ...item, kind: "checkpoint", state: "done", step: null })).toBe("Review the lab");
    expect(goLabel({ ...item, kind: "resource", module: null, step: null, url: "https://x.org" })).toBe(
      "Open the resource",
    );
    expect(goLabel({ ...item, kind: "project", module: null, step: null, url: null })).toBeNull();
  });

  it("counts minutes done only once there are some", () => {
    expect(minutesText(0, 130)).toBe("2 h 10 min");
    expect(minutesText(10, 130)).toBe("10 min of 2 h 10 min done");
  });
});

describe("numbering a path's items", () => {
  it("counts on from one week to the next", () => {
    expect(weekStarts([{ items: [1, 2, 3] }, { items: [4, 5] }, { items: [6] }])).toEqual([1, 4, 6]);
    expect(weekStarts([])).toEqual([]);
  });
});
