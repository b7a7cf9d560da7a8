import { useId, useRef, useState } from "react";
import type { KeyboardEvent, PointerEvent } from "react";
import { Tex } from "../components/Tex";
import type { WidgetProps } from "./registry";
import {
  add,
  angleDegrees,
  clamp,
  cosine,
  dot,
  fmt,
  norm,
  npArray,
  npResult,
  projection,
  snap,
  type Vec2,
} from "./vectorMath";
import { arrowStep, svgUserPoint } from "./svgPointer";

type Readout = "sum" | "dot" | "norms" | "angle" | "cosine" | "projection";
const ALL_READOUTS: Readout[] = ["sum", "dot", "norms", "angle", "cosine", "projection"];
type Which = "u" | "v";

const RANGE = 6; // the grid shows −6…6 on both axes
const SIZE = 420; // SVG user units
const UNIT = SIZE / (2 * RANGE);
const DRAG_STEP = 0.5;
const FINE_STEP = 0.1;

function asVec(value: unknown, fallback: Vec2): Vec2 {
  if (Array.isArray(value) && value.length === 2 && value.every((x) => typeof x === "number")) {
    return [value[0] as number, value[1] as number];
  }
  return fallback;
}

function parseProps(props: Record<string, unknown>) {
  const show = Array.isArray(props.show)
    ? props.show.filter((x): x is Readout => ALL_READOUTS.includes(x as Readout))
    : ALL_READOUTS;
  return {
    u: asVec(props.u, [3, 1]),
    v: asVec(props.v, [1, 2]),
    show,
    caption: typeof props.caption === "string" ? props.caption : null,
  };
}

const toScreen = (p: Vec2): [number, number] => [(p[0] + RANGE) * UNIT, (RANGE - p[1]) * UNIT];
const vecText = (v: Vec2) => `(${fmt(v[0])}, ${fmt(v[1])})`;

function Arrow({ to, color, marker, from = [0, 0], width = 3, dashed = false }: {
  to: Vec2;
  color: string;
  marker: string;
  from?: Vec2;
  width?: number;
  dashed?: boolean;
}) {
  const [x1, y1] = toScreen(from);
  const [x2, y2] = toScreen(to);
  if (Math.hypot(x2 - x1, y2 - y1) < 1) return null;
  return (
    <line
      x1={x1}
      y1={y1}
      x2={x2}
      y2={y2}
      stroke={color}
      strokeWidth={width}
      strokeDasharray={dashed ? "6 5" : undefined}
      markerEnd={`url(#${marker})`}
    />
  );
}

function AngleArc({ u, v, color }: { u: Vec2; v: Vec2; color: string }) {
  if (norm(u) < 1e-9 || norm(v) < 1e-9) return null;
  const a1 = Math.atan2(u[1], u[0]);
  let delta = Math.atan2(v[1], v[0]) - a1;
  while (delta > Math.PI) delta -= 2 * Math.PI;
  while (delta <= -Math.PI) delta += 2 * Math.PI;
  const r = 30;
  const [cx, cy] = toScreen([0, 0]);
  const start = [cx + r * Math.cos(a1), cy - r * Math.sin(a1)];
  const end = [cx + r * Math.cos(a1 + delta), cy - r * Math.sin(a1 + delta)];
  const sweep = delta > 0 ? 0 : 1; // the screen's y axis points down
  return (
    <path
      d={`M ${start[0]} ${start[1]} A ${r} ${r} 0 0 ${sweep} ${end[0]} ${end[1]}`}
      fill="none"
      stroke={color}
      strokeWidth={2}
    />
  );
}

export function VectorPlayground({ props }: WidgetProps) {
  const initial = parseProps(props);
  const [u, setU] = useState<Vec2>(initial.u);
  const [v, setV] = useState<Vec2>(initial.v);
  const [dragging, setDragging] = useState<Which | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const svgRef = useRef<SVGSVGElement>(null);
  const id = useId().replace(/:/g, "");
  const show = new Set(initial.show);

  const setters = { u: setU, v: setV };
  const values = { u, v };

  function moveTo(which: Which, point: Vec2) {
    setters[which]([clamp(point[0], -RANGE, RANGE), clamp(point[1], -RANGE, RANGE)]);
  }

  function pointerToWorld(event: PointerEvent<SVGElement>, step: number): Vec2 | null {
    const point = svgUserPoint(svgRef.current, event.clientX, event.clientY);
    if (!point) return null;
    return [snap(point.x / UNIT - RANGE, step), snap(RANGE - point.y / UNIT, step)];
  }

  function onPointerDown(which: Which, event: PointerEvent<SVGCircleElement>) {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragging(which);
  }

  function onPointerMove(event: PointerEvent<SVGSVGElement>) {
    if (!dragging) return;
    const point = pointerToWorld(event, event.shiftKey ? FINE_STEP : DRAG_STEP);
    if (point) moveTo(dragging, point);
  }

  function onKeyDown(which: Which, event: KeyboardEvent<SVGCircleElement>) {
    const step = event.shiftKey ? FINE_STEP : DRAG_STEP;
    const move = arrowStep(event.key, step);
    if (!move) return;
    event.preventDefault();
    const current = values[which];
    const next: Vec2 = [snap(current[0] + move[0], FINE_STEP), snap(current[1] + move[1], FINE_STEP)];
    moveTo(which, next);
    setAnnouncement(`${which} is now ${vecText(next)}`);
  }

  const sum = add(u, v);
  const cos = cosine(u, v);
  const angle = angleDegrees(u, v);
  const proj = projection(u, v);
  const colors = { u: "var(--vec-u)", v: "var(--vec-v)", sum: "var(--vec-sum)", proj: "var(--vec-proj)" };

  const undefinedText = "undefined (zero vector)";
  const readouts: { key: Readout; label: string; value: string; code: string; result: string }[] = [
    { key: "sum", label: "u + v", value: vecText(sum), code: "u + v", result: npResult(sum) },
    { key: "dot", label: "u \\cdot v", value: fmt(dot(u, v)), code: "np.dot(u, v)", result: fmt(dot(u, v), 3) },
    {
      key: "norms",
      label: "\\lVert u \\rVert,\\ \\lVert v \\rVert",
      value: `${fmt(norm(u))}, ${fmt(norm(v))}`,
      code: "np.linalg.norm(u), np.linalg.norm(v)",
      result: `(${fmt(norm(u), 3)}, ${fmt(norm(v), 3)})`,
    },
    {
      key: "cosine",
      label: "\\cos\\theta",
      value: cos === null ? undefinedText : fmt(cos, 3),
      code: "cos_theta = u @ v / (np.linalg.norm(u) * np.linalg.norm(v))",
      result: cos === null ? "nan: division by zero" : fmt(cos, 3),
    },
    {
      key: "angle",
      label: "\\theta",
      value: angle === null ? undefinedText : `${fmt(angle, 1)}°`,
      code: "np.degrees(np.arccos(cos_theta))",
      result: angle === null ? "nan" : fmt(angle, 1),
    },
    {
      key: "projection",
      label: "\\operatorname{proj}_v u",
      value: proj === null ? "undefined (v is zero)" : vecText(proj),
      code: "(u @ v) / (v @ v) * v",
      result: proj === null ? "nan: v @ v is 0" : npResult(proj),
    },
  ];
  const shown = readouts.filter((r) => show.has(r.key));

  const ticks = Array.from({ length: 2 * RANGE + 1 }, (_, i) => i - RANGE);
  const [ux, uy] = toScreen(u);
  const [vx, vy] = toScreen(v);

  function coordinateInput(which: Which, axis: 0 | 1) {
    const value = values[which][axis];
    return (
      <input
        type="number"
        step={DRAG_STEP}
        min={-RANGE}
        max={RANGE}
        value={value}
        aria-label={`${which} ${axis === 0 ? "x" : "y"} coordinate`}
        onChange={(event) => {
          const x = Number(event.target.value);
          if (!Number.isFinite(x) || event.target.value === "") return;
          const next: Vec2 = axis === 0 ? [x, values[which][1]] : [values[which][0], x];
          moveTo(which, next);
        }}
      />
    );
  }

  return (
    <div className="vector-playground">
      <div className="vp-canvas">
        <svg
          ref={svgRef}
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          role="group"
          aria-label={`Two vectors: u = ${vecText(u)} and v = ${vecText(v)}`}
          onPointerMove={onPointerMove}
          onPointerUp={() => {
            setDragging(null);
          }}
          onPointerCancel={() => {
            setDragging(null);
          }}
          className={dragging ? "dragging" : undefined}
        >
          <defs>
            {Object.entries(colors).map(([name, color]) => (
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
                <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
              </marker>
            ))}
          </defs>
          <g className="vp-grid">
            {ticks.map((t) => (
              <g key={t}>
                <line x1={(t + RANGE) * UNIT} y1={0} x2={(t + RANGE) * UNIT} y2={SIZE} />
                <line x1={0} y1={(t + RANGE) * UNIT} x2={SIZE} y2={(t + RANGE) * UNIT} />
              </g>
            ))}
          </g>
          <g className="vp-axes">
            <line x1={0} y1={SIZE / 2} x2={SIZE} y2={SIZE / 2} />
            <line x1={SIZE / 2} y1={0} x2={SIZE / 2} y2={SIZE} />
          </g>
          {show.has("projection") && proj ? (
            <g>
              <line
                className="vp-guide"
                x1={toScreen(scale8(v, -1))[0]}
                y1={toScreen(scale8(v, -1))[1]}
                x2={toScreen(scale8(v, 1))[0]}
                y2={toScreen(scale8(v, 1))[1]}
              />
              <line className="vp-perp" x1={ux} y1={uy} x2={toScreen(proj)[0]} y2={toScreen(proj)[1]} />
              <Arrow to={proj} color={colors.proj} marker={`${id}-proj`} width={5} />
            </g>
          ) : null}
          {show.has("sum") ? (
            <g>
              <Arrow from={u} to={sum} color={colors.v} marker={`${id}-v`} width={1.5} dashed />
              <Arrow from={v} to={sum} color={colors.u} marker={`${id}-u`} width={1.5} dashed />
              <Arrow to={sum} color={colors.sum} marker={`${id}-sum`} />
            </g>
          ) : null}
          {show.has("angle") ? <AngleArc u={u} v={v} color="var(--fg-muted)" /> : null}
          <Arrow to={u} color={colors.u} marker={`${id}-u`} />
          <Arrow to={v} color={colors.v} marker={`${id}-v`} />
          <text x={ux + 10} y={uy - 10} className="vp-label" fill={colors.u}>
            u
          </text>
          <text x={vx + 10} y={vy - 10} className="vp-label" fill={colors.v}>
            v
          </text>
          {(["u", "v"] as const).map((which) => {
            const [hx, hy] = which === "u" ? [ux, uy] : [vx, vy];
            return (
              <circle
                key={which}
                cx={hx}
                cy={hy}
                r={13}
                className="vp-handle"
                data-handle={which}
                style={{ stroke: colors[which] }}
                tabIndex={0}
                role="button"
                aria-roledescription="draggable point"
                aria-label={`Vector ${which}, at ${vecText(values[which])}. Drag it, or use the arrow keys (Shift for small steps).`}
                onPointerDown={(event) => {
                  onPointerDown(which, event);
                }}
                onKeyDown={(event) => {
                  onKeyDown(which, event);
                }}
              />
            );
          })}
        </svg>
        <span className="visually-hidden" aria-live="polite">
          {announcement}
        </span>
      </div>
      <div className="vp-panel">
        <div className="vp-inputs">
          <span className="vp-swatch" style={{ background: colors.u }} aria-hidden="true" />
          <span className="vp-name">u</span> ( {coordinateInput("u", 0)} , {coordinateInput("u", 1)} )
        </div>
        <div className="vp-inputs">
          <span className="vp-swatch" style={{ background: colors.v }} aria-hidden="true" />
          <span className="vp-name">v</span> ( {coordinateInput("v", 0)} , {coordinateInput("v", 1)} )
        </div>
        <table className="vp-readouts">
          <caption className="visually-hidden">Quantities computed from u and v</caption>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key} data-readout={r.key}>
                <th scope="row">
                  <Tex tex={r.label} />
                </th>
                <td className="vp-value">{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="button-quiet vp-reset"
          onClick={() => {
            setU(initial.u);
            setV(initial.v);
          }}
        >
          Reset
        </button>
      </div>
      <pre className="vp-code" aria-label="The same computation in NumPy">
        <code>
          {`u = ${npArray(u)}\nv = ${npArray(v)}\n`}
          {shown.map((r) => (
            <span key={r.key} className="vp-code-line" data-code={r.key}>
              {r.code}
              <span className="vp-code-result">{`  # ${r.result}`}</span>
              {"\n"}
            </span>
          ))}
        </code>
      </pre>
      {initial.caption ? <figcaption className="widget-caption">{initial.caption}</figcaption> : null}
    </div>
  );
}

/** A point far along the line of v in either direction (to draw the whole line). */
function scale8(v: Vec2, sign: 1 | -1): Vec2 {
  const n = norm(v);
  if (n < 1e-9) return [0, 0];
  const k = (sign * RANGE * 2) / n;
  return [v[0] * k, v[1] * k];
}
