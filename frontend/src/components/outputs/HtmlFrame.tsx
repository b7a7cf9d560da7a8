import { useEffect, useMemo, useRef, useState } from "react";

const MIN_HEIGHT = 40;
const MAX_HEIGHT = 900;
const FRAME_URL = "/output-frame";

type FrameMessage = { type: "la4ai-frame-ready" } | { type: "la4ai-frame-size"; height: number };

function frameMessage(data: unknown): FrameMessage | null {
  if (typeof data !== "object" || data === null || !("type" in data)) return null;
  if (data.type === "la4ai-frame-ready") return { type: "la4ai-frame-ready" };
  if (data.type === "la4ai-frame-size" && "height" in data) {
    const height = data.height;
    if (typeof height === "number" && Number.isFinite(height)) return { type: "la4ai-frame-size", height };
  }
  return null;
}

const FRAME_STYLE =
  "<style>body{margin:8px;font:14px/1.5 system-ui,sans-serif;color:#1b1d29;background:#fff}" +
  "table{border-collapse:collapse}th,td{border:1px solid #dfe1ea;padding:2px 8px}</style>";

/**
 * HTML a cell produced, in an iframe sandboxed with scripts but without same-origin access:
 * it cannot read the page, its cookies or the API. The frame loads /output-frame, whose own
 * Content-Security-Policy lets the output's scripts run but make no requests at all; this
 * component posts the HTML to it once it says it is ready, and the frame reports its height.
 */
export function HtmlFrame({ html, title }: { html: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(120);
  const document = useMemo(() => '<!doctype html><html><head><meta charset="utf-8">' + FRAME_STYLE + "</head><body>" + html + "</body></html>", [html]);
  useEffect(() => {
    function onMessage(event: MessageEvent) {
      const target = frame.current?.contentWindow;
      if (event.source === null || !target || event.source !== target) return;
      const message = frameMessage(event.data);
      if (message?.type === "la4ai-frame-ready") {
        // The frame's origin is opaque, so "*" is the only target that reaches it; the HTML
        // is the learner's own output, nothing secret.
        target.postMessage({ type: "la4ai-render", html: document }, "*");
      } else if (message?.type === "la4ai-frame-size") {
        setHeight(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(message.height) + 2)));
      }
    }
    window.addEventListener("message", onMessage);
    return () => {
      window.removeEventListener("message", onMessage);
    };
  }, [document]);
  return (
    <iframe
      key={document}
      ref={frame}
      className="output-html"
      title={title}
      sandbox="allow-scripts"
      src={FRAME_URL}
      style={{ height }}
    />
  );
}
