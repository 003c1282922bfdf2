"use client";
// The loss chart: training and test loss per epoch of the run in progress, the previous run's
// curves dashed (to compare two choices), and a lesson's mark (the best any straight line can
// do). The arithmetic is lib/training/chart.ts; this draws it as SVG in a fixed viewBox that CSS
// scales to the panel's width. While a run is stopped, the chart carries its recorded curve in
// data-curve (epoch, training loss, test loss at full precision) for tests to compare.
import { formatNumber } from "@/lib/format";
import { lossChartScale, seriesPath } from "@/lib/training/chart";
import type { LossCurve } from "@/lib/training/types";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./training.module.css";

const WIDTH = 320;
const HEIGHT = 150;
const PAD = { left: 40, right: 12, top: 8, bottom: 34 };

export interface LossChartProps {
  curve: LossCurve | null;
  previous: { curve: LossCurve; label: string } | null;
  mark?: { loss: number; label: string };
  /** expose the curve's numbers (not while running: it changes every frame) */
  exposeCurve: boolean;
}

export function LossChart({ curve, previous, mark, exposeCurve }: LossChartProps) {
  const t = useT("training");
  const curves = [curve, previous?.curve].filter((c): c is LossCurve => c !== null && c !== undefined);
  const scale = lossChartScale(curves, mark ? [mark.loss] : []);
  const w = WIDTH - PAD.left - PAD.right;
  const h = HEIGHT - PAD.top - PAD.bottom;
  const path = (c: LossCurve, which: "trainLoss" | "testLoss") => seriesPath(c.epochs, c[which], scale, w, h);
  const y = (loss: number) => h - (loss / scale.yMax) * h;
  const data =
    exposeCurve && curve
      ? JSON.stringify(
          Array.from(curve.epochs, (e, i) => [e, curve.trainLoss[i], curve.hasTest ? curve.testLoss[i] : null]),
        )
      : undefined;

  return (
    <figure className={styles.chart}>
      <figcaption className={styles.chartLegend}>
        <span className={styles.legendTrain}>{t("chart.train")}</span>
        <span className={styles.legendTest}>{t("chart.test")}</span>
        {previous && <span className={styles.legendPrevious}>{t("chart.previous", { label: previous.label })}</span>}
        {mark && <span className={styles.legendMark}>{mark.label}</span>}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className={styles.chartSvg}
        role="img"
        aria-label={t("chart.aria", { previous: previous ? t("chart.aria.previous") : "" })}
        data-testid="loss-chart"
        data-curve={data}
      >
        <g transform={`translate(${PAD.left} ${PAD.top})`}>
          {scale.yTicks.map((tick) => (
            <g key={`y${tick}`}>
              <line x1={0} x2={w} y1={y(tick)} y2={y(tick)} className={styles.gridLine} />
              <text x={-4} y={y(tick) + 4} textAnchor="end" className={styles.tick}>
                {formatNumber(tick)}
              </text>
            </g>
          ))}
          {scale.xTicks.map((tick) => (
            <text key={`x${tick}`} x={(tick / scale.xMax) * w} y={h + 16} textAnchor="middle" className={styles.tick}>
              {formatNumber(tick)}
            </text>
          ))}
          {mark && mark.loss <= scale.yMax && (
            <line
              x1={0}
              x2={w}
              y1={y(mark.loss)}
              y2={y(mark.loss)}
              className={styles.markLine}
              data-testid="loss-mark"
            />
          )}
          {previous && (
            <>
              <path d={path(previous.curve, "trainLoss")} className={styles.previousTrain} />
              {previous.curve.hasTest && <path d={path(previous.curve, "testLoss")} className={styles.previousTest} />}
            </>
          )}
          {curve && (
            <>
              <path d={path(curve, "trainLoss")} className={styles.trainLine} />
              {curve.hasTest && <path d={path(curve, "testLoss")} className={styles.testLine} />}
            </>
          )}
        </g>
        <text x={WIDTH - PAD.right} y={HEIGHT - 2} textAnchor="end" className={styles.tick}>
          {t("chart.epochs")}
        </text>
      </svg>
    </figure>
  );
}
