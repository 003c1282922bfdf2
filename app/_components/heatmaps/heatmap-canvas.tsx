// One heatmap picture: a canvas of resolution × resolution pixels (one per cell of the input
// plane), scaled to its box by CSS. It draws nothing itself: Heatmaps paints every canvas from
// one kernel batch with putImageData, outside React, finding canvases by their `data-picture`.
import styles from "./heatmaps.module.css";

export interface HeatmapCanvasProps {
  resolution: number;
  /** what the picture shows, for screen readers */
  label: string;
  /** what to paint here: "2:0" (neuron 0 of layer 2) or "in:1" (input x2); several canvases may share one */
  picture: string;
  size: "large" | "small";
  testId?: string;
}

export function HeatmapCanvas({ resolution, label, picture, size, testId }: HeatmapCanvasProps) {
  return (
    <canvas
      data-picture={picture}
      data-size={size}
      width={resolution}
      height={resolution}
      role="img"
      aria-label={label}
      data-testid={testId}
      className={size === "large" ? styles.canvasLarge : styles.canvasSmall}
    />
  );
}
