import { useId, useRef, useState } from "react";
import type { KeyboardEvent, PointerEvent } from "react";
import { Tex } from "../components/Tex";
import type { WidgetProps } from "./registry";
import { clamp, fmt, snap } from "./vectorMath";
import {
  apply,
  column,
  describe,
  det,
  IDENTITY,
  npMatrix,
  npVector,
  npNumber,
  pair,
  PRESET_NAMES,
  PRESETS,
  warpedGrid,
  withColumn,
  withEntry,
  type Mat2,
  type PresetName,
  type Vec2,
} from "./gridWarpMath";
import { arrowStep, svgUserPoint } from "./svgPointer";

const RANGE = 4; // the picture shows −4…4 on both axes
const SIZE = 420; // SVG user units
const UNIT = SIZE / (2 * RANGE);
const STEP = 0.25; // drag and arrow-key step
const FINE_STEP = 0.05; // with Shift
const GRID_EXTENT = 12; // warped grid lines reach this far, so a shrunk grid still fills the view

type Handle = "e1" | "e2" | "x";
type Active = { name: PresetName; values: number[] } | null;

const HANDLE_NAMES: Record<Handle, string> = {
  e1: "A e₁, the first column",
  e2: "A e₂, the second column",
  x: "the vector x",
};

function isNumberPair(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && value.every((x) => typeof x === "number");
}

function parseProps(props: Record<string, unknown>) {
  const rows = props.matrix;
  const matrix: Mat2 =
    Array.isArray(rows) && rows.length === 2 && isNumberPair(rows[0]) && isNumberPair(rows[1])
      ? [rows[0], rows[1]]
      : IDENTITY;
  const presets = Array.isArray(props.presets)
    ? PRESET_NAMES.filter((name) => (props.presets as unknown[]).includes(name))
    : [...PRESET_NAMES];
  return {
    matrix,
    vector: isNumberPair(props.vector) ? props.vector : ([1, 2] as Vec2),
    presets,
    caption: typeof props.caption === "string" ? props.caption : null,
  };
}

const toScreen = (p: Vec2): [number, number] => [(p[0] + RANGE) * UNIT, (RANGE - p[1]) * UNIT];

/** Where to write each label: beside its arrow's tip, inside the picture, and stepped
 * down past any label already placed there (a flattened plane puts tips close together). */
function placeLabels(tips: Vec2[]): [number, number][] {
  const placed: [number, number][] = [];
  for (const tip of tips) {
    const [tx, ty] = toScreen(tip);
    let x = clamp(tx + 10, 6, SIZE - 40);
    let y = clamp(ty - 10, 18, SIZE - 6);
    while (placed.some(([px, py]) => Math.abs(px - x) < 34 && Math.abs(py - y) < 18)) {
      y += 18;
      if (y > SIZE - 6) {
        y = 18;
        x = clamp(x + 36, 6, SIZE - 40);
      }
    }
    placed.push([x, y]);
  }
  return placed;
}

function Arrow({ to, color, marker, width = 3.5, dashed = false }: {
  to: Vec2;
  color: string;
  marker: string;
  width?: number;
  dashed?: boolean;
}) {
  const [x1, y1] = toScreen([0, 0]);
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
      strokeDasharray={dashed ? "5 5" : undefined}
      markerEnd={`url(#${marker})`}
    />
  );
}

export function GridWarp({ props }: WidgetProps) {
  const initial = parseProps(props);
  const [matrix, setMatrix] = useState<Mat2>(initial.matrix);
  const [x, setX] = useState<Vec2>(initial.vector);
  const [active, setActive] = useState<Active>(null);
  const [dragging, setDragging] = useState<Handle | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const svgRef = useRef<SVGSVGElement>(null);
  const id = useId().replace(/:/g, "");

  const e1 = column(matrix, 0);
  const e2 = column(matrix, 1);
  const ax = apply(matrix, x);
  const area = det(matrix);
  const colors = { e1: "var(--vec-u)", e2: "var(--vec-v)", x: "var(--vec-sum)", square: "var(--vec-proj)" };
  const positions: Record<Handle, Vec2> = { e1, e2, x };

  function moveHandle(which: Handle, point: Vec2) {
    const p: Vec2 = [clamp(point[0], -RANGE, RANGE), clamp(point[1], -RANGE, RANGE)];
    if (which === "x") {
      setX(p);
    } else {
      setMatrix(withColumn(matrix, which === "e1" ? 0 : 1, p));
      setActive(null);
    }
    return p;
  }

  function pointerToWorld(event: PointerEvent<SVGElement>, step: number): Vec2 | null {
    const point = svgUserPoint(svgRef.current, event.clientX, event.clientY);
    if (!point) return null;
    return [snap(point.x / UNIT - RANGE, step), snap(RANGE - point.y / UNIT, step)];
  }

  function onPointerDown(which: Handle, event: PointerEvent<SVGCircleElement>) {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragging(which);
  }

  function onPointerMove(event: PointerEvent<SVGSVGElement>) {
    if (!dragging) return;
    const point = pointerToWorld(event, event.shiftKey ? FINE_STEP : STEP);
    if (point) moveHandle(dragging, point);
  }

  function onKeyDown(which: Handle, event: KeyboardEvent<SVGCircleElement>) {
    const step = event.shiftKey ? FINE_STEP : STEP;
    const move = arrowStep(event.key, step);
    if (!move) return;
    event.preventDefault();
    const current = positions[which];
    const next = moveHandle(which, [snap(current[0] + move[0], FINE_STEP), snap(current[1] + move[1], FINE_STEP)]);
    setAnnouncement(`${HANDLE_NAMES[which]} is now ${pair(next)}`);
  }

  function choosePreset(name: PresetName) {
    const values = PRESETS[name].parameters.map((p) => p.initial);
    setActive({ name, values });
    setMatrix(PRESETS[name].matrix(values));
    setAnnouncement(`${PRESETS[name].label}: A is now ${npMatrix(PRESETS[name].matrix(values))}`);
  }

  function setParameter(index: number, value: number) {
    if (!active) return;
    const values = active.values.map((v, i) => (i === index ? value : v));
    setActive({ name: active.name, values });
    setMatrix(PRESETS[active.name].matrix(values));
  }

  function reset() {
    setMatrix(initial.matrix);
    setX(initial.vector);
    setActive(null);
  }

  const preset = active ? PRESETS[active.name] : null;
  const square: Vec2[] = [[0, 0], e1, [e1[0] + e2[0], e1[1] + e2[1]], e2];
  const ticks = Array.from({ length: 2 * RANGE + 1 }, (_, i) => i - RANGE);
  const lines = warpedGrid(matrix, GRID_EXTENT);
  const labels = placeLabels([e1, e2, ax, x]);
  const labelTexts = [
    { text: "Ae₁", color: colors.e1, faint: false },
    { text: "Ae₂", color: colors.e2, faint: false },
    { text: "Ax", color: colors.x, faint: false },
    { text: "x", color: colors.x, faint: true },
  ];

  const readouts = [
    { key: "e1", label: "A\\mathbf{e}_1", value: pair(e1) },
    { key: "e2", label: "A\\mathbf{e}_2", value: pair(e2) },
    { key: "x", label: "\\mathbf{x}", value: pair(x) },
    { key: "ax", label: "A\\mathbf{x}", value: pair(ax) },
    { key: "area", label: "\\text{area of the square}", value: fmt(area, 3) },
  ];

  function entryInput(i: 0 | 1, j: 0 | 1) {
    return (
      <input
        key={`${i}${j}`}
        type="number"
        step={STEP}
        min={-RANGE}
        max={RANGE}
        value={Number(fmt(matrix[i][j], 3))}
        className={j === 0 ? "gw-entry gw-entry-first" : "gw-entry gw-entry-second"}
        data-entry={`${i + 1}${j + 1}`}
        aria-label={`Matrix entry a${i + 1}${j + 1}, row ${i + 1}, column ${j + 1}`}
        onChange={(event) => {
          const value = Number(event.target.value);
          if (event.target.value === "" || !Number.isFinite(value)) return;
          setMatrix(withEntry(matrix, i, j, clamp(value, -RANGE, RANGE)));
          setActive(null);
        }}
      />
    );
  }

  return (
    <div className="grid-warp">
      <div className="gw-canvas">
        <svg
          ref={svgRef}
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          role="group"
          aria-label={`The plane moved by A = ${npMatrix(matrix)}: e1 lands on ${pair(e1)}, e2 on ${pair(e2)}, and x = ${pair(x)} on ${pair(ax)}`}
          onPointerMove={onPointerMove}
          onPointerUp={() => {
            setDragging(null);
          }}
          onPointerCancel={() => {
            setDragging(null);
          }}
          className={dragging ? "gw-dragging" : undefined}
        >
          <defs>
            <clipPath id={`${id}-clip`}>
              <rect x={0} y={0} width={SIZE} height={SIZE} />
            </clipPath>
            {Object.entries(colors).map(([name, color]) => (
              <marker
                key={name}
                id={`${id}-${name}`}
                viewBox="0 0 10 10"
                refX="8"
                refY="5"
                markerWidth="4.5"
                markerHeight="4.5"
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
              </marker>
            ))}
          </defs>
          <g clipPath={`url(#${id}-clip)`}>
            <g className="gw-grid-before" aria-hidden="true">
              {ticks.map((t) => (
                <g key={t}>
                  <line x1={(t + RANGE) * UNIT} y1={0} x2={(t + RANGE) * UNIT} y2={SIZE} />
                  <line x1={0} y1={(t + RANGE) * UNIT} x2={SIZE} y2={(t + RANGE) * UNIT} />
                </g>
              ))}
              <line className="gw-axis-before" x1={0} y1={SIZE / 2} x2={SIZE} y2={SIZE / 2} />
              <line className="gw-axis-before" x1={SIZE / 2} y1={0} x2={SIZE / 2} y2={SIZE} />
            </g>
            <g className="gw-grid-after" aria-hidden="true">
              {lines.map(([from, to], i) => {
                const [x1, y1] = toScreen(from);
                const [x2, y2] = toScreen(to);
                // lines come in pairs per k = -GRID_EXTENT…GRID_EXTENT; k = 0 is a moved axis
                const isAxis = Math.floor(i / 2) === GRID_EXTENT;
                return <line key={i} x1={x1} y1={y1} x2={x2} y2={y2} className={isAxis ? "gw-axis-after" : undefined} />;
              })}
            </g>
            <polygon
              className="gw-square"
              points={square.map((p) => toScreen(p).join(",")).join(" ")}
              style={{ fill: colors.square, stroke: colors.square }}
            />
            <Arrow to={x} color={colors.x} marker={`${id}-x`} width={1.5} dashed />
            <Arrow to={ax} color={colors.x} marker={`${id}-x`} />
            <Arrow to={e1} color={colors.e1} marker={`${id}-e1`} />
            <Arrow to={e2} color={colors.e2} marker={`${id}-e2`} />
          </g>
          {labelTexts.map((label, i) => {
            const [lx, ly] = labels[i] ?? [0, 0];
            return (
              <text
                key={label.text}
                x={lx}
                y={ly}
                className={label.faint ? "gw-label gw-label-faint" : "gw-label"}
                fill={label.color}
                aria-hidden="true"
              >
                {label.text}
              </text>
            );
          })}
          {(["x", "e1", "e2"] as const).map((which) => {
            const [hx, hy] = toScreen(positions[which]);
            return (
              <circle
                key={which}
                cx={hx}
                cy={hy}
                r={which === "x" ? 8 : 10}
                className={which === "x" ? "gw-handle gw-handle-x" : "gw-handle"}
                data-handle={which}
                style={{ stroke: colors[which] }}
                tabIndex={0}
                role="button"
                aria-roledescription="draggable point"
                aria-label={`${HANDLE_NAMES[which]}, at ${pair(positions[which])}. Drag it, or use the arrow keys (Shift for small steps).`}
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
      <div className="gw-panel">
        <fieldset className="gw-matrix">
          <legend>
            The matrix <Tex tex="A" />
          </legend>
          <div className="gw-bracket">
            {entryInput(0, 0)}
            {entryInput(0, 1)}
            {entryInput(1, 0)}
            {entryInput(1, 1)}
          </div>
          <p className="gw-columns-note">
            <span className="gw-swatch" style={{ background: colors.e1 }} aria-hidden="true" /> column 1 is{" "}
            <Tex tex="A\mathbf{e}_1" />, <span className="gw-swatch" style={{ background: colors.e2 }} aria-hidden="true" />{" "}
            column 2 is <Tex tex="A\mathbf{e}_2" />
          </p>
        </fieldset>
        {initial.presets.length > 0 ? (
          <div className="gw-presets" role="group" aria-label="Preset transformations">
            {initial.presets.map((name) => (
              <button
                key={name}
                type="button"
                className="button-quiet gw-preset"
                data-preset={name}
                aria-pressed={active?.name === name}
                onClick={() => {
                  choosePreset(name);
                }}
              >
                {PRESETS[name].label}
              </button>
            ))}
          </div>
        ) : null}
        {preset && active
          ? preset.parameters.map((parameter, index) => {
              const value = active.values[index] ?? parameter.initial;
              return (
                <label key={parameter.key} className="gw-slider">
                  <span className="gw-slider-name">
                    <i>{parameter.symbol}</i>
                    {parameter.subscript ? <sub>{parameter.subscript}</sub> : null}
                  </span>
                  <input
                    type="range"
                    min={parameter.min}
                    max={parameter.max}
                    step={parameter.step}
                    value={value}
                    data-parameter={parameter.key}
                    aria-label={`${preset.label} ${parameter.key === "theta" ? "angle θ in degrees" : `factor ${parameter.symbol}${parameter.subscript}`}`}
                    onChange={(event) => {
                      setParameter(index, Number(event.target.value));
                    }}
                  />
                  <output className="gw-slider-value">
                    {fmt(value)}
                    {parameter.unit}
                  </output>
                </label>
              );
            })
          : null}
        <table className="gw-readouts">
          <caption className="visually-hidden">Where the matrix sends the basis vectors and x</caption>
          <tbody>
            {readouts.map((r) => (
              <tr key={r.key} data-readout={r.key}>
                <th scope="row">
                  <Tex tex={r.label} />
                </th>
                <td className="gw-value">{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="gw-kind" data-readout="kind">
          {describe(matrix)}
        </p>
        <button type="button" className="button-quiet gw-reset" onClick={reset}>
          Reset
        </button>
      </div>
      <pre className="gw-code" aria-label="The same computation in NumPy">
        <code>
          {preset && active ? (
            <span className="gw-code-line gw-code-comment" data-code="preset">
              {`# in the lab: ${preset.code(active.values)}\n`}
            </span>
          ) : null}
          <span className="gw-code-line" data-code="matrix">{`A = ${npMatrix(matrix)}\n`}</span>
          <span className="gw-code-line" data-code="vector">{`x = np.array([${npNumber(x[0])}, ${npNumber(x[1])}])\n`}</span>
          <span className="gw-code-line" data-code="columns">
            {"A[:, 0], A[:, 1]"}
            <span className="gw-code-result">{`  # ${npVector(e1)}, ${npVector(e2)}`}</span>
            {"\n"}
          </span>
          <span className="gw-code-line" data-code="ax">
            {"A @ x"}
            <span className="gw-code-result">{`  # ${npVector(ax)}`}</span>
            {"\n"}
          </span>
          <span className="gw-code-line" data-code="area">
            {"np.linalg.det(A)"}
            <span className="gw-code-result">{`  # ${fmt(area, 3)}, the square's signed area`}</span>
          </span>
        </code>
      </pre>
      {initial.caption ? <figcaption className="widget-caption">{initial.caption}</figcaption> : null}
    </div>
  );
}
