import type { QuizItemView, QuizResponse } from "../api/client";
import { Html } from "../components/Html";

export type Draft =
  | { kind: "numeric"; value: string }
  | { kind: "vector"; values: string[] }
  | { kind: "matrix"; rows: string[][] }
  | { kind: "choice"; selected: number[] };

export function emptyDraft(item: QuizItemView): Draft {
  const shape = item.shape ?? [];
  switch (item.kind) {
    case "numeric":
      return { kind: "numeric", value: "" };
    case "vector":
      return { kind: "vector", values: Array.from({ length: shape[0] ?? 1 }, () => "") };
    case "matrix":
      return {
        kind: "matrix",
        rows: Array.from({ length: shape[0] ?? 1 }, () => Array.from({ length: shape[1] ?? 1 }, () => "")),
      };
    case "choice":
      return { kind: "choice", selected: [] };
  }
}

/** A draft from what the learner submitted last time (so a reload shows their answer). */
export function draftFrom(response: QuizResponse): Draft {
  switch (response.kind) {
    case "numeric":
      return { kind: "numeric", value: response.value };
    case "vector":
      return { kind: "vector", values: [...response.values] };
    case "matrix":
      return { kind: "matrix", rows: response.rows.map((r) => [...r]) };
    case "choice":
      return { kind: "choice", selected: [...response.selected] };
  }
}

export function isComplete(draft: Draft): boolean {
  switch (draft.kind) {
    case "numeric":
      return draft.value.trim() !== "";
    case "vector":
      return draft.values.every((v) => v.trim() !== "");
    case "matrix":
      return draft.rows.every((r) => r.every((v) => v.trim() !== ""));
    case "choice":
      return draft.selected.length > 0;
  }
}

type Props = {
  item: QuizItemView;
  draft: Draft;
  onChange: (draft: Draft) => void;
  disabled: boolean;
};

const PLACEHOLDER = "e.g. 3/4 or sqrt(2)";

export function AnswerInput({ item, draft, onChange, disabled }: Props) {
  const name = `answer-${item.id}`;
  switch (draft.kind) {
    case "numeric":
      return (
        <label className="answer-numeric">
          <span className="visually-hidden">Your answer</span>
          <input
            type="text"
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            name={name}
            placeholder={PLACEHOLDER}
            value={draft.value}
            disabled={disabled}
            onChange={(e) => {
              onChange({ kind: "numeric", value: e.target.value });
            }}
          />
        </label>
      );
    case "vector":
      return (
        <div className="answer-grid answer-vector" role="group" aria-label="Your vector, top to bottom">
          {draft.values.map((value, i) => (
            <input
              key={i}
              type="text"
              autoComplete="off"
              spellCheck={false}
              aria-label={`entry ${i + 1}`}
              value={value}
              disabled={disabled}
              onChange={(e) => {
                const values = [...draft.values];
                values[i] = e.target.value;
                onChange({ kind: "vector", values });
              }}
            />
          ))}
        </div>
      );
    case "matrix":
      return (
        <div
          className="answer-grid answer-matrix"
          role="group"
          aria-label="Your matrix"
          style={{ gridTemplateColumns: `repeat(${draft.rows[0]?.length ?? 1}, minmax(3.5rem, 5rem))` }}
        >
          {draft.rows.map((row, i) =>
            row.map((value, j) => (
              <input
                key={`${i}-${j}`}
                type="text"
                autoComplete="off"
                spellCheck={false}
                aria-label={`row ${i + 1}, column ${j + 1}`}
                value={value}
                disabled={disabled}
                onChange={(e) => {
                  const rows = draft.rows.map((r) => [...r]);
                  const target = rows[i];
                  if (target) target[j] = e.target.value;
                  onChange({ kind: "matrix", rows });
                }}
              />
            )),
          )}
        </div>
      );
    case "choice":
      return (
        <fieldset className="answer-choices" disabled={disabled}>
          <legend className="visually-hidden">{item.multiple ? "Select all that apply" : "Choose one"}</legend>
          {item.multiple ? <p className="muted">Select all that apply.</p> : null}
          {(item.choices ?? []).map((choice) => {
            const checked = draft.selected.includes(choice.index);
            return (
              <label key={choice.index} className={`choice${checked ? " selected" : ""}`}>
                <input
                  type={item.multiple ? "checkbox" : "radio"}
                  name={name}
                  checked={checked}
                  onChange={() => {
                    const selected = item.multiple
                      ? checked
                        ? draft.selected.filter((x) => x !== choice.index)
                        : [...draft.selected, choice.index].sort((a, b) => a - b)
                      : [choice.index];
                    onChange({ kind: "choice", selected });
                  }}
                />
                <Html inline html={choice.html} />
              </label>
            );
          })}
        </fieldset>
      );
  }
}

export function toResponse(draft: Draft): QuizResponse {
  return draft;
}
