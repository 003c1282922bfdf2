"use client";
// The legend under the network graph: a drawn sample of a positive and a negative connection and
// how to select (and, where the graph drags, how to drag). The lesson page also explains weight 0
// and line thickness (`details`); the live lab leaves those two out.
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./lab.module.css";

export interface GraphLegendProps {
  /** the "weight 0 (dotted)" and "thicker line = larger |w|" items */
  details?: boolean;
  /** the graph changes weights and biases by dragging: say how */
  drag?: boolean;
  /** training marks neurons no gradient reaches: say what the mark means */
  noGradient?: boolean;
}

function EdgeSample({ className, strokeWidth }: { className: string | undefined; strokeWidth?: string }) {
  return (
    <svg width="34" height="10" aria-hidden="true">
      <line x1="2" y1="5" x2="32" y2="5" className={className} strokeWidth={strokeWidth} />
    </svg>
  );
}

export function GraphLegend({ details = false, drag = false, noGradient = false }: GraphLegendProps) {
  const t = useT("lab");
  return (
    <ul className={styles.legend}>
      <li>
        <EdgeSample className={styles.edgePositive} strokeWidth="3" />
        {t("lab.legend.positive")}
      </li>
      <li>
        <EdgeSample className={styles.edgeNegative} strokeWidth="3" />
        {t("lab.legend.negative")}
      </li>
      {details && (
        <>
          <li>
            <EdgeSample className={styles.edgeZero} />
            {t("lab.legend.zero")}
          </li>
          <li>{t("lab.legend.width")}</li>
        </>
      )}
      <li>{t("lab.legend.select")}</li>
      {drag && <li data-testid="legend-drag">{t("lab.legend.drag")}</li>}
      {noGradient && (
        <li data-testid="legend-no-gradient">
          <svg width="20" height="20" aria-hidden="true">
            <circle cx="10" cy="10" r="7" className={styles.noGradientRing} />
          </svg>
          {t("lab.legend.noGradient")}
        </li>
      )}
    </ul>
  );
}
