import DOMPurify from "dompurify";
import { useLayoutEffect, useMemo, useRef } from "react";
import { typesetAll } from "../components/math";

export const UNVERIFIED_TITLE = "Unverified: no code the tutor ran produced this number";

/**
 * Mark each number no tool result backs (`[data-unverified]` in the server's HTML): a
 * tooltip, a small "?" for the eye and "(unverified)" for screen readers. A number inside
 * math marks the whole formula, since KaTeX replaces the formula's text when it typesets.
 */
function markUnverified(root: HTMLElement): void {
  for (const math of root.querySelectorAll<HTMLElement>(".la-math")) {
    if (math.querySelector("[data-unverified]")) {
      math.classList.add("unverified");
      math.dataset.unverified = "";
    }
  }
  typesetAll(root);
  for (const number of root.querySelectorAll<HTMLElement>("[data-unverified]")) {
    if (number.dataset.marked === "1" || number.parentElement?.closest("[data-unverified]")) continue;
    number.dataset.marked = "1";
    number.title = UNVERIFIED_TITLE;
    const mark = document.createElement("span");
    mark.className = "unverified-mark";
    mark.setAttribute("aria-hidden", "true");
    mark.textContent = "?";
    const spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.textContent = " (unverified)";
    number.after(mark, spoken);
  }
}

/** A tutor message's HTML: sanitized again, math typeset as lesson prose is, unverified numbers marked. */
export function TutorProse({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const clean = useMemo(() => DOMPurify.sanitize(html), [html]);
  useLayoutEffect(() => {
    if (ref.current) markUnverified(ref.current);
  }, [clean]);
  return <div ref={ref} className="prose tutor-prose" dangerouslySetInnerHTML={{ __html: clean }} />;
}
