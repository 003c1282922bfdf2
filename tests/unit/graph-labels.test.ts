// Weight labels on a phone: in a 2-2-2 network the crossing connections would put two labels on
// one spot; placed labels touch neither each other nor a node, at every phone width.
import { describe, expect, it } from "vitest";
import {
  layoutGraph,
  placeWeightLabels,
  weightLabelBox,
  weightLabelPoint,
  weightLabelDistance,
  type WeightLabel,
} from "../../lib/lab/graph-layout";

function labelsOf(shape: { inputs: number; layers: number[] }, width: number, text = "-0.35") {
  const layout = layoutGraph(shape, width);
  const labels: WeightLabel[] = [];
  shape.layers.forEach((size, l) => {
    const sources = l === 0 ? layout.inputs : layout.layers[l - 1]!;
    for (let j = 0; j < size; j++)
      sources.forEach((from, k) =>
        labels.push({ from, to: layout.layers[l]![j]!, source: k, sourceCount: sources.length, text }),
      );
  });
  return { layout, labels };
}

const overlap = (a: ReturnType<typeof weightLabelBox>, b: ReturnType<typeof weightLabelBox>) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe("weight labels", () => {
  it("collided before: a 2-2-2 network on a 390 px phone puts two labels on one spot", () => {
    const { layout, labels } = labelsOf({ inputs: 2, layers: [2, 2] }, 340);
    const usual = labels.map((l) =>
      weightLabelBox(
        layout,
        l.text,
        weightLabelPoint(l.from, l.to, l.source, l.sourceCount, weightLabelDistance(layout, l.from, l.to)),
      ),
    );
    const pairs = usual.flatMap((a, i) => usual.slice(i + 1).filter((b) => overlap(a, b)));
    expect(pairs.length).toBeGreaterThan(0);
  });

  for (const shape of [
    { inputs: 2, layers: [2, 2] },
    { inputs: 2, layers: [2, 1] },
    { inputs: 2, layers: [3, 1] },
  ]) {
    it(`${shape.inputs}-${shape.layers.join("-")}: no two labels and no label and node touch, 300–560 px`, () => {
      for (let width = 300; width <= 560; width += 10) {
        const { layout, labels } = labelsOf(shape, width);
        const boxes = placeWeightLabels(layout, labels).map((p, i) => weightLabelBox(layout, labels[i]!.text, p));
        boxes.forEach((a, i) =>
          boxes
            .slice(i + 1)
            .forEach((b, j) => expect(overlap(a, b), `width ${width}: ${i} and ${i + j + 1}`).toBe(false)),
        );
        for (const node of [...layout.inputs, ...layout.layers.flat()]) {
          for (const box of boxes) {
            const nx = Math.min(Math.max(node.x, box.x), box.x + box.w);
            const ny = Math.min(Math.max(node.y, box.y), box.y + box.h);
            expect(Math.hypot(node.x - nx, node.y - ny)).toBeGreaterThanOrEqual(layout.radius);
          }
        }
        // each label stays on its own connection
        placeWeightLabels(layout, labels).forEach((p, i) => {
          const { from, to } = labels[i]!;
          const cross = (p.x - to.x) * (from.y - to.y) - (p.y - to.y) * (from.x - to.x);
          expect(Math.abs(cross) / Math.hypot(from.x - to.x, from.y - to.y)).toBeLessThan(1e-6);
        });
      }
    });
  }
});

describe("name tags on connections (everyone edits)", () => {
  it("a tag after every label of a 2-2-1 network touches none of them nor a node, on its line or beside it, 300–560 px", () => {
    let beside = 0;
    for (let width = 300; width <= 560; width += 10) {
      const { layout, labels } = labelsOf({ inputs: 2, layers: [2, 1] }, width, "1.5");
      // every weight labelled (a neuron selected on a phone), then a name tag on each connection in turn
      for (const [t, edge] of labels.entries()) {
        for (const name of ["Bo", "小丁同学"]) {
          const tag: WeightLabel = { ...edge, text: name, pad: 6, beside: true };
          const all = [...labels, tag];
          const points = placeWeightLabels(layout, all);
          const boxes = points.map((p, i) => weightLabelBox(layout, all[i]!.text, p, all[i]!.pad));
          const tagBox = boxes.at(-1)!;
          boxes
            .slice(0, -1)
            .forEach((box, i) => expect(overlap(box, tagBox), `width ${width}, tag ${t}: label ${i}`).toBe(false));
          for (const node of [...layout.inputs, ...layout.layers.flat()]) {
            const nx = Math.min(Math.max(node.x, tagBox.x), tagBox.x + tagBox.w);
            const ny = Math.min(Math.max(node.y, tagBox.y), tagBox.y + tagBox.h);
            expect(Math.hypot(node.x - nx, node.y - ny)).toBeGreaterThanOrEqual(layout.radius);
          }
          const p = points.at(-1)!;
          const cross = (p.x - edge.to.x) * (edge.from.y - edge.to.y) - (p.y - edge.to.y) * (edge.from.x - edge.to.x);
          if (Math.abs(cross) > 1e-6) beside++;
        }
      }
    }
    // the crowded phone widths are what "beside" is for
    expect(beside).toBeGreaterThan(0);
  });
});
