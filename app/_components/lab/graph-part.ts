// What the network graph's parts (graph-edges.tsx, graph-nodes.tsx) share: their props and the
// keyboard rule that Enter or Space selects a focused part.
import type { KeyboardEvent } from "react";
import type { GraphLayout } from "@/lib/lab/graph-layout";
import type { Network } from "@/lib/network/schema";
import type { Selection } from "./selection";
import type { GraphDragLayer } from "./use-graph-drag";

export interface GraphPartProps {
  network: Network;
  layout: GraphLayout;
  selection: Selection;
  onSelect(selection: Selection): void;
  drag: GraphDragLayer;
}

/** Enter or Space on a focused part selects it. */
export function onActivate(select: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      select();
    }
  };
}
