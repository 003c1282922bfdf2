"use client";
// The data set drawn over the output heatmap: training points as circles, test points as
// diamonds; class 0 orange, class 1 blue (the heatmap's two ends). In "my points" mode the plane
// takes clicks: a click adds a point of the chosen class, a click on a point removes it. The SVG
// is in the plane's own units (x1 across, x2 up), so it lines up with the canvas at any size and
// range. Memoised: it re-renders when the points or the range change, not on every frame.
import { memo, type MouseEvent } from "react";
import type { DataSet, Sample } from "@/lib/training/datasets";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./training.module.css";

export interface DataPointsProps {
  dataSet: DataSet;
  /** the plane shown: min … max on both axes */
  min: number;
  max: number;
  /** "my points": clicks add or remove points */
  onPlaneClick?: (x1: number, x2: number, radius: number) => void;
}

/** A point's radius, and how near a click must be to remove one, as fractions of the plane's width. */
const POINT_SIZE = 0.012;
const HIT_SIZE = 0.03;

function Point({ p, size, test }: { p: Sample; size: number; test: boolean }) {
  const cls = `${p.label === 1 ? styles.class1 : styles.class0} ${test ? styles.testPoint : styles.trainPoint}`;
  if (!test) return <circle cx={p.x1} cy={-p.x2} r={size} className={cls} />;
  const d = size * 1.35;
  return (
    <path d={`M${p.x1} ${-p.x2 - d}L${p.x1 + d} ${-p.x2}L${p.x1} ${-p.x2 + d}L${p.x1 - d} ${-p.x2}Z`} className={cls} />
  );
}

export const DataPoints = memo(function DataPoints({ dataSet, min, max, onPlaneClick }: DataPointsProps) {
  const t = useT("training");
  const span = max - min;
  const size = span * POINT_SIZE;
  const onClick = onPlaneClick
    ? (event: MouseEvent<SVGSVGElement>) => {
        const box = event.currentTarget.getBoundingClientRect();
        const x1 = min + ((event.clientX - box.left) / box.width) * span;
        const x2 = max - ((event.clientY - box.top) / box.height) * span;
        onPlaneClick(x1, x2, span * HIT_SIZE);
      }
    : undefined;
  return (
    <svg
      className={onPlaneClick ? `${styles.points} ${styles.pointsEditable}` : styles.points}
      viewBox={`${min} ${-max} ${span} ${span}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={
        onPlaneClick
          ? t("points.addAria")
          : t("points.aria", { train: dataSet.train.length, test: dataSet.test.length })
      }
      data-testid="data-points"
      data-train={dataSet.train.length}
      data-test={dataSet.test.length}
      onClick={onClick}
    >
      {dataSet.train.map((p, i) => (
        <Point key={`r${i}`} p={p} size={size} test={false} />
      ))}
      {dataSet.test.map((p, i) => (
        <Point key={`e${i}`} p={p} size={size} test />
      ))}
    </svg>
  );
});
