import { MAX_STREAM_CHARS } from "../../kernel/outputs";

/** Plain text, capped so that a huge value cannot freeze the page. */
export function TextOutput({ text, className }: { text: string; className?: string }) {
  const shown = text.length > MAX_STREAM_CHARS ? text.slice(0, MAX_STREAM_CHARS) : text;
  // Long text scrolls inside its box; focusable, so the keyboard can scroll it too.
  const scrolls = shown.length > 2000 || shown.split("\n", 21).length > 20;
  return (
    <>
      <pre className={className} tabIndex={scrolls ? 0 : undefined}>
        {shown.replace(/\n$/, "")}
      </pre>
      {shown.length < text.length ? <Truncated chars={text.length - shown.length} /> : null}
    </>
  );
}

export function Truncated({ chars }: { chars: number }) {
  return (
    <p className="output-truncated">
      Output truncated: {chars.toLocaleString("en")} more characters are not shown.
    </p>
  );
}
