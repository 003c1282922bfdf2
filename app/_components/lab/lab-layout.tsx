"use client";
// The lab's one layout, for the lesson page (lab-view.tsx) and every live view (live/live-lab.tsx:
// teacher, projector, student): the network card (title, graph, legend, kernel status) beside the
// neuron inspector and the editor, then what the page adds full width, then the heatmaps and the
// linear-collapse check. It owns the selection and the kernel's forward pass of the current
// inputs (precise, float64): every number shown comes from it.
import { useMemo, useState, type ReactNode } from "react";
import type { PlaneRange } from "@/lib/heatmap/grid";
import { useKernel } from "@/app/_hooks/use-kernel";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { CollapsePanel } from "../heatmaps/collapse-panel";
import { Heatmaps } from "../heatmaps/heatmaps";
import { EditorPanel, type EditorPanelProps } from "./editor-panel";
import { GraphLegend } from "./graph-legend";
import { InspectorPanel } from "./inspector-panel";
import { NetworkGraph } from "./network-graph";
import { NO_OVERLAYS, type NeuronOverlays } from "./overlays";
import { inspectedNeuron, validSelection, type Selection } from "./selection";
import type { GraphDrag } from "./use-graph-drag";
import type { Lab } from "./use-lab";
import styles from "./lab.module.css";

export interface LabLayoutProps {
  /** the network, its inputs and the edit path (a local undo history, or a live session) */
  lab: Lab;
  initialSelection?: Selection;
  /** the network card's title, its element id, and its test id */
  title: ReactNode;
  titleId: string;
  titleTestId?: string;
  /** beside the title: the lesson's toolbar, a live mode badge */
  titleExtra?: ReactNode;
  /** where dragging on the graph sends its values; null: the graph does not drag */
  drag: GraphDrag | null;
  /** the legend's "weight 0" and "line width" items */
  legendDetails?: boolean;
  /** "always": the kernel's build, loading or error line; "errors": only an error */
  kernelStatus: "always" | "errors";
  /** the editor, with why an edit may not be made now; null: no editor (the projector) */
  editor: Pick<EditorPanelProps, "blocked" | "notice" | "fold"> | null;
  /** under the editor, given the selection (the teacher's locks) */
  side?: (selection: Selection) => ReactNode;
  /** under the graph and the side panels, full width (the lesson's questions, the teacher's roster) */
  under?: (selection: Selection, select: (selection: Selection) => void) => ReactNode;
  /** after `under` (prediction rounds) */
  children?: ReactNode;
  /** the linear-collapse check under the heatmaps */
  collapse?: boolean;
  /**
   * What is drawn over the neurons (overlays.ts). Hidden values: "?" in the graph and inspector,
   * and no heatmaps or collapse check (they would show them): `hiddenNote` instead. No gradient
   * (training, the lesson page): a dashed ring, explained in the legend.
   */
  overlays?: NeuronOverlays;
  hiddenNote?: ReactNode;
  /** at the very end (the lesson's save and share) */
  footer?: ReactNode;
  /** more room for the graph, which then draws larger (the projector) */
  gridClassName?: string;
  /** a class for the whole layout (the projector puts the heatmaps beside the graph) */
  className?: string;
  /** drawn over the output heatmap, given its plane (the training data's points) */
  heatmapOverlay?: (range: PlaneRange) => ReactNode;
  /**
   * true: on wide screens the network card stays in view while the side panels scroll (the
   * lesson page). false: the card sits in a column of its own, only as tall as the card, so it
   * scrolls with the page (the live views, as they were before this layout was shared).
   */
  stickyGraph?: boolean;
}

export function LabLayout({
  lab,
  initialSelection = null,
  title,
  titleId,
  titleTestId,
  titleExtra,
  drag,
  legendDetails = false,
  kernelStatus,
  editor,
  side,
  under,
  children,
  collapse = true,
  overlays = NO_OVERLAYS,
  hiddenNote = null,
  footer,
  gridClassName,
  className,
  stickyGraph = true,
  heatmapOverlay,
}: LabLayoutProps) {
  const t = useT("lab");
  const { locale } = useLocale();
  const { network, inputValues } = lab.state;
  const [chosen, setChosen] = useState<Selection>(initialSelection);
  const selection = validSelection(network, chosen);

  const kernelState = useKernel();
  const kernel = kernelState.status === "ready" ? kernelState.kernel : null;
  const row = useMemo(() => kernel?.forward(network, [inputValues])[0] ?? null, [kernel, network, inputValues]);

  // what the graph and the inspector both show
  const shown = { network, inputValues, row, selection, onSelect: setChosen };
  const hidden = overlays.hidden ?? null;
  const noGradient = overlays.noGradient ?? null;

  const kernelNote =
    kernelStatus === "always" ? (
      <p className={styles.kernelNote} data-testid="kernel-build">
        {kernelState.status === "ready"
          ? t("kernel.ready", { build: kernelState.kernel.build })
          : kernelState.status === "error"
            ? t("kernel.error", { message: kernelState.message })
            : t("kernel.loading")}
      </p>
    ) : kernelState.status === "error" ? (
      <p className={styles.kernelNote}>{t("kernel.error", { message: kernelState.message })}</p>
    ) : null;

  const networkCard = (
    <section className={`${styles.card} ${styles.networkCard}`} aria-labelledby={titleId}>
      <div className={styles.networkHead}>
        <h2 id={titleId} className={styles.cardTitle} data-testid={titleTestId}>
          {title}
        </h2>
        {titleExtra}
      </div>
      <NetworkGraph {...shown} drag={drag} overlays={overlays} />
      <GraphLegend
        details={legendDetails}
        drag={drag !== null}
        noGradient={noGradient !== null && noGradient.size > 0}
      />
      {kernelNote}
    </section>
  );

  return (
    <div className={className ? `${styles.lab} ${className}` : styles.lab}>
      <div className={gridClassName ? `${styles.labGrid} ${gridClassName}` : styles.labGrid}>
        {stickyGraph ? networkCard : <div className={styles.side}>{networkCard}</div>}

        <div className={styles.side}>
          <InspectorPanel {...shown} hiddenNeurons={hidden} />
          {editor && (
            <EditorPanel
              lab={lab}
              selection={selection}
              onSelect={setChosen}
              blocked={editor.blocked}
              notice={editor.notice}
              fold={editor.fold}
            />
          )}
          {side?.(selection)}
        </div>
      </div>

      {/* full width, not in the graph's column: that card stays in view while the side scrolls,
          and would cover whatever followed it there */}
      {under?.(selection, setChosen)}

      {children}

      {hidden ? (
        hiddenNote
      ) : (
        <>
          <Heatmaps
            network={network}
            inputValues={inputValues}
            selected={inspectedNeuron(selection)}
            onSelect={(neuron) => setChosen({ kind: "neuron", ...neuron })}
            locale={locale}
            outputOverlay={heatmapOverlay}
          />
          {collapse && <CollapsePanel network={network} locale={locale} />}
        </>
      )}

      {footer}
    </div>
  );
}
