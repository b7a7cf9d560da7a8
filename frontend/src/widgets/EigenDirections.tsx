import { useEffect, useId, useRef, useState } from "react";
import type { KeyboardEvent, PointerEvent } from "react";
import { Tex } from "../components/Tex";
import type { WidgetProps } from "./registry";
import {
  apply,
  between,
  clamp,
  complexPairText,
  directionDegrees,
  type Eigen,
  eigen,
  eigenLineDirections,
  fmt,
  type Mat2,
  norm,
  npArrayResult,
  npComplex,
  npMatrix,
  npNumber,
  npVector,
  offLine,
  snapToLines,
  turnDegrees,
  unitAt,
  type Vec2,
  wrapDegrees,
} from "./eigenDirectionsMath";
import { svgUserPoint } from "./svgPointer";

const SIZE = 420; // SVG user units
const ENTRY_LIMIT = 4;
const SPOKES = 20; // one every 18°, so that a 30° or 90° turn visibly moves them
const STEP = 5; // degrees per arrow key press (1 with Shift)
const SNAP = 2.5; // a dragged x snaps onto an eigenvector line this close (degrees)
const PLAY_MS = 2000;

const COS30 = Math.cos(Math.PI / 6);
type PresetName = "symmetric" | "stretch" | "shear" | "rotation" | "reflection" | "projection" | "markov" | "scaling";
const PRESETS: Record<PresetName, { label: string; matrix: Mat2 }> = {
  symmetric: { label: "Symmetric", matrix: [[2, 1], [1, 2]] },
  stretch: { label: "Stretch", matrix: [[2, 0], [0, 0.5]] },
  shear: { label: "Shear", matrix: [[1, 1], [0, 1]] },
  rotation: { label: "Rotation 30°", matrix: [[COS30, -0.5], [0.5, COS30]] },
  reflection: { label: "Reflection", matrix: [[0, 1], [1, 0]] },
  projection: { label: "Projection", matrix: [[1, 0], [0, 0]] },
  markov: { label: "Markov", matrix: [[0.9, 0.2], [0.1, 0.8]] },
  scaling: { label: "Scaling", matrix: [[1.5, 0], [0, 1.5]] },
};
const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

function asRow(value: unknown): Vec2 | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const entries: unknown[] = value;
  const [a, b] = entries;
  return typeof a === "number" && typeof b === "number" ? [a, b] : null;
}

function asMatrix(value: unknown): Mat2 | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const top = asRow(value[0]);
  const bottom = asRow(value[1]);
  return top && bottom ? [top, bottom] : null;
}

function parseProps(props: Record<string, unknown>) {
  const presets = Array.isArray(props.presets)
    ? props.presets.filter((x): x is PresetName => PRESET_NAMES.includes(x as PresetName))
    : PRESET_NAMES;
  return {
    matrix: asMatrix(props.matrix) ?? PRESETS.symmetric.matrix,
    probe: typeof props.probe === "number" ? wrapDegrees(props.probe) : 20,
    t: typeof props.t === "number" ? clamp(props.t, 0, 1) : 1,
    presets,
    caption: typeof props.caption === "string" ? props.caption : null,
  };
}

const sameMatrix = (a: Mat2, b: Mat2) =>
  [a[0][0] - b[0][0], a[0][1] - b[0][1], a[1][0] - b[1][0], a[1][1] - b[1][1]].every((gap) => Math.abs(gap) < 1e-9);
const pair = (v: Vec2) => `(${fmt(v[0])}, ${fmt(v[1])})`;

/** The view's half-width in world units: room for the longest image of a unit vector. */
function viewRange(a: Mat2): number {
  let longest = 1;
  for (let k = 0; k < 72; k += 1) longest = Math.max(longest, norm(apply(a, unitAt(k * 5))));
  return Math.max(1.5, Math.ceil(longest * 1.15 * 2) / 2);
}

function describeEigen(e: Eigen): { values: string; vectors: string } {
  switch (e.kind) {
    case "distinct":
      return {
        values: `${fmt(e.values[0])} and ${fmt(e.values[1])}`,
        vectors: `${pair(e.vectors[0])} and ${pair(e.vectors[1])}`,
      };
    case "defective":
      return { values: `${fmt(e.value)}, twice`, vectors: `only ${pair(e.vector)}` };
    case "scalar":
      return { values: `${fmt(e.value)}, twice`, vectors: "every direction" };
    case "complex":
      return { values: `${complexPairText(e.re, e.im)} (complex)`, vectors: "none that are real" };
  }
}

/** What NumPy's eig gives, as comments: the eigenvalues, then one line per eigenvector. */
function eigenCode(e: Eigen): { values: string; vectors: string[] } {
  switch (e.kind) {
    case "distinct":
      return {
        values: npArrayResult(e.values),
        vectors: [`±${npArrayResult(e.vectors[0])}`, `±${npArrayResult(e.vectors[1])}  (NumPy may swap the order)`],
      };
    case "defective":
      return {
        values: npArrayResult([e.value, e.value]),
        vectors: [`±${npArrayResult(e.vector)}`, `(nearly) the same line again: A is not diagonalizable`],
      };
    case "scalar":
      return { values: npArrayResult([e.value, e.value]), vectors: ["array([1., 0.])", "array([0., 1.])  (any vector would do)"] };
    case "complex":
      return {
        values: `array([${npComplex(e.re, e.im)}, ${npComplex(e.re, -e.im)}])`,
        vectors: ["complex: no real direction is kept", "its complex conjugate"],
      };
  }
}

/** One sentence about x: on an eigenvector line or not, and what A does to it. */
function describeProbe(a: Mat2, e: Eigen, x: Vec2): string {
  const ax = apply(a, x);
  const turn = turnDegrees(a, x);
  if (turn === null) return "A x = 0: A crushes x to the origin, so x is an eigenvector with eigenvalue 0 (it lies in the kernel).";
  const stretch = norm(ax) / norm(x);
  if (Math.abs(turn) < 0.05) {
    return `x is on an eigenvector line: A x = ${fmt(stretch)} x. It is only stretched, not turned.`;
  }
  if (Math.abs(Math.abs(turn) - 180) < 0.05) {
    return `x is on an eigenvector line: A x = −${fmt(stretch)} x. It is flipped and stretched, not turned.`;
  }
  const way = turn > 0 ? "counter-clockwise" : "clockwise";
  const turned = `A turns x by ${fmt(Math.abs(turn), 1)}° ${way}, so x is not an eigenvector.`;
  if (e.kind === "complex") {
    return `${turned} No vector stays on its line: the eigenvalues ${complexPairText(e.re, e.im)} are complex. Their angle, ${fmt(e.angleDegrees, 1)}°, and size, ${fmt(e.modulus)}, describe the turning and the stretching.`;
  }
  if (e.kind === "defective") return `${turned} This matrix has only one eigenvector line.`;
  return turned;
}

export function EigenDirections({ props }: WidgetProps) {
  const initial = parseProps(props);
  const [matrix, setMatrix] = useState<Mat2>(initial.matrix);
  const [probe, setProbe] = useState(initial.probe);
  const [t, setT] = useState(initial.t);
  const [playing, setPlaying] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const svgRef = useRef<SVGSVGElement>(null);
  const frame = useRef<number | null>(null);
  const id = useId().replace(/:/g, "");

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  const e = eigen(matrix);
  const lines = eigenLineDirections(e);
  const shown = between(matrix, t);
  const range = viewRange(matrix);
  const unit = SIZE / (2 * range);
  const toScreen = (p: Vec2): [number, number] => [(p[0] + range) * unit, (range - p[1]) * unit];
  const x = unitAt(probe);
  const ax = apply(matrix, x);
  const xNow = apply(shown, x);
  const turn = turnDegrees(matrix, x);
  const onLine = (deg: number) => lines === null || lines.some((line) => offLine(line, deg) < 0.01);

  function stop() {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    setPlaying(false);
  }

  function play() {
    if (playing) {
      stop();
      return;
    }
    const from = t >= 1 ? 0 : t;
    const started = performance.now() - from * PLAY_MS;
    setPlaying(true);
    const tick = (now: number) => {
      const next = Math.min(1, (now - started) / PLAY_MS);
      setT(next);
      if (next < 1) frame.current = requestAnimationFrame(tick);
      else stop();
    };
    frame.current = requestAnimationFrame(tick);
  }

  function setEntry(i: 0 | 1, j: 0 | 1, value: number) {
    const entry = clamp(value, -ENTRY_LIMIT, ENTRY_LIMIT);
    const row = (r: 0 | 1): Vec2 => (r !== i ? matrix[r] : j === 0 ? [entry, matrix[r][1]] : [matrix[r][0], entry]);
    setMatrix([row(0), row(1)]);
  }

  function moveProbe(degrees: number, announce: boolean) {
    const next = wrapDegrees(degrees);
    setProbe(next);
    if (announce) {
      const text = describeProbe(matrix, e, unitAt(next));
      setAnnouncement(`x at ${fmt(next, 1)}°. ${text}`);
    }
  }

  function pointerAngle(event: PointerEvent<SVGElement>): number | null {
    const point = svgUserPoint(svgRef.current, event.clientX, event.clientY);
    if (!point) return null;
    const world: Vec2 = [point.x / unit - range, range - point.y / unit];
    if (norm(world) < 1e-6) return null;
    const raw = wrapDegrees(Math.round(directionDegrees(world) * 10) / 10);
    return lines === null ? raw : snapToLines(raw, lines, SNAP);
  }

  function onKeyDown(event: KeyboardEvent<SVGCircleElement>) {
    const step = event.shiftKey ? 1 : STEP;
    const moves: Record<string, number> = { ArrowRight: step, ArrowUp: step, ArrowLeft: -step, ArrowDown: -step };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    moveProbe(Math.round(probe + move), true);
  }

  const spokeAngles = Array.from({ length: SPOKES }, (_, k) => (k * 360) / SPOKES);
  for (const line of lines ?? []) {
    for (const deg of [line, wrapDegrees(line + 180)]) {
      if (!spokeAngles.some((s) => Math.abs(s - deg) < 0.01)) spokeAngles.push(deg);
    }
  }
  const ellipse = Array.from({ length: 73 }, (_, k) => toScreen(apply(shown, unitAt(k * 5))))
    .map(([px, py], k) => `${k === 0 ? "M" : "L"} ${px.toFixed(1)} ${py.toFixed(1)}`)
    .join(" ");
  const [ox, oy] = toScreen([0, 0]);
  const circleRadius = unit;
  const gridTicks = Array.from({ length: 2 * Math.floor(range) + 1 }, (_, k) => k - Math.floor(range));
  const colors = { x: "var(--vec-v)", ax: "var(--vec-sum)", eigen: "var(--vec-proj)", spoke: "var(--vec-u)" };
  const described = describeEigen(e);
  const code = eigenCode(e);
  const [hx, hy] = toScreen(x);
  const [axx, axy] = toScreen(xNow);
  const axLabel = t >= 1 ? "Ax" : "x → Ax";
  const matches = initial.presets.filter((name) => sameMatrix(PRESETS[name].matrix, matrix));
  const eigenLabels =
    e.kind === "distinct"
      ? [
          { v: e.vectors[0], text: `λ₁ = ${fmt(e.values[0])}` },
          { v: e.vectors[1], text: `λ₂ = ${fmt(e.values[1])}` },
        ]
      : e.kind === "defective"
        ? [{ v: e.vector, text: `λ = ${fmt(e.value)}` }]
        : [];

  /** Where a label goes: `distance` px from a tip, along the tip's direction from the origin
   * turned by `turnBy` degrees (0 = straight out, −90 = to the right of it). */
  function labelAt(px: number, py: number, turnBy: number, distance: number) {
    const out = Math.atan2(-(py - oy), px - ox) + (turnBy * Math.PI) / 180;
    return {
      x: clamp(px + distance * Math.cos(out), 12, SIZE - 12),
      y: clamp(py - distance * Math.sin(out) + 5, 16, SIZE - 6),
      textAnchor: "middle" as const,
    };
  }

  function arrow(to: Vec2, color: string, marker: string, width: number, key?: string) {
    const [x2, y2] = toScreen(to);
    if (Math.hypot(x2 - ox, y2 - oy) < 2) return null;
    return <line key={key} x1={ox} y1={oy} x2={x2} y2={y2} stroke={color} strokeWidth={width} markerEnd={`url(#${id}-${marker})`} />;
  }

  function entryInput(i: 0 | 1, j: 0 | 1) {
    return (
      <input
        type="number"
        step={0.1}
        min={-ENTRY_LIMIT}
        max={ENTRY_LIMIT}
        value={Number(fmt(matrix[i][j], 3))}
        className="ed-entry"
        data-entry={`${i + 1}${j + 1}`}
        aria-label={`Matrix entry a${i + 1}${j + 1}, row ${i + 1}, column ${j + 1}`}
        onChange={(event) => {
          const value = Number(event.target.value);
          if (event.target.value === "" || !Number.isFinite(value)) return;
          setEntry(i, j, value);
        }}
      />
    );
  }

  const readouts = [
    { key: "eigenvalues", label: "\\text{eigenvalues}", value: described.values },
    { key: "eigenvectors", label: "\\text{eigenvectors}", value: described.vectors },
    { key: "x", label: "\\mathbf{x}", value: `${pair(x)} at ${fmt(probe, 1)}°` },
    { key: "ax", label: "A\\mathbf{x}", value: pair(ax) },
    {
      key: "turn",
      label: "\\text{turned by}",
      value: turn === null ? "no direction (A x = 0)" : `${fmt(Math.abs(turn), 1)}°`,
    },
    { key: "stretch", label: "\\lVert A\\mathbf{x} \\rVert / \\lVert \\mathbf{x} \\rVert", value: fmt(norm(ax)) },
  ];

  return (
    <div className="eigen-directions">
      <div className="ed-canvas">
        <svg
          ref={svgRef}
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          role="group"
          aria-label={`A ring of unit vectors under the matrix A = ${npMatrix(matrix)}, shown ${fmt(t * 100, 0)}% of the way from the identity. Eigenvalues: ${described.values}. Eigenvectors: ${described.vectors}.`}
          className={dragging ? "ed-dragging" : undefined}
          onPointerMove={(event) => {
            if (!dragging) return;
            const angle = pointerAngle(event);
            if (angle !== null) moveProbe(angle, false);
          }}
          onPointerUp={() => {
            setDragging(false);
          }}
          onPointerCancel={() => {
            setDragging(false);
          }}
        >
          <defs>
            {Object.entries(colors).map(([name, color]) => (
              <marker
                key={name}
                id={`${id}-${name}`}
                viewBox="0 0 10 10"
                refX="8"
                refY="5"
                markerWidth={name === "spoke" ? 6 : 5}
                markerHeight={name === "spoke" ? 6 : 5}
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
              </marker>
            ))}
          </defs>
          <g className="ed-grid" aria-hidden="true">
            {gridTicks.map((k) => {
              const [gx, gy] = toScreen([k, k]);
              return (
                <g key={k}>
                  <line x1={gx} y1={0} x2={gx} y2={SIZE} />
                  <line x1={0} y1={gy} x2={SIZE} y2={gy} />
                </g>
              );
            })}
            <line className="ed-axis" x1={0} y1={oy} x2={SIZE} y2={oy} />
            <line className="ed-axis" x1={ox} y1={0} x2={ox} y2={SIZE} />
          </g>
          <g aria-hidden="true">
            <circle className="ed-start-circle" cx={ox} cy={oy} r={circleRadius} />
            <path className="ed-ellipse" d={`${ellipse} Z`} />
            {(lines ?? []).map((line) => {
              const [dx, dy] = unitAt(line);
              const [x1, y1] = toScreen([-2 * range * dx, -2 * range * dy]);
              const [x2, y2] = toScreen([2 * range * dx, 2 * range * dy]);
              return <line key={line} className="ed-eigenline" x1={x1} y1={y1} x2={x2} y2={y2} stroke={colors.eigen} />;
            })}
            {eigenLabels.map(({ v, text }, i) => {
              const reach = 0.9 * range; // out near the edge, clear of the vectors
              const at = v[1] < 0 || (v[1] === 0 && v[0] < 0) ? -1 : 1; // label on the upper end
              const [lx, ly] = toScreen([at * v[0] * reach, at * v[1] * reach]);
              return (
                <text
                  key={text}
                  x={clamp(lx, 40, SIZE - 40)}
                  y={clamp(ly + (i === 0 ? -8 : 18), 18, SIZE - 8)}
                  textAnchor="middle"
                  className="ed-label ed-label-eigen"
                  fill={colors.eigen}
                >
                  {text}
                </text>
              );
            })}
            <g className="ed-trails">
              {spokeAngles.map((deg) => {
                const [sx, sy] = toScreen(unitAt(deg));
                const [ex, ey] = toScreen(apply(shown, unitAt(deg)));
                return (
                  <g key={`trail-${deg}`}>
                    {Math.hypot(ex - sx, ey - sy) > 3 ? <line x1={sx} y1={sy} x2={ex} y2={ey} /> : null}
                    <circle cx={sx} cy={sy} r={2.2} />
                  </g>
                );
              })}
            </g>
            {spokeAngles.map((deg) => {
              const eigenSpoke = onLine(deg);
              return arrow(
                apply(shown, unitAt(deg)),
                eigenSpoke ? colors.eigen : colors.spoke,
                eigenSpoke ? "eigen" : "spoke",
                eigenSpoke ? 3 : 1.4,
                `spoke-${deg}`,
              );
            })}
            {arrow(xNow, colors.ax, "ax", 3.5)}
            {arrow(x, colors.x, "x", 3.5)}
            <text {...labelAt(axx, axy, 0, 20)} className="ed-label" fill={colors.ax}>
              {axLabel}
            </text>
            <text {...labelAt(hx, hy, -90, 24)} className="ed-label" fill={colors.x}>
              x
            </text>
          </g>
          <circle
            cx={hx}
            cy={hy}
            r={12}
            className="ed-handle"
            data-handle="x"
            style={{ stroke: colors.x }}
            tabIndex={0}
            role="slider"
            aria-label="Direction of the vector x. Drag it round the circle, or use the arrow keys (Shift for 1° steps)."
            aria-valuemin={0}
            aria-valuemax={359}
            aria-valuenow={Math.round(probe)}
            aria-valuetext={`${fmt(probe, 1)}°; ${describeProbe(matrix, e, x)}`}
            onPointerDown={(event) => {
              event.preventDefault();
              event.currentTarget.setPointerCapture(event.pointerId);
              setDragging(true);
            }}
            onKeyDown={onKeyDown}
          />
        </svg>
        <span className="visually-hidden" aria-live="polite">
          {announcement}
        </span>
      </div>
      <div className="ed-panel">
        <fieldset className="ed-matrix">
          <legend>
            The matrix <Tex tex="A" />
          </legend>
          <div className="ed-bracket">
            {entryInput(0, 0)}
            {entryInput(0, 1)}
            {entryInput(1, 0)}
            {entryInput(1, 1)}
          </div>
        </fieldset>
        {initial.presets.length > 0 ? (
          <div className="ed-presets" role="group" aria-label="Preset matrices">
            {initial.presets.map((name) => (
              <button
                key={name}
                type="button"
                className="button-quiet ed-preset"
                data-preset={name}
                aria-pressed={matches.includes(name)}
                onClick={() => {
                  setMatrix(PRESETS[name].matrix);
                }}
              >
                {PRESETS[name].label}
              </button>
            ))}
          </div>
        ) : null}
        <div className="ed-time">
          <label className="ed-slider">
            <span>
              <Tex tex="t" />
            </span>
            <input
              type="range"
              min={0}
              max={1}
              step={0.01}
              value={t}
              data-control="t"
              aria-label="t: 0 shows every vector where it starts, 1 shows where A sends it"
              onChange={(event) => {
                stop();
                setT(Number(event.target.value));
              }}
            />
            <output className="ed-slider-value">{t.toFixed(2)}</output>
          </label>
          <button type="button" className="button-quiet ed-play" onClick={play} aria-pressed={playing}>
            {playing ? "Pause" : "Play"}
          </button>
        </div>
        <table className="ed-readouts">
          <caption className="visually-hidden">Eigenvalues and eigenvectors of A, and what A does to x</caption>
          <tbody>
            {readouts.map((r) => (
              <tr key={r.key} data-readout={r.key}>
                <th scope="row">
                  <Tex tex={r.label} />
                </th>
                <td className="ed-value">{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="ed-status" data-readout="status">
          {describeProbe(matrix, e, x)}
        </p>
        <div className="ed-actions">
          {e.kind === "distinct" || e.kind === "defective"
            ? (e.kind === "distinct" ? e.vectors : [e.vector]).map((v, i) => (
                <button
                  key={i}
                  type="button"
                  className="button-quiet ed-snap"
                  data-snap={i + 1}
                  onClick={() => {
                    moveProbe(directionDegrees(v), true);
                  }}
                >
                  {e.kind === "distinct" ? `x on eigenvector ${i + 1}` : "x on the eigenvector"}
                </button>
              ))
            : null}
          <button
            type="button"
            className="button-quiet ed-reset"
            onClick={() => {
              stop();
              setMatrix(initial.matrix);
              setProbe(initial.probe);
              setT(initial.t);
            }}
          >
            Reset
          </button>
        </div>
      </div>
      <pre className="ed-code" aria-label="The same computation in NumPy">
        <code>
          <span className="ed-code-line" data-code="matrix">{`A = ${npMatrix(matrix)}\n`}</span>
          <span className="ed-code-line" data-code="eig">
            {"vals, vecs = np.linalg.eig(A)"}
            <span className="ed-code-result">{`  # vals: ${code.values}`}</span>
            {"\n"}
          </span>
          {code.vectors.map((comment, i) => (
            <span key={i} className="ed-code-line" data-code={`vec${i}`}>
              {`vecs[:, ${i}]`}
              <span className="ed-code-result">{`  # ${comment}`}</span>
              {"\n"}
            </span>
          ))}
          <span className="ed-code-line" data-code="x">{`x = ${npVector(x)}\n`}</span>
          <span className="ed-code-line" data-code="ax">
            {"A @ x"}
            <span className="ed-code-result">{`  # ${npArrayResult(ax)}`}</span>
            {"\n"}
          </span>
          {t < 1 ? (
            <span className="ed-code-line" data-code="t">
              {`M = (1 - ${npNumber(t, 2)}) * np.eye(2) + ${npNumber(t, 2)} * A`}
              <span className="ed-code-result">{"  # the matrix the picture shows now"}</span>
              {"\n"}
            </span>
          ) : null}
        </code>
      </pre>
      {initial.caption ? <figcaption className="widget-caption">{initial.caption}</figcaption> : null}
    </div>
  );
}
