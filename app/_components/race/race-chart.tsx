"use client";
// Everyone's test-loss curves on one chart (the projector, the teacher's panel, a student's own
// curve): epochs 0 … the race's limit across, loss up, one colour per entrant, the spotlighted one
// drawn thick and the others faded. The axes' arithmetic is the loss chart's (lib/training/chart.ts).
import { formatNumber } from "@/lib/format";
import type { CurvePoint } from "@/lib/race/model";
import { niceCeil, seriesPath, ticks } from "@/lib/training/chart";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./race.module.css";

export interface RaceSeries {
  id: string;
  label: string;
  curve: readonly CurvePoint[];
}

const PAD = { left: 44, right: 12, top: 10, bottom: 30 };

/**
 * A colour per entrant, the same on every screen whatever the order of arrival: by the rank of
 * their id among the ids shown, hues a golden angle apart (neighbours never look alike).
 */
function colours(series: readonly RaceSeries[]): Map<string, string> {
  const ids = series.map((s) => s.id).sort();
  return new Map(ids.map((id, i) => [id, `hsl(${Math.round((i * 137.508) % 360)} 70% 42%)`]));
}

export function RaceChart({
  epochs,
  series,
  spotlight = null,
  width = 720,
  height = 240,
  testId = "race-chart",
}: {
  epochs: number;
  series: readonly RaceSeries[];
  spotlight?: string | null;
  /** the drawing's size in SVG units (it scales to the panel's width) */
  width?: number;
  height?: number;
  testId?: string;
}) {
  const WIDTH = width;
  const t = useT("race");
  let largest = 1e-3;
  for (const s of series) for (const p of s.curve) if (p.testLoss > largest) largest = p.testLoss;
  // the race's own length across (its ticks: round numbers within it)
  const scale = { xMax: Math.max(epochs, 1), yMax: niceCeil(largest) };
  const xTicks = ticks(niceCeil(scale.xMax)).filter((tick) => tick <= scale.xMax);
  const w = WIDTH - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const y = (loss: number) => h - (loss / scale.yMax) * h;
  const lit = series.find((s) => s.id === spotlight);
  const colour = colours(series);
  return (
    <figure className={styles.chart}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        className={styles.chartSvg}
        role="img"
        aria-label={t("chart.aria")}
        data-testid={testId}
        data-series={series.length}
      >
        <g transform={`translate(${PAD.left} ${PAD.top})`}>
          {ticks(scale.yMax).map((tick) => (
            <g key={`y${tick}`}>
              <line x1={0} x2={w} y1={y(tick)} y2={y(tick)} className={styles.gridLine} />
              <text x={-4} y={y(tick) + 4} textAnchor="end" className={styles.tick}>
                {formatNumber(tick)}
              </text>
            </g>
          ))}
          {xTicks.map((tick) => (
            <text key={`x${tick}`} x={(tick / scale.xMax) * w} y={h + 16} textAnchor="middle" className={styles.tick}>
              {formatNumber(tick)}
            </text>
          ))}
          {series.map((s) => (
            <path
              key={s.id}
              d={seriesPath(
                s.curve.map((p) => p.epoch),
                s.curve.map((p) => p.testLoss),
                scale,
                w,
                h,
              )}
              stroke={colour.get(s.id)}
              className={s.id === spotlight ? styles.lineLit : lit ? styles.lineFaded : styles.line}
              data-testid="race-curve"
              data-name={s.label}
              data-points={s.curve.length}
            >
              <title>{s.label}</title>
            </path>
          ))}
        </g>
        <text x={WIDTH - PAD.right} y={height - 2} textAnchor="end" className={styles.tick}>
          {t("chart.epoch")}
        </text>
      </svg>
      {series.length > 1 && (
        <figcaption className={styles.legend}>
          {series.map((s) => (
            <span key={s.id} className={styles.legendItem} style={{ color: colour.get(s.id) }}>
              {s.label}
            </span>
          ))}
        </figcaption>
      )}
      {lit && <p className={styles.spotlight}>{t("chart.spotlight", { name: lit.label })}</p>}
    </figure>
  );
}
