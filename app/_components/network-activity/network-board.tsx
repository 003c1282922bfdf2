"use client";
// The network filling in, for the projector and the teacher's console: the inputs, then each layer
// with its neurons — who computes each one, how many answered, once the layer has closed its agreed
// value and who gave it, once revealed the kernel's value next to it with wrong ones marked (and,
// where an earlier mistake reached it, the value from the true inputs too). The teacher's console
// also shows the answers of the layer still computing (`live`) and takes names dragged onto neurons.
import { useState, type DragEvent } from "react";
import { formatNumber } from "@/lib/format";
import { close } from "@/lib/network-activity/flow";
import { inputName, neuronName } from "@/lib/lab/names";
import type { NeuronRef } from "@/lib/network-activity/model";
import type { Network } from "@/lib/network/schema";
import { useT } from "@/app/_i18n/locale-provider";
import type { NetworkActivity } from "./use-network-activity";
import styles from "./network-activity.module.css";

const DRAG_TYPE = "text/x-participant";

export interface NetworkBoardProps {
  activity: NetworkActivity;
  network: Network;
  /** the teacher's console: answers of the layer still computing */
  live?: boolean;
  /** the teacher's console: a name dropped on a neuron */
  onAssign?(participantId: string, neuron: NeuronRef): void;
}

export function NetworkBoard({ activity, network, live = false, onAssign }: NetworkBoardProps) {
  const nt = useT("network");
  const { view } = activity;
  return (
    // the box is a size container: in the console's narrow column the layers stay side by side,
    // narrower (a name is dragged across, not up and down a column taller than its scrolling area)
    <div className={styles.boardBox}>
      <div className={styles.board} data-testid="bnet-board">
        <div className={styles.column}>
          <h3 className={styles.columnTitle}>{nt("layer.inputs")}</h3>
          {view.inputs.map((value, k) => (
            <div key={k} className={`${styles.cell} ${styles.inputCell}`} data-testid={`bnet-input-${k}`}>
              <span className={styles.cellName}>{inputName(network, k)}</span>
              <span className={styles.value}>{formatNumber(value, 4)}</span>
            </div>
          ))}
        </div>
        {view.layers.map((layer, l) => (
          <div
            key={l}
            className={`${styles.column} ${l === view.current ? styles.currentColumn : ""}`}
            data-testid={`bnet-layer-${l}`}
            data-state={layer.passed ? "passed" : layer.closed ? "closed" : layer.received ? "open" : "waiting"}
          >
            <h3 className={styles.columnTitle}>
              {l === view.layers.length - 1 ? nt("layer.output") : nt("layer.hidden", { n: l + 1 })}
            </h3>
            {(view.members[l] ?? []).map((ids, j) => (
              <NeuronCell
                key={j}
                activity={activity}
                name={neuronName(network, l, j)}
                neuron={{ layer: l, index: j }}
                // a student the teacher removed is no longer shown (their answers stay)
                ids={ids.filter((id) => activity.names.has(id))}
                live={live}
                onAssign={onAssign}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

function NeuronCell({
  activity,
  name,
  neuron,
  ids,
  live,
  onAssign,
}: {
  activity: NetworkActivity;
  name: string;
  neuron: NeuronRef;
  ids: readonly string[];
  live: boolean;
  onAssign?: NetworkBoardProps["onAssign"];
}) {
  const nt = useT("network");
  const [over, setOver] = useState(false);
  const { view, names } = activity;
  const { layer: l, index: j } = neuron;
  const layer = view.layers[l]!;
  const value = layer.values?.[j] ?? null;
  const truth = layer.truth?.[j] ?? null;
  const ideal = layer.ideal?.[j] ?? null;
  const right = value && truth ? close(value, truth, view.tolerance) : null;
  const nameList = (list: readonly string[]) => list.map((id) => names.get(id) ?? "?").join(nt("neuron.names"));
  const pending = live && !layer.closed ? activity.held.filter((s) => s.layer === l && s.index === j) : [];
  const drop = onAssign
    ? {
        onDragOver: (event: DragEvent) => {
          event.preventDefault();
          setOver(true);
        },
        // leaving the cell, not just moving onto a chip or a line inside it
        onDragLeave: (event: DragEvent) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
        },
        onDrop: (event: DragEvent) => {
          event.preventDefault();
          setOver(false);
          const id = event.dataTransfer.getData(DRAG_TYPE);
          if (id) onAssign(id, neuron);
        },
      }
    : {};
  return (
    <div
      className={`${styles.cell} ${over ? styles.dropTarget : ""}`}
      data-testid={`bnet-neuron-${l}-${j}`}
      data-right={right === null ? undefined : right ? "yes" : "no"}
      {...drop}
    >
      <span className={styles.cellName}>{name}</span>
      <span className={styles.members}>
        {ids.length === 0
          ? nt("neuron.nobody")
          : ids.map((id) => <MemberChip key={id} id={id} name={names.get(id) ?? "?"} draggable={!!onAssign} />)}
      </span>
      {layer.received && !layer.closed && (
        <span className={styles.muted}>{nt("neuron.answered", { n: layer.answered[j] ?? 0, of: ids.length })}</span>
      )}
      {pending.length > 0 && (
        <span className={styles.muted} data-testid={`bnet-live-${l}-${j}`}>
          {nt("neuron.live", {
            values: pending
              .map((s) => `${formatNumber(s.a, 4)} (${names.get(s.participantId ?? "") ?? "?"})`)
              .join(nt("neuron.names")),
          })}
        </span>
      )}
      {layer.closed &&
        (value ? (
          <>
            <span className={styles.value} data-testid={`bnet-value-${l}-${j}`}>
              {nt("neuron.value", { z: formatNumber(value.z, 4), a: formatNumber(value.a, 4) })}
            </span>
            <span className={styles.muted}>{nt("neuron.by", { names: nameList(value.by) })}</span>
          </>
        ) : (
          <span className={styles.muted}>{nt("neuron.noAnswer")}</span>
        ))}
      {truth && (
        <span className={right === false ? styles.wrong : styles.truth} data-testid={`bnet-truth-${l}-${j}`}>
          {nt("neuron.truth", { a: formatNumber(truth.a, 4) })}
          {right !== null && ` · ${right ? nt("neuron.right") : nt("neuron.wrong")}`}
        </span>
      )}
      {truth && ideal && !close(truth, ideal, view.tolerance) && (
        <span className={styles.muted} data-testid={`bnet-ideal-${l}-${j}`}>
          {nt("neuron.ideal", { a: formatNumber(ideal.a, 4) })}
        </span>
      )}
    </div>
  );
}

export function MemberChip({ id, name, draggable }: { id: string; name: string; draggable: boolean }) {
  return (
    <span
      className={styles.chip}
      draggable={draggable}
      data-testid="bnet-member"
      onDragStart={draggable ? (event) => event.dataTransfer.setData(DRAG_TYPE, id) : undefined}
    >
      {name}
    </span>
  );
}
