"use client";
// The seed's worked example as a live neuron: x1 = x2 = 1, w = (0.5, 0.2), b = 0.1, sigmoid.
// Every change recomputes z and a through the WebAssembly kernel (kernel.forward on one row);
// the float64 reference is never used here, so what students see is what the kernel computes.
import { useMemo, useState, type ReactNode } from "react";
import { useKernel } from "@/app/_hooks/use-kernel";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { ACTIVATION_NAMES, formatNumber, formatOutput, neuronArithmeticParts } from "@/lib/format";
import { localizedRangeSentence, type Translator } from "@/lib/i18n";
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

/** The sliders: their visible label, and their hint (and accessible name) in the UI language. */
const SLIDERS: readonly {
  key: NumericParam;
  label: ReactNode;
  name: string;
  hint(t: Translator<"lab">): string;
  step: number;
}[] = [
  {
    key: "x1",
    label: (
      <>
        x<sub>1</sub>
      </>
    ),
    name: "x1",
    hint: (t) => t("neuron.hint.input", { n: 1 }),
    step: 0.1,
  },
  {
    key: "x2",
    label: (
      <>
        x<sub>2</sub>
      </>
    ),
    name: "x2",
    hint: (t) => t("neuron.hint.input", { n: 2 }),
    step: 0.1,
  },
  {
    key: "w1",
    label: (
      <>
        w<sub>1</sub>
      </>
    ),
    name: "w1",
    hint: (t) => t("neuron.hint.weight", { x: "x1" }),
    step: 0.01,
  },
  {
    key: "w2",
    label: (
      <>
        w<sub>2</sub>
      </>
    ),
    name: "w2",
    hint: (t) => t("neuron.hint.weight", { x: "x2" }),
    step: 0.01,
  },
  { key: "bias", label: "b", name: "b", hint: (t) => t("neuron.hint.bias"), step: 0.1 },
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
  const t = useT("lab");
  const { locale } = useLocale();
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
  const pending = kernelState.status === "error" ? t("neuron.kernelUnavailable") : t("neuron.computing");
  const inputs = [
    { name: "x1", value: params.x1 },
    { name: "x2", value: params.x2 },
  ];
  const weights = [params.w1, params.w2];
  const symbol = ACTIVATION_NAMES[params.activation].symbol;
  const description = t("neuron.diagram", {
    inputs: inputs
      .map((x, k) =>
        t("neuron.diagram.input", {
          name: x.name,
          value: formatNumber(x.value),
          weight: formatNumber(weights[k] ?? 0),
        }),
      )
      .join(t("neuron.diagram.list")),
    bias: formatNumber(params.bias),
    activation: symbol,
    output: output ?? t("neuron.diagram.pending"),
  });

  return (
    <div className={styles.neuron}>
      <section className={styles.stage} aria-label={t("neuron.stage")}>
        <NeuronDiagram
          inputs={inputs}
          weights={weights}
          bias={params.bias}
          activation={symbol}
          output={output}
          description={description}
        />
        <div className={styles.result}>
          <span className={styles.outputLabel}>{t("neuron.output")}</span>
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
          {localizedRangeSentence(locale, params.activation, symbol)}
        </p>
      </section>

      <form
        className={styles.controls}
        aria-label={t("neuron.parameters")}
        onSubmit={(event) => event.preventDefault()}
      >
        {SLIDERS.map((slider) => (
          <ParamSlider
            key={slider.key}
            id={`param-${slider.key}`}
            label={slider.label}
            hint={slider.hint(t)}
            ariaLabel={`${slider.name} (${slider.hint(t)})`}
            min={RANGE.min}
            max={RANGE.max}
            step={slider.step}
            value={params[slider.key]}
            onChange={(value) => set(slider.key, value)}
          />
        ))}
        <ActivationSelect id="param-activation" value={params.activation} onChange={(a) => set("activation", a)} />
        <button type="button" className={styles.reset} onClick={() => setParams(initial)}>
          {t("neuron.reset")}
        </button>
      </form>

      <footer className={styles.footer} data-testid="kernel-build">
        {kernelState.status === "ready"
          ? t("kernel.ready", { build: kernelState.kernel.build })
          : kernelState.status === "error"
            ? t("kernel.error", { message: kernelState.message })
            : t("kernel.loading")}
      </footer>
    </div>
  );
}
