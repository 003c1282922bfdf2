import { describe, expect, it } from "vitest";
import { affineEquation, applyEquivalent, checkPoints, collapseCheck } from "../../lib/heatmap/collapse-view";
import { linearCollapse } from "../../lib/lessons/linear-collapse";
import { collapseLinear } from "../../lib/network/collapse";
import type { Network } from "../../lib/network/schema";

describe("affineEquation", () => {
  it("writes the equivalent layer as a teacher would", () => {
    expect(affineEquation("y", [1.25, -0.5], 0.3, ["x1", "x2"])).toBe("y = 1.25·x1 − 0.5·x2 + 0.3");
    expect(affineEquation("o", [-1.25, 2.75], -0.3, ["x1", "x2"])).toBe("o = −1.25·x1 + 2.75·x2 − 0.3");
    expect(affineEquation("o", [1, 1], 0, ["x1", "x2"])).toBe("o = x1 + x2");
    expect(affineEquation("o", [-1, 0.0001], -0.0001, ["a", "b"])).toBe("o = −a");
    expect(affineEquation("o", [0, 0], 0, ["x1", "x2"])).toBe("o = 0");
    expect(affineEquation("o", [0, 0], -2, ["x1", "x2"])).toBe("o = −2");
    expect(affineEquation("o", [0.8000000000000002], 0, [])).toBe("o = 0.8·x1");
  });
});

describe("collapse check", () => {
  it("uses the four corners and two points off the unit square for two inputs", () => {
    expect(checkPoints(2)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, -1],
      [-3, 0.5],
    ]);
    expect(checkPoints(1)).toEqual([[0], [1], [2], [-3]]);
  });

  it("the linear-collapse lesson equals o = −1.25·x1 + 2.75·x2 − 0.3 on every point", () => {
    const net = linearCollapse.exercise.network;
    const result = collapseLinear(net);
    if (!result.ok) throw new Error("the lesson's network is all linear");
    const [weights] = result.layer.weights;
    expect(affineEquation("o", weights!, result.layer.biases[0]!, net.inputs)).toBe("o = −1.25·x1 + 2.75·x2 − 0.3");
    const rows = collapseCheck(net, result.layer, checkPoints(2));
    expect(rows.every((row) => row.same)).toBe(true);
    expect(rows[3]!.network[0]).toBeCloseTo(1.2, 12);
    expect(rows[4]!.single[0]).toBeCloseTo(-5.55, 12);
  });

  it("notices a layer that is not the network's equivalent", () => {
    const net: Network = {
      format: "activation-lab/network@1",
      inputs: ["x1", "x2"],
      layers: [{ activation: "linear", neurons: [{ weights: [1, 2], bias: 0 }] }],
    };
    expect(applyEquivalent({ weights: [[1, 2]], biases: [0.5] }, [1, 1])).toEqual([3.5]);
    const rows = collapseCheck(net, { weights: [[1, 2]], biases: [0.5] }, checkPoints(2));
    expect(rows.some((row) => !row.same)).toBe(true);
  });
});
