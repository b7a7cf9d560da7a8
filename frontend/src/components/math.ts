import katex from "katex";

/** Typeset TeX into `element` with KaTeX: HTML for the eye, MathML for screen readers. */
export function typeset(element: HTMLElement, tex: string, displayMode: boolean): void {
  katex.render(tex, element, {
    displayMode,
    throwOnError: false,
    output: "htmlAndMathml",
    strict: "ignore",
  });
}

/** Typeset every math span the server rendered (`.la-math`, TeX as its text). */
export function typesetAll(root: HTMLElement): void {
  for (const element of root.querySelectorAll<HTMLElement>(".la-math")) {
    if (element.dataset.typeset === "1") continue;
    const tex = element.textContent;
    typeset(element, tex, element.classList.contains("la-math-display"));
    element.dataset.typeset = "1";
  }
}
