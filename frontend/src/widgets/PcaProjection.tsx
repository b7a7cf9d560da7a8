import { useId, useMemo, useRef, useState } from "react";
import type { KeyboardEvent, PointerEvent } from "react";
import { Tex } from "../components/Tex";
import { IRIS, IRIS_FEATURES, type IrisFeature } from "./pcaProjectionData";
import {
  angleOf,
  centre,
  covariance,
  direction,
  fmt,
  lineAngle,
  nearestArrow,
  npVector,
  principalAxes,
  projectedVariance,
  shadows,
  snapDegrees,
  totalVariance,
  varianceCurve,
  type Point,
} from "./pcaProjectionMath";
import type { WidgetProps } from "./registry";
import { svgUserPoint } from "./svgPointer";

const SIZE = 420; // the scatter plot, in SVG user units
const CURVE_W = 420;
const CURVE_H = 180;
const PAD = { left: 46, right: 14, top: 14, bottom: 40 };
const DRAG_STEP = 1; // degrees
const FINE_STEP = 0.1;
const PAGE_STEP = 10;

type Drag = "arrow" | "curve" | null;

function parseFeatures(value: unknown): [IrisFeature, IrisFeature] {
  const known = (x: unknown): x is IrisFeature => IRIS_FEATURES.includes(x as IrisFeature);
  if (Array.isArray(value) && value.length === 2 && known(value[0]) && known(value[1]) && value[0] !== value[1]) {
    return [value[0], value[1]];
  }
  return ["sepal length", "petal length"];
}

function parseProps(props: Record<string, unknown>) {
  const angle = typeof props.angle === "number" && Number.isFinite(props.angle) ? props.angle : 0;
  return {
    features: parseFeatures(props.features),
    angle: snapDegrees(angle, FINE_STEP),
    caption: typeof props.caption === "string" ? props.caption : null,
  };
}

/** The centred cloud of two Iris columns, its covariance and principal axes. */
function useCloud(features: [IrisFeature, IrisFeature]) {
  const [fx, fy] = features;
  return useMemo(() => {
    const columns = [IRIS_FEATURES.indexOf(fx), IRIS_FEATURES.indexOf(fy)] as const;
    const points = centre(IRIS.map((row) => [row[columns[0]] ?? 0, row[columns[1]] ?? 0] as const));
    const c = covariance(points);
    const extent = Math.max(...points.map(([x, y]) => Math.max(Math.abs(x), Math.abs(y))));
    return {
      columns,
      points,
      c,
      axes: principalAxes(c),
      range: Math.ceil(extent * 2 + 1) / 2, // half-units, with a margin
      curve: varianceCurve(c, 181),
    };
  }, [fx, fy]);
}

const degreesText = (a: number) => `${fmt(a, 1)}°`;
const pointText = (p: Point) => `(${fmt(p[0])}, ${fmt(p[1])})`;

export function PcaProjection({ props }: WidgetProps) {
  const initial = parseProps(props);
  const cloud = useCloud(initial.features);
  const [angle, setAngle] = useState(initial.angle);
  const [revealed, setRevealed] = useState(false);
  const [drag, setDrag] = useState<Drag>(null);
  const [announcement, setAnnouncement] = useState("");
  const scatterRef = useRef<SVGSVGElement>(null);
  const curveRef = useRef<SVGSVGElement>(null);
  const id = useId().replace(/:/g, "");

  const { c, axes, range, points } = cloud;
  const unit = SIZE / (2 * range);
  const toScreen = (p: Point): [number, number] => [(p[0] + range) * unit, (range - p[1]) * unit];
  const w = direction(angle);
  const kept = projectedVariance(c, angle);
  const total = totalVariance(c);
  const lost = total - kept;
  const share = kept / total;
  const feet = shadows(points, angle);
  const [fx, fy] = initial.features;

  function turnTo(next: number, announce = false) {
    const snapped = snapDegrees(next, FINE_STEP);
    setAngle(snapped);
    if (announce) {
      const v = projectedVariance(c, snapped);
      setAnnouncement(
        `Direction at ${degreesText(snapped)}: variance ${fmt(v)}, ${fmt((100 * v) / total, 1)}% of the total`,
      );
    }
  }

  function svgPoint(svg: SVGSVGElement | null, event: PointerEvent<SVGSVGElement>): DOMPoint | null {
    return svgUserPoint(svg, event.clientX, event.clientY);
  }

  function aimScatter(event: PointerEvent<SVGSVGElement>) {
    const p = svgPoint(scatterRef.current, event);
    if (!p) return;
    const world: Point = [p.x / unit - range, range - p.y / unit];
    if (Math.hypot(world[0], world[1]) < 1e-6) return;
    turnTo(angleOf(world, event.shiftKey ? FINE_STEP : DRAG_STEP));
  }

  function aimCurve(event: PointerEvent<SVGSVGElement>) {
    const p = svgPoint(curveRef.current, event);
    if (!p) return;
    const x = (p.x - PAD.left) / (CURVE_W - PAD.left - PAD.right);
    const degrees = Math.min(180, Math.max(0, x * 180));
    turnTo(snapDegrees(degrees, event.shiftKey ? FINE_STEP : DRAG_STEP) % 180);
  }

  function startDrag(which: Exclude<Drag, null>, event: PointerEvent<SVGSVGElement>) {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag(which);
    const onHandle = event.target instanceof Element && event.target.classList.contains("pp-handle");
    if (which === "curve") aimCurve(event);
    else if (!onHandle) aimScatter(event); // a press anywhere on the plot points w there
  }

  function onKeyDown(event: KeyboardEvent<SVGElement>) {
    const step = event.shiftKey ? FINE_STEP : DRAG_STEP;
    const moves: Record<string, number> = {
      ArrowRight: step,
      ArrowUp: step,
      ArrowLeft: -step,
      ArrowDown: -step,
      PageUp: PAGE_STEP,
      PageDown: -PAGE_STEP,
    };
    if (event.key === "Home") {
      event.preventDefault();
      turnTo(0, true);
      return;
    }
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    turnTo(angle + move, true);
  }

  function snapTo(target: number, name: string) {
    const next = nearestArrow(angle, target);
    setRevealed(true);
    turnTo(next);
    setAnnouncement(`Snapped to ${name} at ${degreesText(lineAngle(next))}: variance ${fmt(projectedVariance(c, next))}`);
  }

  // ---- the scatter plot ----
  const ticks = Array.from({ length: 2 * Math.floor(range) + 1 }, (_, i) => i - Math.floor(range));
  const far = (degrees: number, sign: 1 | -1): [number, number] => {
    const [dx, dy] = direction(degrees);
    return toScreen([sign * dx * range * 1.5, sign * dy * range * 1.5]);
  };
  const arrowLength = range * 0.78;
  const tip: Point = [w[0] * arrowLength, w[1] * arrowLength];
  const [tx, ty] = toScreen(tip);
  const [ox, oy] = toScreen([0, 0]);
  const [l1x, l1y] = far(angle, -1);
  const [l2x, l2y] = far(angle, 1);

  // ---- the curve ----
  const plotW = CURVE_W - PAD.left - PAD.right;
  const plotH = CURVE_H - PAD.top - PAD.bottom;
  const yMax = Math.ceil(total * 1.12 * 2) / 2;
  const cx = (degrees: number) => PAD.left + (degrees / 180) * plotW;
  const cy = (v: number) => PAD.top + (1 - v / yMax) * plotH;
  const path = cloud.curve.map(([a, v], i) => `${i === 0 ? "M" : "L"} ${cx(a).toFixed(2)} ${cy(v).toFixed(2)}`).join(" ");
  const yStep = yMax > 6 ? 2 : yMax > 2 ? 1 : 0.5;
  const yTicks = Array.from({ length: Math.floor(yMax / yStep) + 1 }, (_, i) => i * yStep);
  const onLine = lineAngle(angle);

  const readouts: { key: string; tex?: string; text?: string; value: string; note?: string }[] = [
    { key: "angle", tex: "\\theta", value: degreesText(angle), note: "angle of w" },
    { key: "w", tex: "\\mathbf{w}", value: pointText(w), note: "unit direction" },
    { key: "kept", tex: "\\mathbf{w}^\\top C\\,\\mathbf{w}", value: fmt(kept), note: "kept: variance of the shadows" },
    { key: "lost", text: "lost", value: fmt(lost), note: "reconstruction error" },
    { key: "total", tex: "\\operatorname{tr} C", value: fmt(total), note: "total variance" },
    { key: "share", text: "share kept", value: `${fmt(100 * share, 1)}%`, note: "kept ÷ total" },
  ];

  const covText = `[[${fmt(c.xx)}, ${fmt(c.xy)}], [${fmt(c.xy)}, ${fmt(c.yy)}]]`;
  const codeLines = [
    { key: "data", code: `X = iris.data[:, [${cloud.columns[0]}, ${cloud.columns[1]}]]`, result: `${fx}, ${fy} (cm)` },
    { key: "centre", code: "Xc = X - X.mean(axis=0)", result: "centre the cloud" },
    { key: "cov", code: "C = Xc.T @ Xc / (len(X) - 1)", result: covText },
    {
      key: "eigh",
      code: "eigenvalues, eigenvectors = np.linalg.eigh(C)",
      result: `[${fmt(axes.lambda2)}, ${fmt(axes.lambda1)}], smallest first`,
    },
    { key: "w", code: `w = ${npVector(w)}`, result: `θ = ${degreesText(angle)}` },
    { key: "variance", code: "(Xc @ w).var(ddof=1)", result: `${fmt(kept)}, the same as w @ C @ w` },
  ];

  return (
    <div className="pca-projection">
      <div className="pp-figures">
        <svg
          ref={scatterRef}
          className={`pp-scatter${drag === "arrow" ? " dragging" : ""}`}
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          data-range={range}
          role="group"
          aria-label={`${points.length} Iris flowers: ${fx} across, ${fy} up, centred. The direction w is at ${degreesText(angle)}.`}
          onPointerDown={(event) => {
            startDrag("arrow", event);
          }}
          onPointerMove={(event) => {
            if (drag === "arrow") aimScatter(event);
          }}
          onPointerUp={() => {
            setDrag(null);
          }}
          onPointerCancel={() => {
            setDrag(null);
          }}
        >
          <defs>
            <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto">
              <path d="M 0 0 L 10 5 L 0 10 z" className="pp-arrowhead" />
            </marker>
          </defs>
          <g className="pp-grid" aria-hidden="true">
            {ticks.map((t) => (
              <g key={t}>
                <line x1={toScreen([t, 0])[0]} y1={0} x2={toScreen([t, 0])[0]} y2={SIZE} />
                <line x1={0} y1={toScreen([0, t])[1]} x2={SIZE} y2={toScreen([0, t])[1]} />
              </g>
            ))}
          </g>
          <g className="pp-axes" aria-hidden="true">
            <line x1={0} y1={oy} x2={SIZE} y2={oy} />
            <line x1={ox} y1={0} x2={ox} y2={SIZE} />
          </g>
          <text className="pp-axis-label" x={SIZE - 8} y={SIZE - 10} textAnchor="end">
            {fx} (cm, centred) →
          </text>
          <text className="pp-axis-label" x={8} y={18}>
            ↑ {fy} (cm, centred)
          </text>
          {revealed ? (
            <g className="pp-pc-axes" aria-hidden="true">
              {([
                [axes.angle1, "PC1"],
                [axes.angle2, "PC2"],
              ] as const).map(([a, name]) => {
                const [ax1, ay1] = far(a, -1);
                const [ax2, ay2] = far(a, 1);
                const [dx, dy] = direction(a);
                const reach = (0.9 * range) / Math.max(Math.abs(dx), Math.abs(dy)); // near the edge
                const [ex, ey] = toScreen([dx * reach, dy * reach]);
                const [lx, ly] = [ex + 16 * dy, ey + 4 + 16 * dx]; // beside the line, not on it
                return (
                  <g key={name}>
                    <line x1={ax1} y1={ay1} x2={ax2} y2={ay2} />
                    <text x={lx} y={ly} className="pp-pc-label" textAnchor="middle">
                      {name}
                    </text>
                  </g>
                );
              })}
            </g>
          ) : null}
          <g className="pp-residuals" aria-hidden="true">
            {points.map((p, i) => {
              const [x1, y1] = toScreen(p);
              const [x2, y2] = toScreen(feet[i] ?? p);
              return <line key={i} x1={x1} y1={y1} x2={x2} y2={y2} />;
            })}
          </g>
          <line className="pp-line" x1={l1x} y1={l1y} x2={l2x} y2={l2y} aria-hidden="true" />
          <g className="pp-points" aria-hidden="true">
            {points.map((p, i) => {
              const [x, y] = toScreen(p);
              return <circle key={i} cx={x} cy={y} r={3.4} />;
            })}
          </g>
          <g className="pp-shadows" aria-hidden="true">
            {feet.map((p, i) => {
              const [x, y] = toScreen(p);
              return <circle key={i} cx={x} cy={y} r={2.6} />;
            })}
          </g>
          <line className="pp-arrow" x1={ox} y1={oy} x2={tx} y2={ty} markerEnd={`url(#${id}-arrow)`} aria-hidden="true" />
          <text className="pp-w-label" x={tx + 24 * Math.cos(((angle + 35) * Math.PI) / 180)} y={ty + 6 - 24 * Math.sin(((angle + 35) * Math.PI) / 180)} textAnchor="middle" aria-hidden="true">
            w
          </text>
          <circle
            className="pp-handle"
            data-handle="w"
            cx={tx}
            cy={ty}
            r={12}
            tabIndex={0}
            role="slider"
            aria-label="Direction w. Drag it round, or use the arrow keys (Shift for tenths of a degree, Page Up and Page Down for 10°)."
            aria-valuemin={0}
            aria-valuemax={360}
            aria-valuenow={angle}
            aria-valuetext={`${degreesText(angle)}, projected variance ${fmt(kept)}`}
            onKeyDown={onKeyDown}
          />
        </svg>
        <svg
          ref={curveRef}
          className={`pp-curve-plot${drag === "curve" ? " dragging" : ""}`}
          viewBox={`0 0 ${CURVE_W} ${CURVE_H}`}
          role="img"
          aria-label={`Projected variance against the angle of w, from 0 to 180 degrees: largest ${fmt(axes.lambda1)} at ${degreesText(axes.angle1)}, smallest ${fmt(axes.lambda2)} at ${degreesText(axes.angle2)}. Click to choose an angle.`}
          onPointerDown={(event) => {
            startDrag("curve", event);
          }}
          onPointerMove={(event) => {
            if (drag === "curve") aimCurve(event);
          }}
          onPointerUp={() => {
            setDrag(null);
          }}
          onPointerCancel={() => {
            setDrag(null);
          }}
        >
          <g className="pp-grid">
            {yTicks.map((v) => (
              <line key={v} x1={PAD.left} y1={cy(v)} x2={PAD.left + plotW} y2={cy(v)} />
            ))}
          </g>
          <g className="pp-tick-labels">
            {yTicks.map((v) => (
              <text key={v} x={PAD.left - 6} y={cy(v) + 4} textAnchor="end">
                {fmt(v, 1)}
              </text>
            ))}
            {[0, 45, 90, 135, 180].map((a) => (
              <text key={a} x={cx(a)} y={PAD.top + plotH + 15} textAnchor="middle">
                {a}°
              </text>
            ))}
          </g>
          <text className="pp-axis-label" x={PAD.left + plotW} y={CURVE_H - 4} textAnchor="end">
            angle of w
          </text>
          <text className="pp-axis-label" x={PAD.left + 4} y={PAD.top + 10}>
            variance of the shadows
          </text>
          <line className="pp-total" x1={PAD.left} y1={cy(total)} x2={PAD.left + plotW} y2={cy(total)} />
          <text className="pp-total-label" x={PAD.left + plotW - 2} y={cy(total) - 5} textAnchor="end">
            total {fmt(total)}
          </text>
          <path className="pp-curve" d={path} />
          <line className="pp-kept-bar" x1={cx(onLine)} y1={cy(0)} x2={cx(onLine)} y2={cy(kept)} />
          <line className="pp-lost-bar" x1={cx(onLine)} y1={cy(kept)} x2={cx(onLine)} y2={cy(total)} />
          {revealed ? (
            <g className="pp-pc-labels">
              <text x={cx(axes.angle1)} y={cy(axes.lambda1) + 16} textAnchor="middle">
                PC1
              </text>
              <text x={cx(axes.angle2)} y={cy(axes.lambda2) - 8} textAnchor="middle">
                PC2
              </text>
            </g>
          ) : null}
          <circle className="pp-marker" cx={cx(onLine)} cy={cy(kept)} r={6} />
        </svg>
        <span className="visually-hidden" aria-live="polite">
          {announcement}
        </span>
      </div>
      <div className="pp-panel">
        <label className="pp-angle-input">
          Angle of <Tex tex="\mathbf{w}" />
          <input
            type="number"
            min={0}
            max={359.9}
            step={1}
            value={angle}
            onChange={(event) => {
              const x = Number(event.target.value);
              if (event.target.value === "" || !Number.isFinite(x)) return;
              turnTo(x);
            }}
          />
          °
        </label>
        <table className="pp-readouts">
          <caption className="visually-hidden">The direction w and the variance it keeps</caption>
          <tbody>
            {readouts.map((r) => (
              <tr key={r.key} data-readout={r.key}>
                <th scope="row">
                  {r.tex ? <Tex tex={r.tex} /> : <span className="pp-label">{r.text}</span>}
                  {r.note ? <span className={`pp-note pp-note-${r.key}`}>{r.note}</span> : null}
                </th>
                <td className="pp-value">{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="pp-buttons">
          <button
            type="button"
            className="button pp-snap"
            onClick={() => {
              snapTo(axes.angle1, "PC1");
            }}
          >
            Snap to PC1
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              snapTo(axes.angle2, "PC2");
            }}
          >
            Snap to PC2
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setAngle(initial.angle);
              setRevealed(false);
            }}
          >
            Reset
          </button>
        </div>
        {revealed ? (
          <p className="pp-pcs" data-testid="pp-pcs">
            PC1 at {degreesText(axes.angle1)} keeps {fmt(axes.lambda1)}; PC2 at {degreesText(axes.angle2)} keeps {fmt(axes.lambda2)}.
          </p>
        ) : null}
      </div>
      <pre className="pp-code" aria-label="The same computation in NumPy">
        <code>
          {codeLines.map((line) => (
            <span key={line.key} className="pp-code-line" data-code={line.key}>
              {line.code}
              <span className="pp-code-result">{`  # ${line.result}`}</span>
              {"\n"}
            </span>
          ))}
        </code>
      </pre>
      {initial.caption ? <figcaption className="widget-caption">{initial.caption}</figcaption> : null}
    </div>
  );
}
