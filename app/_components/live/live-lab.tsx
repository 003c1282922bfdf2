"use client";
// The lab of a live session: the lesson page's layout (lab/lab-layout.tsx: network graph, neuron
// inspector, editor, heatmaps, linear collapse) on the session's LabState instead of a local
// history. Every change becomes an Edit for `onEdit` (the live hook applies it at once and sends
// it); `blocked` disables what may not be changed now and says why. Selecting and inspecting always work.
// Dragging a weight or bias on the graph takes the editor's path and checks (`blocked`); it is off
// without an editor (the projector), while the whole editor is blocked (`notice`) and while a
// prediction round hides values.
import type { ReactNode } from "react";
import type { Edit, LabState } from "@/lib/network/ops";
import { LabLayout } from "../lab/lab-layout";
import { NO_OVERLAYS, type NeuronOverlays } from "../lab/overlays";
import type { Selection } from "../lab/selection";
import { labDrag } from "../lab/use-graph-drag";
import type { Lab } from "../lab/use-lab";
import styles from "./live.module.css";

export interface LiveLabProps {
  state: LabState;
  /** the network card's title: "Shared network", "Your sandbox", "Ana's sandbox" */
  title: string;
  /** next to the title (a badge) */
  badge?: ReactNode;
  /** false: no editor at all (the projector) */
  editor?: boolean;
  onEdit(edit: Edit, key?: string): void;
  /** why an edit may not be made now; null when it may */
  blocked?: (edit: Edit) => string | null;
  /** one reason for the whole editor ("The teacher is driving") */
  notice?: string | null;
  /** under the editor, given the selection (the teacher's locks) */
  side?: (selection: Selection) => ReactNode;
  /** under the graph and the side panels, full width (the teacher's sandboxes, roster, saving) */
  under?: (selection: Selection) => ReactNode;
  /** the projector: more room for the graph, which then draws larger */
  wide?: boolean;
  /** between the lab and the heatmaps (prediction rounds) */
  children?: ReactNode;
  initialSelection?: Selection;
  /**
   * What is drawn over the neurons (lab/overlays.ts): a prediction round's hidden values ("?" in the
   * graph and inspector, and no heatmaps or collapse check — `hiddenNote` says so instead), the
   * teacher's locks, who just changed a neuron.
   */
  overlays?: NeuronOverlays;
  hiddenNote?: ReactNode;
}

export function LiveLab({
  state,
  title,
  badge,
  editor = true,
  onEdit,
  blocked,
  notice,
  side,
  under,
  wide,
  children,
  initialSelection = null,
  overlays = NO_OVERLAYS,
  hiddenNote = null,
}: LiveLabProps) {
  // the editor's Lab, on the session: no undo here (everyone shares one network)
  const live: Lab = {
    state,
    edit(edits, options) {
      for (const edit of Array.isArray(edits) ? edits : [edits as Edit]) onEdit(edit, options?.key);
    },
    seal() {},
    undo() {},
    redo() {},
    canUndo: false,
    canRedo: false,
    refusal: null,
  };

  // dragging on the graph: only where the editor is and may edit, and never during a prediction
  // round (its question is about these numbers; while it is open the network is frozen anyway)
  const drags = editor && !notice && !overlays.hidden;

  return (
    <LabLayout
      lab={live}
      initialSelection={initialSelection}
      title={title}
      titleId="live-network-title"
      titleTestId="live-network-title"
      titleExtra={badge}
      drag={drags ? labDrag(live, blocked) : null}
      kernelStatus="errors"
      editor={editor ? { blocked, notice, fold: true } : null}
      side={side}
      under={under}
      collapse={editor}
      overlays={overlays}
      hiddenNote={hiddenNote}
      gridClassName={wide ? styles.wideGrid : undefined}
      className={wide ? styles.projectorLab : undefined}
      stickyGraph={false}
    >
      {children}
    </LabLayout>
  );
}
