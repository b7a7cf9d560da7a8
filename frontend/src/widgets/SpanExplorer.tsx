import { useId, useRef, useState } from "react";
import type { KeyboardEvent, PointerEvent } from "react";
import type { WidgetProps } from "./registry";
import {
  add3,
  cross3,
  edgeOnView,
  fmt3,
  npArray3,
  orthonormalBasis,
  planePatch,
  project,
  relations,
  relationText,
  scale3,
  screenToWorld,
  SPAN_TEXT,
  spanKind,
  viewAlong,
  wrapDegrees,
  type Vec3,
  type View,
} from "./spanExplorerMath";
import { clamp, snap } from "./vectorMath";
import { svgUserPoint } from "./svgPointer";

const SIZE = 440; // SVG user units
const HALF = SIZE / 2;
const UNIT = 30; // SVG units per world unit
const LIMIT = 4; // every coordinate stays in −4…4
const EXTENT = 3.5; // half-size of the drawn line and plane
const STEP = 0.5;
const FINE_STEP = 0.1;
const TURN = 5; // degrees per key press
const DRAG_TURN = 0.5; // degrees per SVG unit dragged
const NAMES: readonly string[] = ["u", "v", "w"];
const COLORS: readonly string[] = ["var(--vec-u)", "var(--vec-v)", "var(--vec-sum)"];
const nameOf = (i: number) => NAMES[i] ?? "?";
const colorOf = (i: number) => COLORS[i] ?? "var(--fg)";
const DEFAULT_VECTORS: Vec3[] = [
  [2, 1, 0],
  [0, 1, 2],
];
const DEFAULT_VIEW: View = { yaw: 40, pitch: 20 };

function asVec3(value: unknown): Vec3 | null {
  if (Array.isArray(value) && value.length === 3 && value.every((x) => typeof x === "number")) {
    return [value[0] as number, value[1] as number, value[2] as number];
  }
  return null;
}

function parseProps(props: Record<string, unknown>) {
  const given = Array.isArray(props.vectors) ? props.vectors.map(asVec3) : [];
  const vectors = given.filter((v): v is Vec3 => v !== null).slice(0, 3);
  const view = Array.isArray(props.view) && props.view.length === 2 ? props.view : null;
  return {
    vectors: vectors.length > 0 ? vectors : DEFAULT_VECTORS,
    view:
      view && typeof view[0] === "number" && typeof view[1] === "number"
        ? { yaw: view[0], pitch: clamp(view[1], -85, 85) }
        : DEFAULT_VIEW,
    caption: typeof props.caption === "string" ? props.caption : null,
  };
}

const vecText = (v: Vec3) => `(${v.map((x) => fmt3(x)).join(", ")})`;
const inRange = (v: Vec3): Vec3 => [
  clamp(snap(v[0], FINE_STEP), -LIMIT, LIMIT),
  clamp(snap(v[1], FINE_STEP), -LIMIT, LIMIT),
  clamp(snap(v[2], FINE_STEP), -LIMIT, LIMIT),
];

/** A new vector for "Add a vector": u + v for the third (it adds nothing!), else one off u's line. */
function nextVector(vectors: readonly Vec3[]): Vec3 {
  const [first, second] = vectors;
  if (first && second) return inRange(add3(first, second));
  const candidates: Vec3[] = [
    [0, 1, 2],
    [1, 0, 0],
    [0, 0, 2],
  ];
  return candidates.find((c) => !first || orthonormalBasis([first, c]).basis.length === 2) ?? [0, 0, 2];
}

type Drag =
  | { kind: "vector"; index: number; start: Vec3; x0: number; y0: number; fine: boolean }
  | { kind: "view"; start: View; x0: number; y0: number };

export function SpanExplorer({ props }: WidgetProps) {
  const initial = parseProps(props);
  const [vectors, setVectors] = useState<Vec3[]>(initial.vectors);
  const [view, setView] = useState<View>(initial.view);
  const [dragging, setDragging] = useState<Drag["kind"] | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const svgRef = useRef<SVGSVGElement>(null);
  const dragRef = useRef<Drag | null>(null);
  const id = useId().replace(/:/g, "");

  const { basis } = orthonormalBasis(vectors);
  const rank = basis.length;
  const kind = spanKind(rank);
  const found = relations(vectors);
  const names = vectors.map((_, i) => nameOf(i));

  function describe(next: readonly Vec3[]): string {
    const r = orthonormalBasis(next).basis.length;
    return `rank ${r}: the span is ${SPAN_TEXT[spanKind(r)]}`;
  }

  function setVector(index: number, value: Vec3, announce = false) {
    const placed = inRange(value);
    const next = vectors.map((v, i) => (i === index ? placed : v));
    setVectors(next);
    if (announce) setAnnouncement(`${nameOf(index)} is now ${vecText(placed)}; ${describe(next)}`);
  }

  function svgPoint(event: PointerEvent): [number, number] | null {
    const p = svgUserPoint(svgRef.current, event.clientX, event.clientY);
    if (!p) return null;
    return [p.x, p.y];
  }

  function startDrag(event: PointerEvent<SVGElement>, drag: Drag) {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    dragRef.current = drag;
    setDragging(drag.kind);
  }

  function onHandleDown(index: number, start: Vec3, event: PointerEvent<SVGCircleElement>) {
    event.stopPropagation();
    const at = svgPoint(event);
    if (!at) return;
    startDrag(event, { kind: "vector", index, start, x0: at[0], y0: at[1], fine: event.shiftKey });
  }

  function onCanvasDown(event: PointerEvent<SVGSVGElement>) {
    const at = svgPoint(event);
    if (!at) return;
    startDrag(event, { kind: "view", start: view, x0: at[0], y0: at[1] });
  }

  function onPointerMove(event: PointerEvent<SVGSVGElement>) {
    const drag = dragRef.current;
    const at = drag ? svgPoint(event) : null;
    if (!drag || !at) return;
    const [dx, dy] = [at[0] - drag.x0, at[1] - drag.y0];
    if (drag.kind === "view") {
      setView({
        yaw: wrapDegrees(drag.start.yaw + dx * DRAG_TURN),
        pitch: clamp(drag.start.pitch + dy * DRAG_TURN, -85, 85),
      });
      return;
    }
    const moved = add3(drag.start, screenToWorld(dx / UNIT, -dy / UNIT, view));
    const step = event.shiftKey || drag.fine ? FINE_STEP : STEP;
    setVector(drag.index, [snap(moved[0], step), snap(moved[1], step), snap(moved[2], step)]);
  }

  function endDrag() {
    dragRef.current = null;
    setDragging(null);
  }

  function onHandleKey(index: number, current: Vec3, event: KeyboardEvent<SVGCircleElement>) {
    const step = event.shiftKey ? FINE_STEP : STEP;
    const moves: Record<string, Vec3> = {
      ArrowLeft: [-step, 0, 0],
      ArrowRight: [step, 0, 0],
      ArrowUp: [0, step, 0],
      ArrowDown: [0, -step, 0],
      PageUp: [0, 0, step],
      PageDown: [0, 0, -step],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();
    setVector(index, add3(current, move), true);
  }

  function onCanvasKey(event: KeyboardEvent<SVGSVGElement>) {
    if (event.target !== event.currentTarget) return;
    const turns: Record<string, [number, number]> = {
      ArrowLeft: [-TURN, 0],
      ArrowRight: [TURN, 0],
      ArrowUp: [0, -TURN],
      ArrowDown: [0, TURN],
    };
    const turn = turns[event.key];
    if (!turn) return;
    event.preventDefault();
    const next = { yaw: wrapDegrees(view.yaw + turn[0]), pitch: clamp(view.pitch + turn[1], -85, 85) };
    setView(next);
    setAnnouncement(`View turned to ${fmt3(next.yaw, 0)}° around and ${fmt3(next.pitch, 0)}° of tilt`);
  }

  function addVector() {
    const added = nextVector(vectors);
    const next = [...vectors, added];
    setVectors(next);
    setAnnouncement(`Added ${nameOf(vectors.length)} = ${vecText(added)}; ${describe(next)}`);
  }

  function removeVector() {
    const next = vectors.slice(0, -1);
    setVectors(next);
    setAnnouncement(`Removed ${nameOf(vectors.length - 1)}; ${describe(next)}`);
  }

  // ---- drawing -------------------------------------------------------------------------
  const toSvg = (p: Vec3): [number, number] => {
    const q = project(p, view);
    return [HALF + q.x * UNIT, HALF - q.y * UNIT];
  };
  const points = (ps: readonly Vec3[]) => ps.map((p) => toSvg(p).join(",")).join(" ");
  const segment = (a: Vec3, b: Vec3, className: string, key?: string) => {
    const [[x1, y1], [x2, y2]] = [toSvg(a), toSvg(b)];
    return <line key={key} className={className} x1={x1} y1={y1} x2={x2} y2={y2} />;
  };

  const ticks = Array.from({ length: 2 * LIMIT + 1 }, (_, i) => i - LIMIT);
  const floor = ticks.flatMap((t) => [
    segment([t, -LIMIT, 0], [t, LIMIT, 0], "sx-floor", `fx${t}`),
    segment([-LIMIT, t, 0], [LIMIT, t, 0], "sx-floor", `fy${t}`),
  ]);

  function spanShape() {
    const [e1, e2] = basis;
    if (rank === 1 && e1) {
      return segment(scale3(-1.5 * EXTENT, e1), scale3(1.5 * EXTENT, e1), "sx-span-line");
    }
    if (rank === 2 && e1 && e2) {
      const lines = [-0.5, 0, 0.5].flatMap((s) => [
        segment(add3(scale3(s * EXTENT, e1), scale3(-EXTENT, e2)), add3(scale3(s * EXTENT, e1), scale3(EXTENT, e2)), "sx-plane-grid", `a${s}`),
        segment(add3(scale3(-EXTENT, e1), scale3(s * EXTENT, e2)), add3(scale3(EXTENT, e1), scale3(s * EXTENT, e2)), "sx-plane-grid", `b${s}`),
      ]);
      return (
        <g>
          <polygon className="sx-plane" points={points(planePatch(e1, e2, EXTENT))} />
          {lines}
        </g>
      );
    }
    if (rank === 3) {
      const c = (x: number, y: number, z: number): Vec3 => [x * LIMIT, y * LIMIT, z * LIMIT];
      const faces: Vec3[][] = [
        [c(-1, -1, -1), c(1, -1, -1), c(1, 1, -1), c(-1, 1, -1)],
        [c(-1, -1, 1), c(1, -1, 1), c(1, 1, 1), c(-1, 1, 1)],
        [c(-1, -1, -1), c(1, -1, -1), c(1, -1, 1), c(-1, -1, 1)],
        [c(-1, 1, -1), c(1, 1, -1), c(1, 1, 1), c(-1, 1, 1)],
        [c(-1, -1, -1), c(-1, 1, -1), c(-1, 1, 1), c(-1, -1, 1)],
        [c(1, -1, -1), c(1, 1, -1), c(1, 1, 1), c(1, -1, 1)],
      ];
      return (
        <g>
          {faces.map((face, i) => (
            <polygon key={i} className="sx-space" points={points(face)} />
          ))}
        </g>
      );
    }
    const [ox, oy] = toSvg([0, 0, 0]);
    return <circle className="sx-span-point" cx={ox} cy={oy} r={7} />;
  }

  const axes = (["x", "y", "z"] as const).map((name, i) => {
    const end: Vec3 = [i === 0 ? 5 : 0, i === 1 ? 5 : 0, i === 2 ? 5 : 0];
    const [lx, ly] = toSvg(scale3(1.1, end));
    return (
      <g key={name}>
        {segment(scale3(-1, end), end, "sx-axis")}
        <text className="sx-axis-label" x={lx} y={ly} dy="0.35em" textAnchor="middle">
          {name}
        </text>
      </g>
    );
  });

  // farther vectors first, so nearer arrows and handles sit on top
  const order = vectors
    .map((v, i) => ({ v, i, depth: project(v, view).depth }))
    .sort((a, b) => a.depth - b.depth);

  const vectorArt = order.map(({ v, i }) => {
    const [tx, ty] = toSvg(v);
    const [ox, oy] = toSvg([0, 0, 0]);
    const long = Math.hypot(tx - ox, ty - oy) > 4;
    return (
      <g key={i} data-vector={nameOf(i)}>
        {Math.abs(v[2]) > 1e-9 ? segment(v, [v[0], v[1], 0], "sx-drop") : null}
        {long ? (
          <line x1={ox} y1={oy} x2={tx} y2={ty} stroke={colorOf(i)} strokeWidth={3.5} markerEnd={`url(#${id}-m${i})`} />
        ) : null}
      </g>
    );
  });

  const handles = order.map(({ v, i }) => {
    const [tx, ty] = toSvg(v);
    return (
      <g key={i}>
        <text className="sx-label" x={tx + 12} y={ty - 12} fill={colorOf(i)}>
          {nameOf(i)}
        </text>
        <circle
          cx={tx}
          cy={ty}
          r={12}
          className="sx-handle"
          data-handle={nameOf(i)}
          style={{ stroke: colorOf(i) }}
          tabIndex={0}
          role="button"
          aria-roledescription="draggable point"
          aria-label={`Vector ${nameOf(i)}, at ${vecText(v)}. Drag it, or use the arrow keys for x and y and Page Up or Page Down for z (Shift for small steps).`}
          onPointerDown={(event) => {
            onHandleDown(i, v, event);
          }}
          onKeyDown={(event) => {
            onHandleKey(i, v, event);
          }}
        />
      </g>
    );
  });

  const [e1, e2] = basis;
  const normal = rank === 2 && e1 && e2 ? cross3(e1, e2) : null;
  const firstRelation = found.find((r) => r.terms.length > 0);
  const matrixCode = `A = np.column_stack([${names.join(", ")}])`;
  const relationCode = firstRelation
    ? `np.linalg.lstsq(np.column_stack([${firstRelation.terms.map((t) => nameOf(t.index)).join(", ")}]), ${nameOf(firstRelation.target)}, rcond=None)[0]`
    : null;
  const relationResult = firstRelation ? `[${firstRelation.terms.map((t) => fmt3(t.coefficient, 3)).join(", ")}]` : "";
  const independent = rank === vectors.length;

  function coordinateInput(index: number, current: Vec3, axis: 0 | 1 | 2) {
    return (
      <input
        type="number"
        step={STEP}
        min={-LIMIT}
        max={LIMIT}
        value={current[axis]}
        aria-label={`${nameOf(index)} ${["x", "y", "z"][axis] ?? ""} coordinate`}
        onChange={(event) => {
          const x = Number(event.target.value);
          if (event.target.value === "" || !Number.isFinite(x)) return;
          const next: [number, number, number] = [current[0], current[1], current[2]];
          next[axis] = x;
          setVector(index, next);
        }}
      />
    );
  }

  return (
    <div className="span-explorer" data-rank={rank} data-span={kind}>
      <div className="sx-canvas">
        <svg
          ref={svgRef}
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          role="application"
          aria-roledescription="3-D view"
          aria-label={`${vectors.map((v, i) => `${nameOf(i)} = ${vecText(v)}`).join(", ")}; ${describe(vectors)}. Drag the background or use the arrow keys here to turn the view.`}
          tabIndex={0}
          data-yaw={fmt3(view.yaw, 1)}
          data-pitch={fmt3(view.pitch, 1)}
          className={dragging ? `sx-dragging-${dragging}` : undefined}
          onPointerDown={onCanvasDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
          onKeyDown={onCanvasKey}
        >
          <defs>
            {COLORS.map((color, i) => (
              <marker
                key={color}
                id={`${id}-m${i}`}
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
          <rect className="sx-bg" width={SIZE} height={SIZE} />
          <g>{floor}</g>
          {spanShape()}
          <g>{axes}</g>
          {vectorArt}
          {handles}
          <text className="sx-badge" x={14} y={26}>
            {`rank ${rank}: ${kind === "space" ? "all of space" : kind}`}
          </text>
        </svg>
        <span className="visually-hidden" aria-live="polite">
          {announcement}
        </span>
      </div>
      <div className="sx-panel">
        <div className="sx-vectors" role="group" aria-label="Coordinates of the vectors">
          {vectors.map((v, i) => (
            <div className="sx-inputs" key={nameOf(i)}>
              <span className="sx-swatch" style={{ background: colorOf(i) }} aria-hidden="true" />
              <span className="sx-name">{nameOf(i)}</span> ( {coordinateInput(i, v, 0)} , {coordinateInput(i, v, 1)} ,{" "}
              {coordinateInput(i, v, 2)} )
            </div>
          ))}
        </div>
        <div className="sx-buttons">
          {vectors.length < 3 ? (
            <button type="button" className="button-quiet" onClick={addVector}>
              Add a vector
            </button>
          ) : null}
          {vectors.length > 1 ? (
            <button type="button" className="button-quiet" onClick={removeVector}>
              Remove {nameOf(vectors.length - 1)}
            </button>
          ) : null}
        </div>
        <table className="sx-readouts">
          <caption className="visually-hidden">What the vectors span</caption>
          <tbody>
            <tr data-readout="rank">
              <th scope="row">rank</th>
              <td className="sx-value">{rank}</td>
            </tr>
            <tr data-readout="span">
              <th scope="row">span</th>
              <td className="sx-value">{SPAN_TEXT[kind]}</td>
            </tr>
            <tr data-readout="independent">
              <th scope="row">independent?</th>
              <td className="sx-value">{independent ? "yes" : `no: rank ${rank} < ${vectors.length} vectors`}</td>
            </tr>
            <tr data-readout="relation">
              <th scope="row">redundant</th>
              <td className="sx-value">
                {found.length > 0 ? found.map((r) => relationText(r, names)).join(", ") : "none"}
              </td>
            </tr>
          </tbody>
        </table>
        <div className="sx-buttons">
          {normal ? (
            <>
              <button type="button" className="button-quiet" onClick={() => { setView(e1 && e2 ? edgeOnView(e1, e2, vectors) : viewAlong(normal)); }}>
                Edge-on view
              </button>
              <button type="button" className="button-quiet" onClick={() => { setView(viewAlong(normal)); }}>
                Face-on view
              </button>
            </>
          ) : null}
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setVectors(initial.vectors);
              setView(initial.view);
            }}
          >
            Reset
          </button>
        </div>
      </div>
      <pre className="sx-code" aria-label="The same computation in NumPy">
        <code>
          {vectors.map((v, i) => `${nameOf(i)} = ${npArray3(v)}\n`).join("")}
          {`${matrixCode}\n`}
          <span data-code="rank">
            np.linalg.matrix_rank(A)
            <span className="sx-code-result">{`  # ${rank}`}</span>
            {"\n"}
          </span>
          {relationCode ? (
            <span data-code="relation">
              {relationCode}
              <span className="sx-code-result">{`  # ${relationResult}`}</span>
              {"\n"}
            </span>
          ) : null}
        </code>
      </pre>
      {initial.caption ? <figcaption className="widget-caption">{initial.caption}</figcaption> : null}
    </div>
  );
}
