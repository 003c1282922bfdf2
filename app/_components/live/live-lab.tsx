"use client";
// The lab of a live session: the lesson page's own components (network graph, neuron inspector,
// editor, heatmaps, linear collapse) on the session's LabState instead of a local history. Every
// change becomes an Edit for `onEdit` (the live hook applies it at once and sends it); `blocked`
// disables what may not be changed now and says why. Selecting and inspecting always work.
// Dragging a weight or bias on the graph takes the editor's path and checks (`blocked`); it is off
// without an editor (the projector), while the whole editor is blocked (`notice`) and while a
// prediction round hides values.
import { useMemo, useState, type ReactNode } from "react";
import type { Edit, LabState } from "@/lib/network/ops";
import { useKernel } from "@/app/_hooks/use-kernel";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { CollapsePanel } from "../heatmaps/collapse-panel";
import { Heatmaps } from "../heatmaps/heatmaps";
import { EditorPanel } from "../lab/editor-panel";
import { GraphLegend } from "../lab/graph-legend";
import { InspectorPanel } from "../lab/inspector-panel";
import { labDrag, NetworkGraph } from "../lab/network-graph";
import { validSelection, type Selection } from "../lab/selection";
import type { Lab } from "../lab/use-lab";
import lab from "../lab/lab.module.css";
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
   * A prediction round's hidden values ("layer:index"): "?" in the graph and inspector, and no
   * heatmaps or collapse check (they would show them) — `hiddenNote` says so instead.
   */
  hiddenNeurons?: ReadonlySet<string> | null;
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
  hiddenNeurons = null,
  hiddenNote = null,
}: LiveLabProps) {
  const t = useT("lab");
  const { locale } = useLocale();
  const { network, inputValues } = state;
  const [chosen, setChosen] = useState<Selection>(initialSelection);
  const selection = validSelection(network, chosen);

  const kernelState = useKernel();
  const kernel = kernelState.status === "ready" ? kernelState.kernel : null;
  const row = useMemo(() => kernel?.forward(network, [inputValues])[0] ?? null, [kernel, network, inputValues]);

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
  const drags = editor && !notice && !hiddenNeurons;

  const selectedNeuron =
    selection && selection.kind !== "input" ? { layer: selection.layer, neuron: selection.neuron } : null;

  return (
    <div className={lab.lab}>
      <div className={`${lab.labGrid} ${wide ? styles.wideGrid : ""}`}>
        <div className={lab.side}>
          <section className={`${lab.card} ${lab.networkCard}`} aria-labelledby="live-network-title">
            <div className={lab.networkHead}>
              <h2 id="live-network-title" className={lab.cardTitle} data-testid="live-network-title">
                {title}
              </h2>
              {badge}
            </div>
            <NetworkGraph
              network={network}
              inputValues={inputValues}
              row={row}
              selection={selection}
              onSelect={setChosen}
              hiddenNeurons={hiddenNeurons}
              drag={drags ? labDrag(live, blocked) : null}
            />
            <GraphLegend drag={drags} />
            {kernelState.status === "error" && (
              <p className={lab.kernelNote}>{t("kernel.error", { message: kernelState.message })}</p>
            )}
          </section>
        </div>

        <div className={lab.side}>
          <InspectorPanel
            network={network}
            inputValues={inputValues}
            row={row}
            selection={selection}
            onSelect={setChosen}
            hiddenNeurons={hiddenNeurons}
          />
          {editor && (
            <EditorPanel lab={live} selection={selection} onSelect={setChosen} blocked={blocked} notice={notice} />
          )}
          {side?.(selection)}
        </div>
      </div>

      {/* full width, not in the graph's column: that card stays in view while the side scrolls,
          and would cover whatever followed it there */}
      {under?.(selection)}

      {children}

      {hiddenNeurons ? (
        hiddenNote
      ) : (
        <>
          <Heatmaps
            network={network}
            inputValues={inputValues}
            selected={selectedNeuron}
            onSelect={(picked) => setChosen({ kind: "neuron", ...picked })}
            locale={locale}
          />
          {editor && <CollapsePanel network={network} locale={locale} />}
        </>
      )}
    </div>
  );
}
