/** The drawings of the kernel-and-image figure: 3-D views of the input and output spaces,
 *  drawn with an orthographic camera in SVG (the numbers come from kernelImageMath). */
import { useRef } from "react";
import type { KeyboardEvent, PointerEvent, ReactNode } from "react";
import {
  combine,
  length,
  orthonormalize,
  project,
  toVec3,
  type Vec,
  type Vec3,
  type View,
} from "./kernelImageMath";

export const SIZE = 300; // SVG user units per view
const HALF = SIZE / 2;
const TURN = 0.12; // radians per arrow-key press
export const X0: Vec3 = [1, 1, 0.5]; // where the probe input starts
export const COLORS = {
  kernel: "var(--vec-proj)",
  image: "var(--vec-sum)",
  column: "var(--vec-u)",
  x: "var(--vec-v)",
};
export const SUB = ["₁", "₂", "₃"];

/** A 3-D scene drawn with an orthographic camera; `scale` is SVG units per world unit. */
export type Camera = { view: View; scale: number };

function screen(p: Vec3, camera: Camera): [number, number] {
  const q = project(p, camera.view);
  return [HALF + q.x * camera.scale, HALF - q.y * camera.scale];
}

function Arrow({ to, from = [0, 0, 0], color, marker, camera, width = 2.5, dashed = false }: {
  to: Vec3;
  from?: Vec3;
  color: string;
  marker: string;
  camera: Camera;
  width?: number;
  dashed?: boolean;
}) {
  const [x1, y1] = screen(from, camera);
  const [x2, y2] = screen(to, camera);
  if (Math.hypot(x2 - x1, y2 - y1) < 2) return null;
  return (
    <line
      x1={x1}
      y1={y1}
      x2={x2}
      y2={y2}
      stroke={color}
      strokeWidth={width}
      strokeDasharray={dashed ? "5 4" : undefined}
      markerEnd={`url(#${marker})`}
    />
  );
}

/** An arrow from the origin with its name just beyond the tip (so names of vectors that
 *  point different ways never sit on top of each other). */
function NamedVector({ to, name, color, marker, camera, width = 2.5, small = false }: {
  to: Vec3;
  name: string;
  color: string;
  marker: string;
  camera: Camera;
  width?: number;
  small?: boolean;
}) {
  const [ox, oy] = screen([0, 0, 0], camera);
  const [tx, ty] = screen(to, camera);
  const size = Math.hypot(tx - ox, ty - oy);
  const [ux, uy] = size < 4 ? [0.7, -0.7] : [(tx - ox) / size, (ty - oy) / size];
  // Small names (columns, kernel vectors) sit beside the tip, so that vectors on one line
  // (dependent columns) keep their names apart; big ones (x, Ax) sit beyond it.
  const [dx, dy] = small ? [10 * ux - 12 * uy, 10 * uy + 12 * ux] : [14 * ux, 14 * uy];
  return (
    <g>
      <Arrow to={to} color={color} marker={marker} camera={camera} width={width} />
      <text
        className={small ? "ki-label ki-label-small" : "ki-label"}
        fill={color}
        x={tx + dx}
        y={ty + dy}
        textAnchor="middle"
        dominantBaseline="central"
      >
        {name}
      </text>
    </g>
  );
}

/** The columns of A and the output A x, in a picture of the output space (flat or 3-D). */
function Outputs({ cols, Ax, camera, marker, lift }: {
  cols: readonly Vec[];
  Ax: Vec;
  camera: Camera;
  marker: string;
  lift: (v: Vec) => Vec3;
}) {
  return (
    <>
      {cols.map((c, j) =>
        length(c) > 1e-9 ? (
          <NamedVector
            key={j}
            to={lift(c)}
            name={`a${SUB[j] ?? ""}`}
            color={COLORS.column}
            marker={`${marker}-column`}
            camera={camera}
            width={2}
            small
          />
        ) : null,
      )}
      <NamedVector to={lift(Ax)} name="Ax" color={COLORS.x} marker={`${marker}-x`} camera={camera} width={3} />
    </>
  );
}

/** A subspace of R^3 (given by any spanning vectors) drawn as a point, line, plane or box. */
function Subspace({ spanning, reach, color, camera, kind }: {
  spanning: readonly Vec[];
  reach: number;
  color: string;
  camera: Camera;
  kind: "kernel" | "image";
}) {
  const basis = orthonormalize(spanning.map(toVec3));
  const at = combine;
  const points = (corners: Vec3[]) => corners.map((c) => screen(c, camera).join(",")).join(" ");
  const [ox, oy] = screen([0, 0, 0], camera);
  const [e = [], f = [], g] = basis;
  if (basis.length === 0) {
    return <circle cx={ox} cy={oy} r={7} fill={color} className="ki-zero" data-subspace={kind} />;
  }
  if (basis.length === 1) {
    const [a, b] = [screen(at([reach, e]), camera), screen(at([-reach, e]), camera)];
    return (
      <line x1={a[0]} y1={a[1]} x2={b[0]} y2={b[1]} stroke={color} className="ki-line" data-subspace={kind} />
    );
  }
  if (!g) {
    const corners = ([[1, 1], [1, -1], [-1, -1], [-1, 1]] as const).map(([s, u]) => at([s * reach, e], [u * reach, f]));
    const rulings = [-0.5, 0, 0.5].flatMap((s): [Vec3, Vec3][] => [
      [at([s * reach, e], [reach, f]), at([s * reach, e], [-reach, f])],
      [at([reach, e], [s * reach, f]), at([-reach, e], [s * reach, f])],
    ]);
    return (
      <g data-subspace={kind}>
        <polygon points={points(corners)} fill={color} stroke={color} className="ki-plane" />
        {rulings.map(([p, q], i) => (
          <polyline key={i} points={points([p, q])} stroke={color} className="ki-ruling" />
        ))}
      </g>
    );
  }
  const r = reach * 0.8;
  const signs = [-r, r];
  const cube = signs.flatMap((x) => signs.flatMap((y) => signs.map((z): Vec3 => [x, y, z])));
  const edges = cube.flatMap((p, i) =>
    cube.slice(i + 1).filter((q) => p.filter((c, k) => c !== q[k]).length === 1).map((q): [Vec3, Vec3] => [p, q]),
  );
  return (
    <g data-subspace={kind} className="ki-everything">
      {edges.map(([p, q], i) => (
        <polyline key={i} points={points([p, q])} stroke={color} />
      ))}
    </g>
  );
}

function Axes({ reach, camera, names }: { reach: number; camera: Camera; names: string }) {
  const ends: Vec3[] = [[reach, 0, 0], [0, reach, 0], [0, 0, reach]];
  return (
    <g className="ki-axes">
      {ends.map((end, i) => {
        const [x1, y1] = screen([-end[0], -end[1], -end[2]], camera);
        const [x2, y2] = screen(end, camera);
        return (
          <g key={i}>
            <line x1={x1} y1={y1} x2={x2} y2={y2} />
            <text x={x2 + 4} y={y2 + 4} className="ki-axis-name">
              {names}
              {SUB[i]}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function Markers({ id }: { id: string }) {
  return (
    <defs>
      {Object.entries(COLORS).map(([name, color]) => (
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
  );
}

export function SceneSvg({ label, view, turn, onTurn, children, id, rotatable }: {
  label: string;
  view: View;
  turn: (dyaw: number, dpitch: number) => void;
  onTurn: (text: string) => void;
  children: ReactNode;
  id: string;
  rotatable: boolean;
}) {
  const last = useRef<[number, number] | null>(null);
  function onPointerDown(event: PointerEvent<SVGSVGElement>) {
    if (!rotatable) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    last.current = [event.clientX, event.clientY];
  }
  function onPointerMove(event: PointerEvent<SVGSVGElement>) {
    if (!last.current) return;
    const [x, y] = last.current;
    turn((event.clientX - x) * 0.01, (event.clientY - y) * 0.01);
    last.current = [event.clientX, event.clientY];
  }
  function onKeyDown(event: KeyboardEvent<SVGSVGElement>) {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-TURN, 0],
      ArrowRight: [TURN, 0],
      ArrowUp: [0, -TURN],
      ArrowDown: [0, TURN],
    };
    const move = moves[event.key];
    if (!move || !rotatable) return;
    event.preventDefault();
    turn(...move);
    onTurn("View turned");
  }
  const degrees = (r: number) => Math.round((r * 180) / Math.PI);
  return (
    <svg
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role={rotatable ? "application" : "img"}
      aria-label={rotatable ? `${label}. Drag, or focus and use the arrow keys, to turn the view.` : label}
      aria-roledescription={rotatable ? "rotatable 3-D view" : undefined}
      tabIndex={rotatable ? 0 : undefined}
      data-yaw={degrees(view.yaw)}
      data-pitch={degrees(view.pitch)}
      className={rotatable ? "ki-rotatable" : undefined}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (last.current = null)}
      onPointerCancel={() => (last.current = null)}
      onKeyDown={onKeyDown}
    >
      <Markers id={id} />
      {children}
    </svg>
  );
}

/** The inputs with the same output as x: the line through X0 along a kernel direction. */
function Preimage({ direction, camera }: { direction: Vec; camera: Camera }) {
  const along = (s: number): Vec3 => combine([1, X0], [s, direction]);
  const [[x1, y1], [x2, y2]] = [screen(along(-2.6), camera), screen(along(2.6), camera)];
  return <line className="ki-preimage" x1={x1} y1={y1} x2={x2} y2={y2} />;
}

/** The output space when A has two rows: a flat plane, no camera. */
export function FlatOutput({ cols, Ax, reach, rankValue, id }: {
  cols: readonly Vec[];
  Ax: Vec;
  reach: number;
  rankValue: number;
  id: string;
}) {
  const camera: Camera = { view: { yaw: 0, pitch: Math.PI / 2 }, scale: (HALF - 22) / reach };
  // Seen from straight above, R^2 sits in the x–y plane of the 3-D helpers.
  const flat = (v: Vec): Vec3 => [v[0] ?? 0, v[1] ?? 0, 0];
  const ends: Vec3[] = [[reach * 0.9, 0, 0], [0, reach * 0.9, 0]];
  const image = orthonormalize(cols.map(flat));
  return (
    <>
      {rankValue === 2 ? (
        <rect width={SIZE} height={SIZE} fill={COLORS.image} className="ki-plane" data-subspace="image" />
      ) : (
        <Subspace spanning={image} reach={reach} color={COLORS.image} camera={camera} kind="image" />
      )}
      <g className="ki-axes">
        {ends.map((end, i) => {
          const [x1, y1] = screen([-end[0], -end[1], 0], camera);
          const [x2, y2] = screen(end, camera);
          return (
            <g key={i}>
              <line x1={x1} y1={y1} x2={x2} y2={y2} />
              <text x={x2 + (i === 0 ? -14 : 6)} y={y2 + (i === 0 ? 16 : 10)} className="ki-axis-name">
                y{SUB[i]}
              </text>
            </g>
          );
        })}
      </g>
      <Outputs cols={cols} Ax={Ax} camera={camera} marker={id} lift={flat} />
    </>
  );
}

/** The input space: the kernel, its basis vectors, and x on its line of equal outputs. */
export function InputScene({ kernel, direction, x, view, reach, id }: {
  kernel: readonly Vec[];
  direction: Vec | null;
  x: Vec3;
  view: View;
  reach: number;
  id: string;
}) {
  const camera: Camera = { view, scale: (HALF - 22) / reach };
  return (
    <>
      <Subspace spanning={kernel} reach={reach * 0.85} color={COLORS.kernel} camera={camera} kind="kernel" />
      <Axes reach={reach * 0.9} camera={camera} names="x" />
      {direction ? <Preimage direction={direction} camera={camera} /> : null}
      <NamedVector to={x} name="x" color={COLORS.x} marker={`${id}-x`} camera={camera} width={3} />
      {kernel.map((k, i) => (
        <NamedVector
          key={i}
          to={toVec3(k)}
          name={`k${SUB[i] ?? ""}`}
          color={COLORS.kernel}
          marker={`${id}-kernel`}
          camera={camera}
          small
        />
      ))}
    </>
  );
}

/** The output space R^3: the image (spanned by the columns), the columns and A x. */
export function OutputScene({ cols, Ax, view, reach, id }: {
  cols: readonly Vec[];
  Ax: Vec;
  view: View;
  reach: number;
  id: string;
}) {
  const camera: Camera = { view, scale: (HALF - 22) / reach };
  return (
    <>
      <Subspace spanning={cols} reach={reach * 0.85} color={COLORS.image} camera={camera} kind="image" />
      <Axes reach={reach * 0.9} camera={camera} names="y" />
      <Outputs cols={cols} Ax={Ax} camera={camera} marker={id} lift={toVec3} />
    </>
  );
}
