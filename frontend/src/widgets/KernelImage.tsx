import { useId, useState } from "react";
import type { WidgetProps } from "./registry";
import { COLORS, FlatOutput, InputScene, OutputScene, SceneSvg, SUB, X0 } from "./KernelImageScene";
import {
  columns,
  combine,
  entry,
  imageBasis,
  kernelBasis,
  length,
  matVec,
  npMatrix,
  npVector,
  parseMatrix,
  subspaceName,
  vecText,
  type Matrix,
  type Vec,
  type Vec3,
  type View,
} from "./kernelImageMath";
import { clamp, fmt, snap } from "./vectorMath";

type Preset = { id: string; label: string; matrix: number[][] };

const RANK_TWO = [
  [1, 0, 1],
  [0, 1, 1],
  [1, 1, 2],
];
const PRESETS: Preset[] = [
  { id: "rank-two", label: "Rank 2", matrix: RANK_TWO },
  { id: "projection", label: "Flatten onto a plane", matrix: [[1, 0, 0], [0, 1, 0], [0, 0, 0]] },
  { id: "rank-one", label: "Rank 1", matrix: [[1, 2, -1], [2, 4, -2], [-1, -2, 1]] },
  { id: "invertible", label: "Invertible", matrix: [[2, 1, 0], [0, 1, 1], [1, 0, 1]] },
  { id: "zero", label: "Zero map", matrix: [[0, 0, 0], [0, 0, 0], [0, 0, 0]] },
  { id: "wide", label: "ℝ³ → ℝ²", matrix: [[1, 0, -1], [0, 1, -1]] },
];
const START_VIEW: View = { yaw: -0.6, pitch: 0.42 };
const ENTRY_LIMIT = 9;

function parseProps(props: Record<string, unknown>) {
  const wanted = Array.isArray(props.presets) ? props.presets : null;
  const presets = wanted
    ? wanted.flatMap((name) => PRESETS.filter((p) => p.id === name))
    : PRESETS;
  return {
    matrix: parseMatrix(props.matrix) ?? RANK_TWO,
    presets,
    caption: typeof props.caption === "string" ? props.caption : null,
  };
}

const sameMatrix = (a: Matrix, b: Matrix) =>
  a.length === b.length && a.every((row, i) => row.every((x, j) => x === entry(b, i, j)));

/** "a₁, a₂ and a₃" */
function listed(names: string[]): string {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;
}

function describeKernel(kernel: readonly Vec[], n: number): string {
  const name = subspaceName(kernel.length, n);
  return kernel.length && kernel.length < n ? `${name}, spanned by ${listed(kernel.map((k) => vecText(k)))}` : name;
}

function describeImage(pivots: readonly number[], m: number): string {
  const name = subspaceName(pivots.length, m);
  return pivots.length ? `${name}, spanned by ${listed(pivots.map((j) => `a${SUB[j] ?? ""}`))}` : name;
}

/** The NumPy lines that compute what the figure shows, with their results as comments. */
function numpyLines(A: Matrix, kernel: readonly Vec[], pivots: readonly number[], x: Vec) {
  const rank = pivots.length;
  const array = (v: Vec) => `np.array([${v.map((e) => fmt(e, 2)).join(", ")}])`;
  return [
    { key: "matrix", text: `A = ${npMatrix(A)}`, result: "" },
    { key: "rank", text: "rank = np.linalg.matrix_rank(A)", result: `${rank}` },
    {
      key: "nullity",
      text: "nullity = A.shape[1] - rank",
      result: `${kernel.length}   (${rank} + ${kernel.length} = ${A[0]?.length ?? 0})`,
    },
    ...kernel.map((k, i) => ({
      key: `kernel-${i}`,
      text: `A @ ${array(k)}`,
      result: `${npVector(matVec(A, k))}   kernel vector k${SUB[i] ?? ""}`,
    })),
    {
      key: "image",
      text: `A[:, [${pivots.join(", ")}]]`,
      result: rank ? "the pivot columns: a basis of the image" : "no pivot columns: the image is just 0",
    },
    { key: "x", text: `A @ ${array(x)}`, result: npVector(matVec(A, x), 2) },
  ];
}

/** One entry of A. The text is the learner's while they type ("-", "1."), and follows the
 *  matrix when it changes from outside (a preset). */
function EntryInput({ value, label, onCommit }: { value: number; label: string; onCommit: (x: number) => void }) {
  const [text, setText] = useState(String(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (text === "" || Number(text) !== value) setText(String(value));
  }
  return (
    <input
      type="number"
      step={1}
      min={-ENTRY_LIMIT}
      max={ENTRY_LIMIT}
      value={text}
      aria-label={label}
      onChange={(event) => {
        setText(event.target.value);
        const x = Number(event.target.value);
        if (event.target.value !== "" && Number.isFinite(x)) onCommit(clamp(x, -ENTRY_LIMIT, ENTRY_LIMIT));
      }}
    />
  );
}

export function KernelImage({ props }: WidgetProps) {
  const initial = parseProps(props);
  const [A, setA] = useState<number[][]>(initial.matrix);
  const [view, setView] = useState<View>(START_VIEW);
  const [t, setT] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  const id = useId().replace(/:/g, "");

  const m = A.length;
  const kernel = kernelBasis(A);
  const pivots = imageBasis(A).indices;
  const first = kernel[0];
  const direction = first ? first.map((v) => v / length(first)) : null;
  const x: Vec3 = direction ? combine([1, X0], [t, direction]) : X0;
  const Ax = matVec(A, x);
  const cols = columns(A);
  const kernelText = describeKernel(kernel, 3);
  const imageText = describeImage(pivots, m);
  const inReach = Math.max(2.5, length(X0) + 2, ...kernel.map(length)) * 1.1;
  const outReach = Math.max(2.5, length(Ax), ...cols.map(length)) * 1.15;

  function turn(dyaw: number, dpitch: number) {
    setView((v) => ({ yaw: v.yaw + dyaw, pitch: clamp(v.pitch + dpitch, -1.45, 1.45) }));
  }
  function load(matrix: number[][]) {
    setA(matrix.map((row) => [...row]));
    setT(0);
    setAnnouncement(`A is now ${npMatrix(matrix)}`);
  }
  function setEntry(i: number, j: number, value: number) {
    setA((current) => current.map((row, r) => row.map((a, c) => (r === i && c === j ? value : a))));
  }
  function setRows(rows: 2 | 3) {
    if (rows === m) return;
    setA((current) => (rows === 2 ? current.slice(0, 2) : [...current, [0, 0, 0]]));
    setT(0);
  }

  return (
    <div className="kernel-image">
      <div className="ki-controls">
        <div className="ki-presets" role="group" aria-label="Example matrices">
          {initial.presets.map((p) => (
            <button
              key={p.id}
              type="button"
              className="button-quiet"
              data-preset={p.id}
              aria-pressed={sameMatrix(A, p.matrix)}
              onClick={() => {
                load(p.matrix);
              }}
            >
              {p.label}
            </button>
          ))}
        </div>
        <div className="ki-matrix">
          <span className="ki-matrix-name" aria-hidden="true">
            A =
          </span>
          <div className="ki-grid" role="group" aria-label={`Matrix A, ${m} by 3: type an entry or use the arrow keys`}>
            {A.map((row, i) =>
              row.map((value, j) => (
                <EntryInput
                  key={`${i}-${j}`}
                  value={value}
                  label={`A row ${i + 1}, column ${j + 1}`}
                  onCommit={(v) => {
                    setEntry(i, j, v);
                  }}
                />
              )),
            )}
          </div>
          <div className="ki-shape" role="group" aria-label="Shape of A">
            {([3, 2] as const).map((rows) => (
              <button
                key={rows}
                type="button"
                className="button-quiet"
                aria-pressed={m === rows}
                onClick={() => {
                  setRows(rows);
                }}
              >
                {rows} × 3
              </button>
            ))}
          </div>
        </div>
      </div>
      <div className="ki-views">
        <div className="ki-view" data-view="input">
          <p className="ki-view-title">
            <span className="ki-swatch" style={{ background: COLORS.kernel }} aria-hidden="true" />
            Input space ℝ³: the kernel
          </p>
          <SceneSvg
            id={id}
            label={`Input space. The kernel of A is ${kernelText}. x = ${vecText(x)}.`}
            view={view}
            turn={turn}
            onTurn={setAnnouncement}
            rotatable
          >
            <InputScene kernel={kernel} direction={direction} x={x} view={view} reach={inReach} id={id} />
          </SceneSvg>
        </div>
        <div className="ki-view" data-view="output">
          <p className="ki-view-title">
            <span className="ki-swatch" style={{ background: COLORS.image }} aria-hidden="true" />
            Output space ℝ{m === 3 ? "³" : "²"}: the image
          </p>
          <SceneSvg
            id={`${id}o`}
            label={`Output space. The image of A is ${imageText}. A x = ${vecText(Ax)}.`}
            view={view}
            turn={turn}
            onTurn={setAnnouncement}
            rotatable={m === 3}
          >
            {m === 3 ? (
              <OutputScene cols={cols} Ax={Ax} view={view} reach={outReach} id={`${id}o`} />
            ) : (
              <FlatOutput cols={cols} Ax={Ax} reach={outReach} rankValue={pivots.length} id={`${id}o`} />
            )}
          </SceneSvg>
        </div>
      </div>
      <div className="ki-probe">
        <label htmlFor={`${id}-slide`}>
          Slide <span style={{ color: COLORS.x }}>x</span> along the kernel: <span className="ki-t">t = {fmt(t, 2)}</span>
        </label>
        <input
          id={`${id}-slide`}
          type="range"
          min={-2}
          max={2}
          step={0.1}
          value={t}
          disabled={!direction}
          aria-valuetext={`t = ${fmt(t, 2)}, x = ${vecText(x)}, A x = ${vecText(Ax)}`}
          onChange={(event) => {
            setT(snap(Number(event.target.value), 0.1));
          }}
        />
        {direction ? null : <span className="ki-note">The kernel is just 0: no direction to slide along.</span>}
      </div>
      <table className="ki-readouts">
        <caption className="visually-hidden">Rank, nullity, kernel and image of A</caption>
        <tbody>
          <tr>
            <th scope="row">rank + nullity = n</th>
            <td className="ki-value">
              <span data-readout="rank">{pivots.length}</span> +{" "}
              <span data-readout="nullity">{kernel.length}</span> = 3
            </td>
          </tr>
          <tr>
            <th scope="row">kernel N(A)</th>
            <td data-readout="kernel">{kernelText}</td>
          </tr>
          <tr>
            <th scope="row">image C(A)</th>
            <td data-readout="image">{imageText}</td>
          </tr>
          <tr>
            <th scope="row">x → Ax</th>
            <td className="ki-value" data-readout="Ax">
              {vecText(x)} → {vecText(Ax)}
            </td>
          </tr>
        </tbody>
      </table>
      <pre className="ki-code" aria-label="The same computation in NumPy">
        <code>
          {numpyLines(A, kernel, pivots, x).map((line) => (
            <span key={line.key} data-code={line.key} className="ki-code-line">
              {line.text}
              {line.result ? <span className="ki-code-result">{`  # ${line.result}`}</span> : null}
              {"\n"}
            </span>
          ))}
        </code>
      </pre>
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
      {initial.caption ? <figcaption className="widget-caption">{initial.caption}</figcaption> : null}
    </div>
  );
}
