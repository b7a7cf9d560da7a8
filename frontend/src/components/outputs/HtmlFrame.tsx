import { useEffect, useMemo, useRef, useState } from "react";

const MIN_HEIGHT = 40;
const MAX_HEIGHT = 900;

function reportedHeight(data: unknown): number | null {
  if (typeof data !== "object" || data === null) return null;
  if (!("type" in data) || data.type !== "la4ai-frame-size" || !("height" in data)) return null;
  return typeof data.height === "number" && Number.isFinite(data.height) ? data.height : null;
}

/**
 * HTML a cell produced, in an iframe sandboxed with scripts but without same-origin access:
 * it cannot read the page, its cookies or the API. /frame-size.js (served by the app) tells
 * the page the content's height.
 */
export function HtmlFrame({ html, title }: { html: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(120);
  useEffect(() => {
    function onMessage(event: MessageEvent) {
      if (event.source === null || event.source !== frame.current?.contentWindow) return;
      const reported = reportedHeight(event.data);
      if (reported !== null) setHeight(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(reported) + 2)));
    }
    window.addEventListener("message", onMessage);
    return () => {
      window.removeEventListener("message", onMessage);
    };
  }, []);
  const document = useMemo(
    () =>
      '<!doctype html><html><head><meta charset="utf-8"><base target="_blank">' +
      "<style>body{margin:8px;font:14px/1.5 system-ui,sans-serif;color:#1b1d29;background:#fff}" +
      "table{border-collapse:collapse}th,td{border:1px solid #dfe1ea;padding:2px 8px}</style></head><body>" +
      html +
      '<script src="/frame-size.js"></script></body></html>',
    [html],
  );
  return (
    <iframe
      ref={frame}
      className="output-html"
      title={title}
      sandbox="allow-scripts"
      srcDoc={document}
      style={{ height }}
    />
  );
}
