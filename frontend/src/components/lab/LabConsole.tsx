import { useEffect, useId, useRef, useState } from "react";
import type { KernelSession } from "../../kernel/session";
import { useCellRun } from "../../kernel/useKernelSession";
import { OutputArea } from "../outputs/OutputArea";

type Entry = { id: string; number: number; code: string };

const KEEP = 100;

function ConsoleEntry({ entry, session }: { entry: Entry; session: KernelSession }) {
  const run = useCellRun(session, entry.id);
  return (
    <li className="console-entry" data-cell-id={entry.id}>
      <pre className="console-input">
        <span aria-hidden="true">&gt;&gt;&gt; </span>
        {entry.code}
      </pre>
      {run ? <OutputArea run={run} name={`console input ${entry.number}`} quietWhenOk /> : null}
    </li>
  );
}

/** A scratch console in the lab's kernel: Enter runs a line; ↑ and ↓ recall earlier ones. */
export function LabConsole({ session, example }: { session: KernelSession; example?: string }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [input, setInput] = useState("");
  const [recalled, setRecalled] = useState<number | null>(null);
  const count = useRef(0);
  const log = useRef<HTMLOListElement>(null);
  const inputId = useId();
  const hintId = useId();

  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: "nearest" });
  }, [entries]);

  function submit() {
    const code = input;
    if (code.trim() === "") return;
    count.current += 1;
    const entry = { id: `console-${count.current}`, number: count.current, code };
    setEntries((all) => [...all.slice(-(KEEP - 1)), entry]);
    setInput("");
    setRecalled(null);
    session.run(entry.id, code);
  }

  function recall(step: -1 | 1) {
    if (entries.length === 0) return;
    const from = recalled ?? entries.length;
    const to = Math.max(0, from + step);
    if (to >= entries.length) {
      setRecalled(null);
      setInput("");
      return;
    }
    setRecalled(to);
    setInput(entries[to]?.code ?? "");
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      submit();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      recall(-1);
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      recall(1);
    }
  }

  return (
    <section className="console" aria-labelledby={`${inputId}-title`}>
      <h3 id={`${inputId}-title`} className="console-title">
        Console
      </h3>
      <ol className="console-log" ref={log} aria-label="Console history">
        {entries.map((entry) => (
          <ConsoleEntry key={entry.id} entry={entry} session={session} />
        ))}
      </ol>
      <div className="console-prompt">
        <label htmlFor={inputId}>
          <span aria-hidden="true">&gt;&gt;&gt;</span>
          <span className="visually-hidden">Python console input</span>
        </label>
        <input
          id={inputId}
          className="console-field"
          value={input}
          onChange={(event) => {
            setInput(event.target.value);
          }}
          onKeyDown={onKeyDown}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-describedby={hintId}
          placeholder={example ? `e.g. ${example}` : "Python, then Enter"}
        />
        <button type="button" className="button-secondary" onClick={submit}>
          Run
        </button>
      </div>
      <p id={hintId} className="console-hint muted">
        Enter runs the line in the lab's kernel; ↑ and ↓ recall earlier lines.
      </p>
    </section>
  );
}
