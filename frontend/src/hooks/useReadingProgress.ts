import { useEffect, useRef } from "react";
import { api } from "../api/client";

const STEP = 0.05;

/**
 * Report how far down `element` the learner has scrolled (the furthest point reached),
 * in steps of 5%, so the course map can show it. Failures are silent: reading goes on.
 */
export function useReadingProgress(moduleId: string, element: HTMLElement | null, start: number): void {
  const reported = useRef(start);
  useEffect(() => {
    reported.current = start;
  }, [moduleId, start]);

  useEffect(() => {
    if (!element) return;
    let timer: number | undefined;
    function measure() {
      if (!element) return;
      const rect = element.getBoundingClientRect();
      const seen = window.innerHeight - rect.top;
      const fraction = Math.max(0, Math.min(1, seen / Math.max(rect.height, 1)));
      const rounded = fraction > 0.98 ? 1 : Math.floor(fraction / STEP) * STEP;
      if (rounded > reported.current) {
        reported.current = rounded;
        api.recordReading(moduleId, rounded).catch(() => undefined);
      }
    }
    function onScroll() {
      window.clearTimeout(timer);
      timer = window.setTimeout(measure, 250);
    }
    window.addEventListener("scroll", onScroll, { passive: true });
    measure();
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener("scroll", onScroll);
    };
  }, [moduleId, element]);
}
