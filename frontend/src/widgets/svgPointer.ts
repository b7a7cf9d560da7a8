/**
 * Pointer and keyboard input shared by the figures: where the pointer is in an SVG's own
 * coordinates, and which way an arrow key moves a handle.
 */

/** The point under the pointer in the SVG's user units (null before the SVG is laid out). */
export function svgUserPoint(svg: SVGSVGElement | null, clientX: number, clientY: number): DOMPoint | null {
  const matrix = svg?.getScreenCTM();
  if (!matrix) return null;
  return new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
}

/** The move an arrow key asks for, in world directions (up is +y), or null for other keys. */
export function arrowStep(key: string, step: number): [number, number] | null {
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [-step, 0],
    ArrowRight: [step, 0],
    ArrowUp: [0, step],
    ArrowDown: [0, -step],
  };
  return moves[key] ?? null;
}
