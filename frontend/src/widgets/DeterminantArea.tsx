import { useId, useRef, useState } from "react";
import type { KeyboardEvent, PointerEvent } from "react";
import type { WidgetProps } from "./registry";
import {
  columnsOf,
  det2,
  detExpansion,
  fromColumns,
  inverse2,
  npMatrix,
  npResultMatrix,
  orientation,
  parallelogram,
  pushAcross,
  signed,
  type Mat2,
  type Orientation,
  type Vec2,
} from "./determinantAreaMath";
import { clamp, fmt, snap } from "./vectorMath";
import { arrowStep, svgUserPoint } from "./svgPointer";

type Column = "a1" | "a2";

const RANGE = 4; // the grid shows −4…4 on both axes
const LIMIT = 3.5; // column tips stay within −3.5…3.5
const SIZE = 420; // SVG user units
const UNIT = SIZE / (2 * RANGE);
const DRAG_STEP = 0.1;
const KEY_STEP = 0.5;
const FINE_STEP = 0.1;
const T_MAX = 2;

const DEFAULT: Mat2 = [
  [2, 0.5],
  [1, 1.5],
];

const PRESETS: { name: string; matrix: Mat2 }[] = [
  { name: "Identity", matrix: [[1, 0], [0, 1]] },
  { name: "Rotate 30°", matrix: [[0.866, -0.5], [0.5, 0.866]] },
  { name: "Shear", matrix: [[1, 1.5], [0, 1]] },
  { name: "Mirror", matrix: [[0, 1], [1, 0]] },
  { name: "Squash", matrix: [[2, 1], [1, 0.5]] },
];

function parseMatrix(value: unknown): Mat2 {
  const isRow = (r: unknown): r is [number, number] =>
    Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === "number");
  if (Array.isArray(value) && value.length === 2 && isRow(value[0]) && isRow(value[1])) {
    return [
      [value[0][0], value[0][1]],
      [value[1][0], value[1][1]],
    ];
  }
  return DEFAULT;
}

const toScreen = (p: Vec2): [number, number] => [(p[0] + RANGE) * UNIT, (RANGE - p[1]) * UNIT];
const points = (ps: readonly Vec2[]) => ps.map((p) => toScreen(p).join(",")).join(" ");
const vecText = (v: Vec2) => `(${fmt(v[0])}, ${fmt(v[1])})`;
const clampVec = (v: Vec2): Vec2 => [clamp(v[0], -LIMIT, LIMIT), clamp(v[1], -LIMIT, LIMIT)];

const ORIENTATION_TEXT: Record<Orientation, string> = {
  kept: "a₁ → a₂ turns counter-clockwise, like e₁ → e₂",
  flipped: "a₁ → a₂ turns clockwise: a mirror image",
  singular: "the plane is squashed onto a line",
};

/** The far ends of the line through a₁ (to show where a₂ must go to make A singular). */
function lineThrough(a: Vec2): [Vec2, Vec2] | null {
  const n = Math.hypot(a[0], a[1]);
  if (n < 1e-9) return null;
  const k = (RANGE * 2) / n;
  return [
    [-a[0] * k, -a[1] * k],
    [a[0] * k, a[1] * k],
  ];
}

/** Where to put a column's label: just past its tip, turned 40° to one side (±1). */
function labelSpot(a: Vec2, turn: number): Vec2 {
  const n = Math.hypot(a[0], a[1]);
  const [ux, uy] = n < 1e-9 ? [1, 0] : [a[0] / n, a[1] / n];
  const angle = (turn * 40 * Math.PI) / 180;
  const distance = 0.5; // world units past the tip
  return [
    a[0] + distance * (ux * Math.cos(angle) - uy * Math.sin(angle)),
    a[1] + distance * (ux * Math.sin(angle) + uy * Math.cos(angle)),
  ];
}

/** A short arc near the origin from the direction of a₁ to that of a₂: the turning direction. */
function TurnArc({ a1, a2, marker }: { a1: Vec2; a2: Vec2; marker: string }) {
  if (Math.hypot(...a1) < 1e-9 || Math.hypot(...a2) < 1e-9) return null;
  const start = Math.atan2(a1[1], a1[0]);
  let delta = Math.atan2(a2[1], a2[0]) - start;
  while (delta > Math.PI) delta -= 2 * Math.PI;
  while (delta <= -Math.PI) delta += 2 * Math.PI;
  if (Math.abs(delta) < 0.15 || Math.abs(Math.abs(delta) - Math.PI) < 0.15) return null;
  const r = 26;
  const [cx, cy] = toScreen([0, 0]);
  const end = start + delta * 0.85;
  const from = [cx + r * Math.cos(start), cy - r * Math.sin(start)];
  const to = [cx + r * Math.cos(end), cy - r * Math.sin(end)];
  const sweep = delta > 0 ? 0 : 1; // the screen's y axis points down
  return (
    <path
      className="da-turn"
      d={`M ${from[0]} ${from[1]} A ${r} ${r} 0 0 ${sweep} ${to[0]} ${to[1]}`}
      markerEnd={`url(#${marker})`}
    />
  );
}

export function DeterminantArea({ props }: WidgetProps) {
  const initial = parseMatrix(props.matrix);
  const caption = typeof props.caption === "string" ? props.caption : null;
  const [base, setBase] = useState<Mat2>(initial);
  const [t, setT] = useState(0);
  const [dragging, setDragging] = useState<Column | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const svgRef = useRef<SVGSVGElement>(null);
  const id = useId().replace(/:/g, "");

  const [b1, b2] = columnsOf(base);
  const a1 = b1;
  const a2 = pushAcross(b1, b2, t);
  const A = fromColumns(a1, a2);
  const det = det2(A);
  const kind = orientation(det);
  const inv = inverse2(A);
  const detText = kind === "singular" ? "0" : fmt(det);
  const areaText = kind === "singular" ? "0" : fmt(Math.abs(det));

  /** Make the shown matrix the new starting point (the slider's push is baked in). */
  function setColumn(which: Column, value: Vec2) {
    const next = clampVec(value);
    setBase(which === "a1" ? fromColumns(next, a2) : fromColumns(a1, next));
    setT(0);
    return next;
  }

  function pointerToWorld(event: PointerEvent<SVGElement>): Vec2 | null {
    const p = svgUserPoint(svgRef.current, event.clientX, event.clientY);
    if (!p) return null;
    return [snap(p.x / UNIT - RANGE, DRAG_STEP), snap(RANGE - p.y / UNIT, DRAG_STEP)];
  }

  function onKeyDown(which: Column, event: KeyboardEvent<SVGCircleElement>) {
    const step = event.shiftKey ? FINE_STEP : KEY_STEP;
    const move = arrowStep(event.key, step);
    if (!move) return;
    event.preventDefault();
    const current = which === "a1" ? a1 : a2;
    const next = setColumn(which, [snap(current[0] + move[0], 0.01), snap(current[1] + move[1], 0.01)]);
    const nextDet = which === "a1" ? det2(fromColumns(next, a2)) : det2(fromColumns(a1, next));
    setAnnouncement(`${which === "a1" ? "a₁" : "a₂"} is now ${vecText(next)}; det A = ${fmt(nextDet)}`);
  }

  function entryInput(row: 0 | 1, col: 0 | 1, name: string) {
    return (
      <input
        type="number"
        step={KEY_STEP}
        min={-LIMIT}
        max={LIMIT}
        value={Number(A[row][col].toFixed(3))}
        aria-label={`Entry ${name} of A (row ${row + 1}, column ${col + 1})`}
        data-entry={name}
        onChange={(event) => {
          const x = Number(event.target.value);
          if (!Number.isFinite(x) || event.target.value === "") return;
          const e: [number, number, number, number] = [A[0][0], A[0][1], A[1][0], A[1][1]];
          e[row * 2 + col] = clamp(x, -LIMIT, LIMIT);
          setBase([
            [e[0], e[1]],
            [e[2], e[3]],
          ]);
          setT(0);
        }}
      />
    );
  }

  const ticks = Array.from({ length: 2 * RANGE + 1 }, (_, i) => i - RANGE);
  const corners = parallelogram(A);
  const centre: Vec2 = [(a1[0] + a2[0]) / 2, (a1[1] + a2[1]) / 2];
  const [labelX, labelY] = toScreen(centre);
  const guide = lineThrough(a1);
  const colors = { a1: "var(--vec-u)", a2: "var(--vec-proj)" };
  const tips = { a1: toScreen(a1), a2: toScreen(a2) };
  const areaWord = kind === "flipped" ? "flipped" : kind === "singular" ? "flat" : "kept";
  // a₁'s label goes on the side away from a₂ and vice versa, so they never collide
  const side = kind === "flipped" ? -1 : 1;

  const code = [
    { key: "matrix", text: `A = ${npMatrix(A)}`, result: null },
    { key: "det", text: "round(np.linalg.det(A), 2)", result: detText },
    { key: "area", text: "abs(np.linalg.det(A))", result: `${areaText}  (the area scale)` },
    {
      key: "inv",
      text: "np.linalg.inv(A)",
      result: inv ? npResultMatrix(inv) : "LinAlgError: Singular matrix",
    },
  ];

  return (
    <div className="determinant-area" data-orientation={kind}>
      <div className="da-canvas">
        <svg
          ref={svgRef}
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          role="group"
          aria-label={`The columns a₁ = ${vecText(a1)} and a₂ = ${vecText(a2)} span a parallelogram of signed area ${detText}`}
          onPointerMove={(event) => {
            if (!dragging) return;
            const p = pointerToWorld(event);
            if (p) setColumn(dragging, p);
          }}
          onPointerUp={() => {
            setDragging(null);
          }}
          onPointerCancel={() => {
            setDragging(null);
          }}
          className={dragging ? "dragging" : undefined}
        >
          <defs>
            {(["a1", "a2"] as const).map((name) => (
              <marker
                key={name}
                id={`${id}-${name}`}
                viewBox="0 0 10 10"
                refX="8"
                refY="5"
                markerWidth="5"
                markerHeight="5"
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill={colors[name]} />
              </marker>
            ))}
            <marker
              id={`${id}-turn`}
              viewBox="0 0 10 10"
              refX="6"
              refY="5"
              markerWidth="6"
              markerHeight="6"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className="da-turn-head" />
            </marker>
          </defs>
          <g className="da-grid">
            {ticks.map((k) => (
              <g key={k}>
                <line x1={(k + RANGE) * UNIT} y1={0} x2={(k + RANGE) * UNIT} y2={SIZE} />
                <line x1={0} y1={(k + RANGE) * UNIT} x2={SIZE} y2={(k + RANGE) * UNIT} />
              </g>
            ))}
          </g>
          <g className="da-axes">
            <line x1={0} y1={SIZE / 2} x2={SIZE} y2={SIZE / 2} />
            <line x1={SIZE / 2} y1={0} x2={SIZE / 2} y2={SIZE} />
          </g>
          <polygon className="da-unit" points={points([[0, 0], [1, 0], [1, 1], [0, 1]])} />
          {guide ? (
            <line
              className="da-guide"
              x1={toScreen(guide[0])[0]}
              y1={toScreen(guide[0])[1]}
              x2={toScreen(guide[1])[0]}
              y2={toScreen(guide[1])[1]}
            />
          ) : null}
          <polygon className="da-shape" data-orientation={kind} points={points(corners)} />
          <TurnArc a1={a1} a2={a2} marker={`${id}-turn`} />
          {(["a1", "a2"] as const).map((name) => {
            const [x, y] = tips[name];
            const [ox, oy] = toScreen([0, 0]);
            return Math.hypot(x - ox, y - oy) < 1 ? null : (
              <line
                key={name}
                x1={ox}
                y1={oy}
                x2={x}
                y2={y}
                stroke={colors[name]}
                strokeWidth={3}
                markerEnd={`url(#${id}-${name})`}
              />
            );
          })}
          {kind === "singular" ? (
            <text x={12} y={24} className="da-area-label da-area-flat">
              area 0: squashed onto a line
            </text>
          ) : (
            <text x={labelX} y={labelY} className="da-area-label" textAnchor="middle" dominantBaseline="middle">
              {signed(det)}
            </text>
          )}
          {(["a1", "a2"] as const).map((name) => {
            const [x, y] = toScreen(labelSpot(name === "a1" ? a1 : a2, name === "a1" ? -side : side));
            return (
              <text
                key={name}
                x={x}
                y={y}
                className="da-label"
                fill={colors[name]}
                textAnchor="middle"
                dominantBaseline="middle"
              >
                {name === "a1" ? "a₁" : "a₂"}
              </text>
            );
          })}
          {(["a1", "a2"] as const).map((name) => {
            const value = name === "a1" ? a1 : a2;
            return (
              <circle
                key={name}
                cx={tips[name][0]}
                cy={tips[name][1]}
                r={13}
                className="da-handle"
                data-handle={name}
                style={{ stroke: colors[name] }}
                tabIndex={0}
                role="button"
                aria-roledescription="draggable point"
                aria-label={`Column ${name === "a1" ? "a₁" : "a₂"} of A, at ${vecText(value)}. Drag it, or use the arrow keys (Shift for small steps).`}
                onPointerDown={(event) => {
                  event.preventDefault();
                  event.currentTarget.setPointerCapture(event.pointerId);
                  setDragging(name);
                }}
                onKeyDown={(event) => {
                  onKeyDown(name, event);
                }}
              />
            );
          })}
        </svg>
        <span className="visually-hidden" aria-live="polite">
          {announcement}
        </span>
      </div>
      <div className="da-panel">
        <div className="da-matrix" role="group" aria-label="The matrix A">
          <span className="da-matrix-name">A =</span>
          <div className="da-matrix-grid">
            {entryInput(0, 0, "a")}
            {entryInput(0, 1, "b")}
            {entryInput(1, 0, "c")}
            {entryInput(1, 1, "d")}
          </div>
        </div>
        <label className="da-slider">
          <span>
            Push a₂ across the line of a₁: <strong data-readout="t">t = {fmt(t)}</strong>
          </span>
          <input
            type="range"
            min={0}
            max={T_MAX}
            step={0.05}
            value={t}
            aria-valuetext={`t = ${fmt(t)}, det A = ${detText}`}
            onChange={(event) => {
              setT(Number(event.target.value));
            }}
          />
          <span className="da-slider-ends" aria-hidden="true">
            <span>as set</span>
            <span>singular</span>
            <span>mirrored</span>
          </span>
        </label>
        <table className="da-readouts">
          <caption className="visually-hidden">What A does to areas</caption>
          <tbody>
            <tr data-readout="det">
              <th scope="row">det A</th>
              <td>
                <span className="da-value">{detText}</span>
                <span className="da-detail">{detExpansion(A)}</span>
              </td>
            </tr>
            <tr data-readout="area">
              <th scope="row">area scale</th>
              <td>
                <span className="da-value">{areaText}</span>
                <span className="da-detail">|det A|: every area is multiplied by it</span>
              </td>
            </tr>
            <tr data-readout="orientation">
              <th scope="row">orientation</th>
              <td>
                <span className="da-value da-orientation" data-orientation={kind}>
                  {areaWord}
                </span>
                <span className="da-detail">{ORIENTATION_TEXT[kind]}</span>
              </td>
            </tr>
            <tr data-readout="inverse">
              <th scope="row">inverse</th>
              <td>
                <span className="da-value">{inv ? "exists" : "none"}</span>
                <span className="da-detail">{inv ? `A⁻¹ scales areas by 1/|det\u00a0A| = ${fmt(1 / Math.abs(det))}` : "det A = 0: nothing can undo A"}</span>
              </td>
            </tr>
          </tbody>
        </table>
        <div className="da-presets" role="group" aria-label="Example matrices">
          {PRESETS.map((preset) => (
            <button
              key={preset.name}
              type="button"
              className="button-quiet"
              onClick={() => {
                setBase(preset.matrix);
                setT(0);
              }}
            >
              {preset.name}
            </button>
          ))}
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setBase(initial);
              setT(0);
            }}
          >
            Reset
          </button>
        </div>
      </div>
      <pre className="da-code" aria-label="The same computation in NumPy">
        <code>
          {code.map((line) => (
            <span key={line.key} className="da-code-line" data-code={line.key}>
              {line.text}
              {line.result === null ? null : <span className="da-code-result">{`  # ${line.result}`}</span>}
              {"\n"}
            </span>
          ))}
        </code>
      </pre>
      {caption ? <figcaption className="widget-caption">{caption}</figcaption> : null}
    </div>
  );
}
