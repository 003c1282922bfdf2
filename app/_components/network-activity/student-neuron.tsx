"use client";
// A student's phone during "Be the network": their one neuron — what it received (the inputs, or
// what the students of the layer before passed on), its weights and bias, its activation with its
// curve — and the answer form for z and f(z). Nothing is computed for them: no sum, no output, no
// other answer of their layer, and the kernel's value only once the teacher reveals it.
import { formatNumber } from "@/lib/format";
import { neuronActivation } from "@/lib/network/model";
import { neuronName, sourceName } from "@/lib/lab/names";
import type { NeuronRef } from "@/lib/network-activity/model";
import type { Network } from "@/lib/network/schema";
import { useT } from "@/app/_i18n/locale-provider";
import { ActivationCurve } from "./activation-curve";
import { AnswerForm } from "./answer-form";
import { useNetworkActivity, type ActivitySession, type NetworkActivity } from "./use-network-activity";
import styles from "./network-activity.module.css";

const REFUSALS = new Set(["layer_closed", "layer_waiting", "not_your_neuron", "invalid_answer"]);

export function StudentNeuron({ session, network }: { session: ActivitySession; network: Network }) {
  const nt = useT("network");
  const activity = useNetworkActivity(session);
  if (!activity || activity.view.debrief) return null;
  const { view, mine } = activity;
  const neuron = mine.find((n) => !view.layers[n.layer]?.passed) ?? null;
  return (
    <section className={styles.panel} data-testid="bnet-student" aria-label={nt("title")}>
      <h2 className={styles.title}>{nt("title")}</h2>
      {mine.length === 0 ? (
        <p className={styles.muted}>{nt("student.noNeuron")}</p>
      ) : neuron ? (
        <NeuronCard key={`${neuron.layer}:${neuron.index}`} activity={activity} neuron={neuron} network={network} />
      ) : (
        <p className={styles.ok} data-testid="bnet-done">
          {nt("student.done")}
        </p>
      )}
      {mine.length > 1 && (
        <p className={styles.muted}>
          {nt("student.neurons", {
            names: mine.map((n) => neuronName(network, n.layer, n.index)).join(nt("neuron.names")),
          })}
        </p>
      )}
    </section>
  );
}

function NeuronCard({ activity, neuron, network }: { activity: NetworkActivity; neuron: NeuronRef; network: Network }) {
  const nt = useT("network");
  const lt = useT("lab");
  const { view, held } = activity;
  const layer = view.layers[neuron.layer]!;
  const spec = network.layers[neuron.layer]!.neurons[neuron.index]!;
  const activation = neuronActivation(network.layers[neuron.layer]!, spec);
  const activationName = lt(`activation.${activation}`);
  const name = neuronName(network, neuron.layer, neuron.index);
  const own = [...held].reverse().find((s) => s.layer === neuron.layer && s.index === neuron.index) ?? null;
  const truth = layer.truth?.[neuron.index] ?? null;
  return (
    <div data-testid="bnet-neuron-card" data-layer={neuron.layer} data-index={neuron.index}>
      <p className={styles.question}>{nt("student.neuron", { name })}</p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th />
            <th>{nt("student.received")}</th>
            <th>{nt("student.weights")}</th>
          </tr>
        </thead>
        <tbody>
          {spec.weights.map((w, k) => (
            <tr key={k}>
              <th scope="row">{sourceName(network, neuron.layer, k)}</th>
              <td data-testid={`bnet-received-${k}`}>
                {layer.received ? formatNumber(layer.received[k] ?? 0, 4) : "…"}
              </td>
              <td data-testid={`bnet-weight-${k}`}>{formatNumber(w, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="bnet-bias">{nt("student.bias", { b: formatNumber(spec.bias, 4) })}</p>
      <p>{nt("student.activation", { name: activationName })}</p>
      <ActivationCurve activation={activation} label={nt("student.curve", { name: activationName })} />
      {!layer.received ? (
        <p className={styles.muted} data-testid="bnet-waiting">
          {nt("student.waiting")}
        </p>
      ) : layer.closed ? (
        <p className={styles.muted} data-testid="bnet-passed">
          {nt("student.passed")}
        </p>
      ) : (
        <AnswerForm
          calculator={view.calculator}
          sent={own !== null}
          onSend={async (z, a) => {
            const ack = await activity.answer(neuron, z, a);
            if (ack.ok) return null;
            const code = ack.error.code;
            return REFUSALS.has(code)
              ? nt(`refusal.${code}` as "refusal.layer_closed")
              : nt("refusal.other", { message: ack.error.message });
          }}
        />
      )}
      {own && (
        <p className={styles.muted} data-testid="bnet-sent">
          {nt("student.sent", { z: formatNumber(own.z, 4), a: formatNumber(own.a, 4) })}
        </p>
      )}
      {truth && (
        <p className={styles.truth} data-testid="bnet-student-truth">
          {nt("student.truth", { z: formatNumber(truth.z, 4), a: formatNumber(truth.a, 4) })}
        </p>
      )}
    </div>
  );
}
