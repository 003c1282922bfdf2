// The plot of a neuron's activation function over z ∈ [−6, 6] (widened to include the current z),
// with the current point (z, f(z)) marked and dashed guides to the axes.
import { formatNumber } from "@/lib/format";
import { activationPlot } from "@/lib/lab/inspector";
import type { ActivationId } from "@/lib/network/activations";
import styles from "./lab.module.css";

const BOX = { width: 300, height: 180, padding: 26 };

export interface ActivationPlotProps {
  activation: ActivationId;
  /** the function's name in formulas, e.g. "sigmoid" */
  symbol: string;
  z: number;
  a: number;
  /** f(z) as shown everywhere ("0.690") */
  output: string;
  /** the accessible description of the plot */
  label: string;
}

export function ActivationPlot({ activation, symbol, z, a, output, label }: ActivationPlotProps) {
  const plot = activationPlot(activation, z, a, BOX);
  const { width, height, padding } = BOX;
  const [zLo, zHi] = plot.zRange;
  const xAxisY = plot.axes.y ?? height - padding;
  return (
    <svg
      className={styles.plot}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid="activation-plot"
    >
      <rect
        x={padding}
        y={padding}
        width={width - 2 * padding}
        height={height - 2 * padding}
        className={styles.plotFrame}
      />
      {plot.axes.y !== null && (
        <line x1={padding} x2={width - padding} y1={plot.axes.y} y2={plot.axes.y} className={styles.plotAxis} />
      )}
      {plot.axes.x !== null && (
        <line x1={plot.axes.x} x2={plot.axes.x} y1={padding} y2={height - padding} className={styles.plotAxis} />
      )}
      <path d={plot.path} className={styles.plotCurve} />
      {plot.point && (
        <g>
          <line x1={plot.point.x} x2={plot.point.x} y1={xAxisY} y2={plot.point.y} className={styles.plotGuide} />
          <line
            x1={plot.axes.x ?? padding}
            x2={plot.point.x}
            y1={plot.point.y}
            y2={plot.point.y}
            className={styles.plotGuide}
          />
          <circle cx={plot.point.x} cy={plot.point.y} r={5.5} className={styles.plotPoint} />
        </g>
      )}
      <text x={padding} y={height - 6} className={styles.plotTick} textAnchor="middle">
        {formatNumber(zLo)}
      </text>
      <text x={width - padding} y={height - 6} className={styles.plotTick} textAnchor="middle">
        {formatNumber(zHi)}
      </text>
      <text x={width - padding + 5} y={xAxisY + 4} className={styles.plotAxisName}>
        z
      </text>
      <text x={(plot.axes.x ?? padding) + 6} y={padding - 8} className={styles.plotAxisName}>
        {symbol}(z)
      </text>
      {plot.point && (
        <g aria-hidden="true">
          <text
            x={plot.point.x}
            y={Math.min(xAxisY + 15, height - padding + 15)}
            className={styles.plotValue}
            textAnchor="middle"
          >
            {formatNumber(z)}
          </text>
          <text
            x={(plot.axes.x ?? padding) - 5}
            y={plot.point.y + 4}
            className={styles.plotValue}
            textAnchor={plot.point.x >= (plot.axes.x ?? padding) ? "end" : "start"}
            dx={plot.point.x >= (plot.axes.x ?? padding) ? 0 : 10}
          >
            {output}
          </text>
        </g>
      )}
    </svg>
  );
}
