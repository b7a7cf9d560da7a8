import { describe, expect, it } from "vitest";
import { arrowStep } from "./svgPointer";

describe("arrowStep", () => {
  it("moves up as +y, as on the figures' axes", () => {
    expect(arrowStep("ArrowUp", 0.5)).toEqual([0, 0.5]);
    expect(arrowStep("ArrowDown", 0.5)).toEqual([0, -0.5]);
    expect(arrowStep("ArrowLeft", 0.1)).toEqual([-0.1, 0]);
    expect(arrowStep("ArrowRight", 2)).toEqual([2, 0]);
  });

  it("ignores other keys", () => {
    expect(arrowStep("Enter", 1)).toBeNull();
    expect(arrowStep("PageUp", 1)).toBeNull();
  });
});
