import { describe, expect, it } from "vitest";
import { edgeWidth, layoutGraph, weightLabelDistance, weightLabelPoint } from "../../lib/lab/graph-layout";

describe("layoutGraph", () => {
  it("puts inputs and each layer in columns from left to right, inside the width", () => {
    const layout = layoutGraph({ inputs: 2, layers: [3, 1] }, 760);
    expect(layout.columns).toHaveLength(3);
    expect(layout.columns[0]).toBeGreaterThanOrEqual(layout.radius);
    expect(layout.columns[2]).toBeLessThanOrEqual(layout.width - layout.radius);
    expect([...layout.columns].sort((a, b) => a - b)).toEqual(layout.columns);
    expect(layout.inputs).toHaveLength(2);
    expect(layout.layers.map((column) => column.length)).toEqual([3, 1]);
  });

  it("centres each column and keeps every node inside the drawing", () => {
    const layout = layoutGraph({ inputs: 2, layers: [3, 1] }, 760);
    const all = [layout.inputs, ...layout.layers];
    const centre = (column: { y: number }[]) => column.reduce((sum, p) => sum + p.y, 0) / column.length;
    const centres = all.map(centre);
    for (const c of centres) expect(Math.abs(c - centres[0]!)).toBeLessThanOrEqual(1);
    for (const column of all) {
      for (const p of column) {
        expect(p.y - layout.radius).toBeGreaterThan(0);
        expect(p.y + layout.radius).toBeLessThan(layout.height);
      }
      // nodes of one column never overlap
      for (let j = 1; j < column.length; j++)
        expect(column[j]!.y - column[j - 1]!.y).toBeGreaterThan(2 * layout.radius);
    }
  });

  it("fits a phone: compact, 1:1 in pixels, nodes not too small to read", () => {
    const layout = layoutGraph({ inputs: 2, layers: [3, 3, 1] }, 350);
    expect(layout.width).toBe(350);
    expect(layout.compact).toBe(true);
    expect(layout.radius).toBeGreaterThanOrEqual(22);
    expect(layout.font.value).toBeGreaterThanOrEqual(13);
    // 2-3-3-1 has 18 connections: too many labels for a phone, only the selection's show
    expect(layout.allWeightLabels).toBe(false);
    expect(layoutGraph({ inputs: 2, layers: [2, 1] }, 350).allWeightLabels).toBe(true);
    expect(layoutGraph({ inputs: 2, layers: [3, 3, 1] }, 900).allWeightLabels).toBe(true);
  });

  it("scales up for a wide (projector) drawing, within bounds", () => {
    const small = layoutGraph({ inputs: 2, layers: [1] }, 760);
    const big = layoutGraph({ inputs: 2, layers: [1] }, 1400);
    expect(big.radius).toBeGreaterThan(small.radius);
    expect(layoutGraph({ inputs: 2, layers: [1] }, 5000).scale).toBe(1.5);
  });

  it("grows taller with the tallest column", () => {
    const one = layoutGraph({ inputs: 1, layers: [1] }, 760);
    const many = layoutGraph({ inputs: 2, layers: [16, 1] }, 760);
    expect(many.height).toBeGreaterThan(one.height * 8);
  });
});

describe("weightLabelPoint", () => {
  it("sits on the connection, `distance` from the neuron it feeds", () => {
    const p = weightLabelPoint({ x: 0, y: 0 }, { x: 100, y: 0 }, 0, 1, 40);
    expect(p).toEqual({ x: 60, y: 0 });
  });

  it("stays off the middle of a short connection, where connections cross", () => {
    expect(weightLabelPoint({ x: 0, y: 0 }, { x: 50, y: 0 }, 0, 1, 40).x).toBeCloseTo(27.5);
  });

  it("keeps clear of the neuron's circle", () => {
    const layout = layoutGraph({ inputs: 2, layers: [1] }, 700);
    const from = layout.inputs[0]!;
    const to = layout.layers[0]![0]!;
    const p = weightLabelPoint(from, to, 0, 2, weightLabelDistance(layout, from, to));
    expect(Math.hypot(p.x - to.x, p.y - to.y)).toBeGreaterThan(layout.radius + 2 * layout.font.small);
  });

  it("fans out the labels of connections converging on one neuron", () => {
    const to = { x: 200, y: 100 };
    const a = weightLabelPoint({ x: 0, y: 0 }, to, 0, 2, 45);
    const b = weightLabelPoint({ x: 0, y: 200 }, to, 1, 2, 45);
    expect(Math.abs(a.y - b.y)).toBeGreaterThan(20);
    // staggered when there are many sources
    const c = weightLabelPoint({ x: 0, y: 100 }, to, 1, 3, 45);
    expect(200 - c.x).toBeGreaterThan(45);
  });
});

describe("edgeWidth", () => {
  it("grows with |w| and stops growing at 5", () => {
    expect(edgeWidth(0)).toBeLessThan(edgeWidth(1));
    expect(edgeWidth(-2)).toBe(edgeWidth(2));
    expect(edgeWidth(5)).toBe(edgeWidth(80));
  });
});
