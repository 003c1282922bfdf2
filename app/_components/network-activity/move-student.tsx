"use client";
// The keyboard's way to give a student a neuron (the board also takes a name dragged onto a
// neuron): choose the student, choose the neuron, move.
import { useId, useState } from "react";
import { neuronName } from "@/lib/lab/names";
import type { NeuronRef } from "@/lib/network-activity/model";
import type { Network } from "@/lib/network/schema";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./network-activity.module.css";

export function MoveStudent({
  names,
  network,
  busy,
  onMove,
}: {
  names: ReadonlyMap<string, string>;
  network: Network;
  busy: boolean;
  onMove(participantId: string, neuron: NeuronRef): void;
}) {
  const nt = useT("network");
  const id = useId();
  const [student, setStudent] = useState("");
  const [neuron, setNeuron] = useState("0:0");
  const neurons = network.layers.flatMap((layer, l) => layer.neurons.map((_, j) => ({ layer: l, index: j })));
  return (
    <form
      className={styles.controls}
      data-testid="bnet-move"
      onSubmit={(event) => {
        event.preventDefault();
        const [layer, index] = neuron.split(":").map(Number);
        if (student && layer !== undefined && index !== undefined) onMove(student, { layer, index });
      }}
    >
      <label htmlFor={`${id}-student`}>{nt("move.student")}</label>
      <select id={`${id}-student`} value={student} onChange={(e) => setStudent(e.currentTarget.value)}>
        <option value="" />
        {[...names].map(([pid, name]) => (
          <option key={pid} value={pid}>
            {name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-neuron`}>{nt("move.neuron")}</label>
      <select id={`${id}-neuron`} value={neuron} onChange={(e) => setNeuron(e.currentTarget.value)}>
        {neurons.map((n) => (
          <option key={`${n.layer}:${n.index}`} value={`${n.layer}:${n.index}`}>
            {neuronName(network, n.layer, n.index)}
          </option>
        ))}
      </select>
      <button type="submit" className={styles.button} disabled={busy || !student}>
        {nt("move.submit")}
      </button>
    </form>
  );
}
