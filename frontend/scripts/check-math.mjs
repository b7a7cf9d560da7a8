// Typeset every piece of TeX the course contains with the KaTeX the app ships, and report
// each failure as file:line. Input (stdin): JSON [{file, line, tex, display}].
import katex from "katex";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const sources = JSON.parse(Buffer.concat(chunks).toString("utf8"));
let failures = 0;
for (const { file, line, tex, display } of sources) {
  try {
    katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "ignore" });
  } catch (error) {
    failures += 1;
    const message = error instanceof Error ? error.message : String(error);
    console.log(`${file}:${line}: KaTeX cannot typeset ${JSON.stringify(tex)}: ${message}`);
  }
}
console.error(`${sources.length} pieces of TeX checked, ${failures} failed`);
process.exit(failures ? 1 : 0);
