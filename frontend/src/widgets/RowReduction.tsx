import { useId, useState } from "react";
import type { WidgetProps } from "./registry";
import {
  applyOp,
  classify,
  describeOp,
  equationText,
  fmtFrac,
  fromNumber,
  lineInView,
  nextStep,
  numpyMatrix,
  numpyOp,
  solution,
  toMatrix,
  toNumber,
  type Matrix,
  type Point,
  type RowOp,
} from "./rowReductionMath";

type Kind = RowOp["kind"];
type Applied = { op: RowOp; before: Matrix };

const RANGE = 6; // the plot shows −6…6 on both axes
const SIZE = 400; // SVG user units
const UNIT = SIZE / (2 * RANGE);
const C_MIN = -5;
const C_MAX = 5;
const C_STEP = 0.25;
const ROW_COLORS = ["var(--vec-u)", "var(--vec-v)", "var(--vec-sum)"];
const DEFAULT_ROWS = [
  [1, 2, 4],
  [3, -1, 5],
];

const PRESETS: { id: string; label: string; rows: number[][] }[] = [
  { id: "zero-pivot", label: "A zero pivot (needs a swap)", rows: [[0, 2, 2], [1, 1, 3]] },
  { id: "parallel", label: "Parallel lines (no solution)", rows: [[1, 2, 4], [2, 4, 5]] },
  { id: "same-line", label: "The same line twice (infinitely many)", rows: [[1, 2, 4], [2, 4, 8]] },
  { id: "three-meet", label: "Three lines through one point", rows: [[1, 1, 3], [1, -1, 1], [2, 1, 5]] },
  { id: "triangle", label: "Three lines, no common point", rows: [[1, 1, 3], [1, -1, 1], [1, 2, 5]] },
];

function parseRows(value: unknown): number[][] {
  const ok =
    Array.isArray(value) &&
    value.length >= 2 &&
    value.length <= 3 &&
    value.every((row) => Array.isArray(row) && row.length === 3 && row.every((x) => typeof x === "number"));
  return ok ? (value as number[][]) : DEFAULT_ROWS;
}

const toScreen = (p: Point): [number, number] => [(p[0] + RANGE) * UNIT, (RANGE - p[1]) * UNIT];
const rowName = (i: number) => `R${i + 1}`;

const VERDICT = {
  unique: "One solution",
  infinite: "Infinitely many solutions",
  none: "No solution",
} as const;

function RowLine({
  row,
  index,
  avoid,
  preview = false,
}: {
  row: Matrix[number];
  index: number;
  avoid: Point | null;
  preview?: boolean;
}) {
  const line = lineInView(row, RANGE);
  if (line.kind !== "line") return null;
  const [x1, y1] = toScreen(line.from);
  const [x2, y2] = toScreen(line.to);
  const color = ROW_COLORS[index] ?? "var(--fg)";
  if (preview) {
    return <line className="rr-preview" x1={x1} y1={y1} x2={x2} y2={y2} stroke={color} data-preview-row={index} />;
  }
  // The row's name goes near one end of its visible part: the end farther from the
  // solution point (whose own label sits beside it), staggered a little per row.
  const along = (t: number): [number, number] => [x1 + t * (x2 - x1), y1 + t * (y2 - y1)];
  const ends = [along(0.12 + 0.06 * index), along(0.88 - 0.06 * index)];
  const [px, py] = avoid ? toScreen(avoid) : [SIZE / 2, SIZE / 2];
  const far = (q: [number, number]) => Math.hypot(q[0] - px, q[1] - py);
  const [lx, ly] = (far(ends[0] ?? [0, 0]) >= far(ends[1] ?? [0, 0]) ? ends[0] : ends[1]) ?? [0, 0];
  const left = lx > SIZE - 40;
  return (
    <g data-line-row={index}>
      <line className="rr-line" x1={x1} y1={y1} x2={x2} y2={y2} stroke={color} />
      <text
        className="rr-line-label"
        x={left ? lx - 8 : lx + 8}
        y={ly < 24 ? ly + 18 : ly - 8}
        textAnchor={left ? "end" : "start"}
        fill={color}
      >
        {rowName(index)}
      </text>
    </g>
  );
}

/** The crossing point, labelled with its exact coordinates (kept inside the plot). */
function SolutionPoint({ at, text }: { at: Point; text: string }) {
  const [cx, cy] = toScreen(at);
  const inside = Math.abs(at[0]) <= RANGE && Math.abs(at[1]) <= RANGE;
  if (!inside) return null;
  const left = cx > SIZE - 90; // near the right edge: put the label on the left
  return (
    <g className="rr-point" data-point={text}>
      <circle cx={cx} cy={cy} r={6} />
      <text x={left ? cx - 10 : cx + 10} y={cy > 30 ? cy - 10 : cy + 22} textAnchor={left ? "end" : "start"} className="rr-point-label">
        {text}
      </text>
    </g>
  );
}

export function RowReduction({ props }: WidgetProps) {
  const lessonRows = parseRows(props.rows);
  const caption = typeof props.caption === "string" ? props.caption : null;
  const id = useId().replace(/:/g, "");

  const [start, setStart] = useState<Matrix>(() => toMatrix(lessonRows));
  const [matrix, setMatrix] = useState<Matrix>(start);
  const [history, setHistory] = useState<Applied[]>([]);
  const [kind, setKind] = useState<Kind>("add");
  const [target, setTarget] = useState(1);
  const [source, setSource] = useState(0);
  const [multiplier, setMultiplier] = useState(0);
  const [note, setNote] = useState("");

  const rows = matrix.length;
  const c = fromNumber(multiplier);
  const otherRow = (i: number) => (i + 1) % rows;
  const pending: RowOp =
    kind === "swap"
      ? { kind, i: target, j: source }
      : kind === "scale"
        ? { kind, i: target, c }
        : { kind, target, source, c };
  const preview = applyOp(matrix, pending);
  const problem =
    kind === "scale" && multiplier === 0
      ? "Scaling by 0 would erase the equation (and cannot be undone), so it is not a row operation."
      : kind !== "scale" && target === source
        ? "Pick two different rows."
        : null;
  const step = nextStep(matrix);
  const verdict = classify(matrix);
  const point = solution(matrix);
  const pointText = point ? `(${fmtFrac(point[0])}, ${fmtFrac(point[1])})` : null;
  const pointAt: Point | null = point ? [toNumber(point[0]), toNumber(point[1])] : null;

  function commit(op: RowOp, explanation: string) {
    const next = applyOp(matrix, op);
    if (!next) return;
    setHistory([...history, { op, before: matrix }]);
    setMatrix(next);
    const changed = op.kind === "swap" ? op.i : op.kind === "scale" ? op.i : op.target;
    const still = point && pointText ? ` The solution is still ${pointText}.` : "";
    setNote(`${explanation} ${rowName(changed)} now reads ${equationText(next[changed] ?? [])}.${still}`);
    if (op.kind !== "swap") setMultiplier(kind === "scale" ? 1 : 0);
  }

  function load(rowsToLoad: number[][]) {
    const m = toMatrix(rowsToLoad);
    setStart(m);
    setMatrix(m);
    setHistory([]);
    setTarget(1);
    setSource(0);
    setMultiplier(kind === "scale" ? 1 : 0);
    setNote("");
  }

  function chooseKind(next: Kind) {
    setKind(next);
    if (next === "scale") setMultiplier(multiplier === 0 ? 1 : multiplier);
    if (next !== "scale" && target === source) setSource(otherRow(target));
  }

  const rowSelect = (label: string, value: number, onChange: (i: number) => void) => (
    <select
      aria-label={label}
      value={value}
      onChange={(event) => {
        onChange(Number(event.target.value));
      }}
    >
      {matrix.map((_, i) => (
        <option key={i} value={i}>
          {rowName(i)}
        </option>
      ))}
    </select>
  );

  const changedRow = kind === "swap" ? null : target;
  const ticks = Array.from({ length: 2 * RANGE + 1 }, (_, i) => i - RANGE);
  const statusText =
    verdict === "unique" && pointText
      ? `${VERDICT.unique}: (x, y) = ${pointText}`
      : verdict === "none"
        ? `${VERDICT.none}: the equations contradict each other`
        : `${VERDICT.infinite}: every point of a line works`;

  return (
    <div className="row-reduction">
      <div className="rr-canvas">
        <svg
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          role="img"
          aria-label={`${rows} lines: ${matrix.map((row) => equationText(row)).join("; ")}. ${statusText}.`}
        >
          <g className="rr-grid">
            {ticks.map((t) => (
              <g key={t}>
                <line x1={(t + RANGE) * UNIT} y1={0} x2={(t + RANGE) * UNIT} y2={SIZE} />
                <line x1={0} y1={(t + RANGE) * UNIT} x2={SIZE} y2={(t + RANGE) * UNIT} />
              </g>
            ))}
          </g>
          <g className="rr-axes">
            <line x1={0} y1={SIZE / 2} x2={SIZE} y2={SIZE / 2} />
            <line x1={SIZE / 2} y1={0} x2={SIZE / 2} y2={SIZE} />
            <text x={SIZE - 14} y={SIZE / 2 - 8} className="rr-axis-label">
              x
            </text>
            <text x={SIZE / 2 + 8} y={16} className="rr-axis-label">
              y
            </text>
          </g>
          {matrix.map((row, i) => (
            <RowLine key={i} row={row} index={i} avoid={pointAt} />
          ))}
          {preview && changedRow !== null && !problem ? (
            <RowLine row={preview[changedRow] ?? []} index={changedRow} avoid={null} preview />
          ) : null}
          {pointAt && pointText ? <SolutionPoint at={pointAt} text={pointText} /> : null}
        </svg>
      </div>

      <div className="rr-panel">
        <table className="rr-matrix" aria-describedby={`${id}-status`}>
          <caption>
            Augmented matrix [A | b]
          </caption>
          <thead>
            <tr>
              <td />
              <th scope="col">x</th>
              <th scope="col">y</th>
              <th scope="col" className="rr-bar">
                b
              </th>
              <th scope="col" className="visually-hidden">
                Equation
              </th>
            </tr>
          </thead>
          <tbody>
            {matrix.map((row, i) => {
              const role = i === changedRow ? "target" : kind !== "scale" && i === source ? "source" : undefined;
              const line = lineInView(row, RANGE).kind;
              return (
                <tr key={i} data-row={i} className={role ? `rr-${role}` : undefined}>
                  <th scope="row">
                    <span className="rr-swatch" style={{ background: ROW_COLORS[i] }} aria-hidden="true" />
                    {rowName(i)}
                  </th>
                  {row.map((x, j) => (
                    <td key={j} className={j === 2 ? "rr-entry rr-bar" : "rr-entry"} data-entry={`${i}-${j}`}>
                      {fmtFrac(x)}
                    </td>
                  ))}
                  <td className="rr-equation">
                    {equationText(row)}
                    {line === "nowhere" ? <span className="rr-flag"> — no point satisfies it</span> : null}
                    {line === "everywhere" ? <span className="rr-flag"> — says nothing</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>

        <p id={`${id}-status`} className={`rr-status rr-status-${verdict}`} data-verdict={verdict}>
          {statusText}
        </p>

        <fieldset className="rr-ops">
          <legend>Row operation</legend>
          <div className="rr-kinds">
            {(
              [
                ["swap", "Swap"],
                ["scale", "Scale"],
                ["add", "Add a multiple"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className={kind === value ? "rr-kind rr-kind-on" : "rr-kind"}>
                <input
                  type="radio"
                  name={`${id}-kind`}
                  value={value}
                  checked={kind === value}
                  onChange={() => {
                    chooseKind(value);
                  }}
                />
                {label}
              </label>
            ))}
          </div>
          <div className="rr-form">
            {kind === "swap" ? (
              <>
                Swap {rowSelect("First row to swap", target, setTarget)} and{" "}
                {rowSelect("Second row to swap", source, setSource)}
              </>
            ) : kind === "scale" ? (
              <>
                {rowSelect("Row to scale", target, setTarget)} ← c · {rowName(target)}
              </>
            ) : (
              <>
                {rowSelect("Row to change", target, setTarget)} ← {rowName(target)} + c ·{" "}
                {rowSelect("Row to add", source, setSource)}
              </>
            )}
          </div>
          {kind !== "swap" ? (
            <div className="rr-slider">
              <label htmlFor={`${id}-c`}>c</label>
              <input
                id={`${id}-c`}
                type="range"
                min={C_MIN}
                max={C_MAX}
                step={C_STEP}
                value={multiplier}
                aria-label="Multiplier c"
                aria-valuetext={fmtFrac(c)}
                onChange={(event) => {
                  setMultiplier(Number(event.target.value));
                }}
              />
              <output htmlFor={`${id}-c`} className="rr-c" data-testid="rr-multiplier">
                {fmtFrac(c)}
              </output>
            </div>
          ) : null}
          {problem ? <p className="rr-problem">{problem}</p> : null}
          <div className="rr-buttons">
            <button
              type="button"
              className="button"
              disabled={problem !== null}
              onClick={() => {
                commit(pending, `Applied ${describeOp(pending)}.`);
              }}
            >
              Apply {describeOp(pending)}
            </button>
          </div>
        </fieldset>

        <div className="rr-buttons">
          <button
            type="button"
            className="button-quiet"
            disabled={!step}
            title={step?.reason}
            onClick={() => {
              if (step) commit(step.op, step.reason);
            }}
          >
            Next step
          </button>
          <button
            type="button"
            className="button-quiet"
            disabled={history.length === 0}
            onClick={() => {
              const last = history.at(-1);
              if (!last) return;
              setMatrix(last.before);
              setHistory(history.slice(0, -1));
              setNote(`Undid ${describeOp(last.op)}.`);
            }}
          >
            Undo
          </button>
          <button
            type="button"
            className="button-quiet"
            disabled={history.length === 0}
            onClick={() => {
              setMatrix(start);
              setHistory([]);
              setNote("Back to the starting system.");
            }}
          >
            Reset
          </button>
          <label className="rr-preset">
            <span>Start from</span>
            <select
              aria-label="Start from another system"
              defaultValue="lesson"
              onChange={(event) => {
                const preset = PRESETS.find((p) => p.id === event.target.value);
                load(preset ? preset.rows : lessonRows);
              }}
            >
              <option value="lesson">This lesson's system</option>
              {PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="rr-note" aria-live="polite" data-testid="rr-note">
          {note || (step ? `Next step: ${step.reason}` : "Elimination is finished: the x and y columns are in reduced row echelon form.")}
        </p>
      </div>

      <pre className="rr-code" aria-label="The same row operations in NumPy">
        <code>
          {`${numpyMatrix(start)}\n`}
          {history.map((h, k) => (
            <span key={k} className="rr-code-line" data-code-line={k}>
              {numpyOp(h.op)}
              <span className="rr-code-comment">{`  # ${describeOp(h.op)}`}</span>
              {"\n"}
            </span>
          ))}
          {!problem ? (
            <span className="rr-code-line rr-code-preview" data-code-preview="">
              {numpyOp(pending)}
              <span className="rr-code-comment">{`  # preview: ${describeOp(pending)} (not applied yet)`}</span>
            </span>
          ) : null}
        </code>
      </pre>
      {caption ? <figcaption className="widget-caption">{caption}</figcaption> : null}
    </div>
  );
}
