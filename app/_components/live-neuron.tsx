"use client";
// The seed's worked example as a live neuron: x1 = x2 = 1, w = (0.5, 0.2), b = 0.1, sigmoid.
// Every change recomputes z and a through the WebAssembly kernel (kernel.forward on one row);
// the float64 reference is never used here, so what students see is what the kernel computes.
import { useMemo, useState, type ReactNode } from "react";
import { useKernel } from "@/app/_hooks/use-kernel";
import { ACTIVATION_NAMES, formatOutput, neuronArithmeticParts, rangeSentence } from "@/lib/format";
import type { Kernel } from "@/lib/kernel/kernel";
import type { ActivationId } from "@/lib/network/activations";
import type { Network } from "@/lib/network/schema";
import { ActivationSelect } from "./activation-select";
import { NeuronDiagram } from "./neuron-diagram";
import { ParamSlider } from "./param-slider";
import styles from "./live-neuron.module.css";

export interface NeuronParams {
  x1: number;
  x2: number;
  w1: number;
  w2: number;
  bias: number;
  activation: ActivationId;
}

export const WORKED_EXAMPLE: NeuronParams = { x1: 1, x2: 1, w1: 0.5, w2: 0.2, bias: 0.1, activation: "sigmoid" };

type NumericParam = Exclude<keyof NeuronParams, "activation">;

const SLIDERS: readonly {
  key: NumericParam;
  label: ReactNode;
  hint: string;
  ariaLabel: string;
  step: number;
}[] = [
  {
    key: "x1",
    label: (
      <>
        x<sub>1</sub>
      </>
    ),
    hint: "input 1",
    ariaLabel: "x1 (input 1)",
    step: 0.1,
  },
  {
    key: "x2",
    label: (
      <>
        x<sub>2</sub>
      </>
    ),
    hint: "input 2",
    ariaLabel: "x2 (input 2)",
    step: 0.1,
  },
  {
    key: "w1",
    label: (
      <>
        w<sub>1</sub>
      </>
    ),
    hint: "weight of x₁",
    ariaLabel: "w1 (weight of x1)",
    step: 0.01,
  },
  {
    key: "w2",
    label: (
      <>
        w<sub>2</sub>
      </>
    ),
    hint: "weight of x₂",
    ariaLabel: "w2 (weight of x2)",
    step: 0.01,
  },
  { key: "bias", label: "b", hint: "bias", ariaLabel: "b (bias)", step: 0.1 },
];
const RANGE = { min: -5, max: 5 };

function neuronNetwork(p: NeuronParams): Network {
  return {
    format: "activation-lab/network@1", // written out: importing the schema would bundle zod
    inputs: ["x1", "x2"],
    layers: [{ activation: p.activation, neurons: [{ weights: [p.w1, p.w2], bias: p.bias }] }],
  };
}

/** z and a of the single neuron, computed by the kernel. */
function compute(kernel: Kernel, p: NeuronParams): { z: number; a: number } {
  const [row] = kernel.forward(neuronNetwork(p), [[p.x1, p.x2]]);
  const layer = row?.layers[0];
  return { z: layer?.z[0] ?? Number.NaN, a: layer?.a[0] ?? Number.NaN };
}

export function LiveNeuron({ initial = WORKED_EXAMPLE }: { initial?: NeuronParams }) {
  const [params, setParams] = useState(initial);
  const kernelState = useKernel();
  const kernel = kernelState.status === "ready" ? kernelState.kernel : null;
  const result = useMemo(() => (kernel ? compute(kernel, params) : null), [kernel, params]);

  const set = <K extends keyof NeuronParams>(key: K, value: NeuronParams[K]) =>
    setParams((previous) => ({ ...previous, [key]: value }));

  const output = result ? formatOutput(result.a, params.activation) : null;
  const arithmetic = result
    ? neuronArithmeticParts({
        weights: [params.w1, params.w2],
        inputs: [params.x1, params.x2],
        bias: params.bias,
        activation: params.activation,
        z: result.z,
        a: result.a,
      })
    : null;
  const pending = kernelState.status === "error" ? "kernel unavailable" : "computing…";

  return (
    <div className={styles.neuron}>
      <section className={styles.stage} aria-label="The neuron">
        <NeuronDiagram
          inputs={[
            { name: "x1", value: params.x1 },
            { name: "x2", value: params.x2 },
          ]}
          weights={[params.w1, params.w2]}
          bias={params.bias}
          activation={ACTIVATION_NAMES[params.activation].symbol}
          output={output}
        />
        <div className={styles.result}>
          <span className={styles.outputLabel}>output</span>
          <output className={styles.output} data-testid="neuron-output" data-value={result?.a}>
            {output ?? pending}
          </output>
        </div>
        <p className={styles.arithmetic} data-testid="neuron-arithmetic">
          {arithmetic ? (
            <>
              <span className={styles.part}>{arithmetic[0]}</span> <span className={styles.part}>{arithmetic[1]}</span>
            </>
          ) : (
            pending
          )}
        </p>
        <p className={styles.range} data-testid="activation-range">
          {rangeSentence(params.activation)}
        </p>
      </section>

      <form className={styles.controls} aria-label="Parameters" onSubmit={(event) => event.preventDefault()}>
        {SLIDERS.map((slider) => (
          <ParamSlider
            key={slider.key}
            id={`param-${slider.key}`}
            label={slider.label}
            hint={slider.hint}
            ariaLabel={slider.ariaLabel}
            min={RANGE.min}
            max={RANGE.max}
            step={slider.step}
            value={params[slider.key]}
            onChange={(value) => set(slider.key, value)}
          />
        ))}
        <ActivationSelect id="param-activation" value={params.activation} onChange={(a) => set("activation", a)} />
        <button type="button" className={styles.reset} onClick={() => setParams(initial)}>
          Back to the worked example
        </button>
      </form>

      <footer className={styles.footer} data-testid="kernel-build">
        {kernelState.status === "ready"
          ? `Computed in your browser by the WebAssembly kernel (${kernelState.kernel.build} build).`
          : kernelState.status === "error"
            ? `The WebAssembly kernel could not load: ${kernelState.message}`
            : "Loading the WebAssembly kernel…"}
      </footer>
    </div>
  );
}
