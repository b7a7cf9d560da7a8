import { MAX_STREAM_CHARS } from "../../kernel/outputs";

/** Plain text, capped so that a huge value cannot freeze the page. */
export function TextOutput({ text, className }: { text: string; className?: string }) {
  const shown = text.length > MAX_STREAM_CHARS ? text.slice(0, MAX_STREAM_CHARS) : text;
  return (
    <>
      <pre className={className}>{shown.replace(/\n$/, "")}</pre>
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
