// A drawing of one neuron: inputs → weighted edges → Σ and f → output. Edge thickness follows
// |w|, colour its sign (blue solid positive, orange dashed negative, dotted grey zero). Purely presentational.
import { useId } from "react";
import { formatNumber } from "@/lib/format";
import styles from "./live-neuron.module.css";

export interface NeuronDiagramProps {
  inputs: readonly { name: string; value: number }[];
  weights: readonly number[];
  bias: number;
  /** the function's name in formulas, e.g. "sigmoid" */
  activation: string;
  /** the output as displayed, or null while it is being computed */
  output: string | null;
  /** what a screen reader reads for the whole drawing, in the UI language */
  description: string;
}

const NEURON = { x: 262, y: 120, r: 50 };
const INPUT_X = 50;
const INPUT_R = 30;
const OUTPUT_END = 408;

function inputY(k: number, count: number): number {
  const top = 55;
  const bottom = 185;
  return count === 1 ? NEURON.y : top + ((bottom - top) * k) / (count - 1);
}

const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

/** "x1" → "x₁": names with their index as a subscript. */
function subscript(name: string): string {
  return name.replace(/\d+$/, (digits) => [...digits].map((d) => SUBSCRIPTS[Number(d)] ?? d).join(""));
}

function edgeClass(weight: number): string {
  if (formatNumber(weight) === "0") return styles.edgeZero ?? "";
  return (weight > 0 ? styles.edgePositive : styles.edgeNegative) ?? "";
}

export function NeuronDiagram({ inputs, weights, bias, activation, output, description }: NeuronDiagramProps) {
  const arrowId = `${useId()}-arrow`;
  return (
    <svg className={styles.diagram} viewBox="0 0 420 240" role="img" aria-label={description}>
      <defs>
        <marker id={arrowId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" className={styles.arrowHead} />
        </marker>
      </defs>

      {inputs.map((input, k) => {
        const y = inputY(k, inputs.length);
        const w = weights[k] ?? 0;
        // the weight label sits along the edge, above it for upper inputs and below for lower ones
        const t = 0.45;
        const angle = (Math.atan2(NEURON.y - y, NEURON.x - INPUT_X) * 180) / Math.PI;
        const lx = INPUT_X + (NEURON.x - INPUT_X) * t;
        const ly = y + (NEURON.y - y) * t;
        return (
          <g key={input.name}>
            <line
              x1={INPUT_X}
              y1={y}
              x2={NEURON.x}
              y2={NEURON.y}
              className={edgeClass(w)}
              strokeWidth={1.5 + Math.min(Math.abs(w), 5) * 1.2}
            />
            <text
              x={lx}
              y={ly + (y <= NEURON.y ? -9 : 21)}
              transform={`rotate(${angle.toFixed(2)} ${lx} ${ly})`}
              className={styles.edgeLabel}
              textAnchor="middle"
            >
              {subscript(`w${k + 1}`)} = {formatNumber(w)}
            </text>
          </g>
        );
      })}

      {inputs.map((input, k) => {
        const y = inputY(k, inputs.length);
        return (
          <g key={input.name}>
            <circle cx={INPUT_X} cy={y} r={INPUT_R} className={styles.inputNode} />
            <text x={INPUT_X} y={y - 6} className={styles.nodeName} textAnchor="middle">
              {subscript(input.name)}
            </text>
            <text x={INPUT_X} y={y + 15} className={styles.nodeValue} textAnchor="middle">
              {formatNumber(input.value)}
            </text>
          </g>
        );
      })}

      <line x1={NEURON.x} y1={18} x2={NEURON.x} y2={NEURON.y - NEURON.r} className={styles.biasEdge} />
      <text x={NEURON.x + 10} y={26} className={styles.edgeLabel}>
        b = {formatNumber(bias)}
      </text>

      <line
        x1={NEURON.x + NEURON.r}
        y1={NEURON.y}
        x2={OUTPUT_END}
        y2={NEURON.y}
        className={styles.outputEdge}
        markerEnd={`url(#${arrowId})`}
      />
      <text
        x={(NEURON.x + NEURON.r + OUTPUT_END) / 2}
        y={NEURON.y - 12}
        className={styles.outputValue}
        textAnchor="middle"
      >
        {output ?? "…"}
      </text>

      <circle cx={NEURON.x} cy={NEURON.y} r={NEURON.r} className={styles.neuronNode} />
      <line x1={NEURON.x} y1={NEURON.y - NEURON.r} x2={NEURON.x} y2={NEURON.y + NEURON.r} className={styles.divider} />
      <text x={NEURON.x - 24} y={NEURON.y + 10} className={styles.neuronSymbol} textAnchor="middle">
        Σ
      </text>
      <text
        x={NEURON.x + 24}
        y={NEURON.y + 10}
        className={`${styles.neuronSymbol} ${styles.italic}`}
        textAnchor="middle"
      >
        f
      </text>
      <text x={NEURON.x} y={NEURON.y + NEURON.r + 24} className={styles.edgeLabel} textAnchor="middle">
        f = {activation}
      </text>
    </svg>
  );
}
