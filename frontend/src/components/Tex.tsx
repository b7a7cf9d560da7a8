import { useLayoutEffect, useRef } from "react";
import { typeset } from "./math";

/** One piece of TeX, inline or displayed. */
export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (ref.current) typeset(ref.current, tex, display);
  }, [tex, display]);
  return <span ref={ref} className={display ? "tex tex-display" : "tex"} />;
}
