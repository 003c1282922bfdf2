"use client";
// The bench's client part: the Heatmaps of benchNetwork() with a slider on h1's bias, and the
// collapse panel. Every repaint's timing is appended to window.__heatmapFrames for the e2e test.
import { useCallback, useMemo, useState } from "react";
import { CollapsePanel } from "@/app/_components/heatmaps/collapse-panel";
import { Heatmaps, type HeatmapFrameTiming, type HeatmapSelection } from "@/app/_components/heatmaps/heatmaps";
import { xorNeedsNonlinearity } from "@/lib/lessons/xor-needs-nonlinearity";
import type { Network } from "@/lib/network/schema";
import { benchNetwork } from "./network";

/** The XOR lesson's 2-2-1 step network, with h1's bias set by the slider. */
function xorNetwork(bias: number): Network {
  const net = structuredClone(xorNeedsNonlinearity.exercise.network) as Network;
  const first = net.layers[0]?.neurons[0];
  if (first) first.bias = bias;
  return net;
}

declare global {
  interface Window {
    __heatmapFrames?: HeatmapFrameTiming[];
  }
}

export function HeatmapBench({
  resolution,
  locale,
  linear,
  xor,
}: {
  resolution: number;
  locale: "en" | "zh-CN";
  linear: boolean;
  xor: boolean;
}) {
  const [bias, setBias] = useState(xor ? -0.5 : 0);
  const [selected, setSelected] = useState<HeatmapSelection | null>({ layer: 0, neuron: 0 });
  const network = useMemo(() => (xor ? xorNetwork(bias) : benchNetwork({ bias, linear })), [bias, linear, xor]);
  const onFrame = useCallback((timing: HeatmapFrameTiming) => {
    (window.__heatmapFrames ??= []).push(timing);
  }, []);
  return (
    <div style={{ display: "grid", gap: "1rem" }}>
      <label style={{ display: "flex", gap: "0.5rem", alignItems: "center" }}>
        h1 bias
        <input
          type="range"
          min={-5}
          max={5}
          step={0.01}
          value={bias}
          aria-label="h1 bias"
          data-testid="bench-bias"
          onChange={(event) => setBias(event.currentTarget.valueAsNumber)}
        />
        <output data-testid="bench-bias-value">{bias.toFixed(2)}</output>
      </label>
      <Heatmaps
        network={network}
        inputValues={xor ? [1, 0] : [1, -2]}
        initialHalfWidth={xor ? 2 : 6}
        selected={selected}
        onSelect={setSelected}
        locale={locale}
        resolution={resolution}
        onFrame={onFrame}
      />
      <CollapsePanel network={network} locale={locale} />
    </div>
  );
}
