/**
 * Interactive figures, registered by name. The names and their props schema come from
 * src/la4ai/course/widgets.json, which the server validates lessons against: the
 * `satisfies` below makes the compiler fail if a declared widget has no component.
 */
import type { ComponentType } from "react";
import manifest from "../../../src/la4ai/course/widgets.json";
import type { WidgetBlock } from "../api/client";
import { DeterminantArea } from "./DeterminantArea";
import { EigenDirections } from "./EigenDirections";
import { GridWarp } from "./GridWarp";
import { KernelImage } from "./KernelImage";
import { PcaProjection } from "./PcaProjection";
import { RowReduction } from "./RowReduction";
import { SpanExplorer } from "./SpanExplorer";
import { VectorPlayground } from "./VectorPlayground";

export type WidgetName = keyof typeof manifest;
export type WidgetProps = { props: Record<string, unknown> };

const registry = {
  "vector-playground": VectorPlayground,
  "grid-warp": GridWarp,
  "row-reduction": RowReduction,
  "span-explorer": SpanExplorer,
  "determinant-area": DeterminantArea,
  "kernel-image": KernelImage,
  "eigen-directions": EigenDirections,
  "pca-projection": PcaProjection,
} satisfies Record<WidgetName, ComponentType<WidgetProps>>;

function isWidgetName(name: string): name is WidgetName {
  return name in registry;
}

export function Widget({ block }: { block: WidgetBlock }) {
  if (!isWidgetName(block.name)) {
    return <p className="status status-error">This page uses a figure ({block.name}) that this version cannot show.</p>;
  }
  const Component = registry[block.name];
  const title = manifest[block.name].title;
  return (
    <figure className="widget" data-widget={block.name} aria-label={title}>
      <Component props={block.props} />
    </figure>
  );
}
