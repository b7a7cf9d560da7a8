import type { Block, InnerBlock } from "../api/client";
import { Widget } from "../widgets/registry";
import { CodeCell } from "./CodeCell";
import { Html } from "./Html";
import { Tex } from "./Tex";

const ICONS: Record<string, string> = {
  note: "ℹ",
  tip: "★",
  warning: "!",
  pitfall: "⚠",
  connection: "⇄",
  "try-it": "▶",
};

function InnerBlockView({ block }: { block: InnerBlock }) {
  switch (block.type) {
    case "prose":
      return <Html className="prose" html={block.html} />;
    case "math":
      return (
        <div className="math-block">
          <Tex tex={block.tex} display />
        </div>
      );
    case "code":
      return <CodeCell block={block} />;
    case "widget":
      return <Widget block={block} />;
  }
}

export function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case "heading": {
      const Tag = `h${Math.min(block.level, 4)}` as "h2" | "h3" | "h4";
      return (
        <Tag id={block.anchor} className="lesson-heading">
          <Html inline html={block.html} />
          <a className="anchor-link" href={`#${block.anchor}`} aria-label={`Link to “${block.text}”`}>
            #
          </a>
        </Tag>
      );
    }
    case "admonition":
      return (
        <aside className={`admonition admonition-${block.kind}`} aria-label={block.title}>
          <p className="admonition-title">
            <span aria-hidden="true" className="admonition-icon">
              {ICONS[block.kind]}
            </span>
            {block.title}
          </p>
          {block.blocks.map((inner, i) => (
            <InnerBlockView key={i} block={inner} />
          ))}
        </aside>
      );
    default:
      return <InnerBlockView block={block} />;
  }
}
