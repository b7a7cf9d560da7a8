import DOMPurify from "dompurify";
import { useLayoutEffect, useMemo, useRef } from "react";
import { typesetAll } from "./math";

type Props = {
  html: string;
  className?: string;
  inline?: boolean;
};

/**
 * HTML rendered by the server from Markdown (raw HTML in the source is already escaped),
 * sanitized again here as defence in depth, with its math typeset by KaTeX.
 */
export function Html({ html, className, inline = false }: Props) {
  const ref = useRef<HTMLElement>(null);
  const clean = useMemo(() => DOMPurify.sanitize(html), [html]);
  useLayoutEffect(() => {
    if (ref.current) typesetAll(ref.current);
  }, [clean]);
  if (inline) {
    return <span ref={ref} className={className} dangerouslySetInnerHTML={{ __html: clean }} />;
  }
  return (
    <div
      ref={ref as React.RefObject<HTMLDivElement>}
      className={className}
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}
