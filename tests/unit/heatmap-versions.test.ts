import { describe, expect, it } from "vitest";
import { PictureVersions } from "../../lib/heatmap/versions";
import type { Network } from "../../lib/network/schema";
import { randomNetwork, seededRandom } from "../helpers/random-network";

const base = (): Network => randomNetwork(seededRandom(5), { inputs: 2, layerSizes: [3, 2, 1], scale: 1 });

function changed(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([id, v]) => before.get(id) !== v).map(([id]) => id);
}

describe("PictureVersions", () => {
  it("an edit changes the edited neuron and every later layer, nothing else", () => {
    const versions = new PictureVersions();
    const net = base();
    const first = versions.update(net, "128 -6 6");
    expect(first.size).toBe(2 + 3 + 2 + 1);
    expect(changed(first, versions.update(structuredClone(net), "128 -6 6"))).toEqual([]);

    const edited = structuredClone(net);
    edited.layers[0]!.neurons[1]!.bias += 0.5;
    const second = versions.update(edited, "128 -6 6");
    expect(changed(first, second)).toEqual(["0:1", "1:0", "1:1", "2:0"]);

    const outputOnly = structuredClone(edited);
    outputOnly.layers[2]!.neurons[0]!.weights[1] = 3;
    expect(changed(second, versions.update(outputOnly, "128 -6 6"))).toEqual(["2:0"]);

    const activation = structuredClone(outputOnly);
    activation.layers[1]!.neurons[0]!.activation = "relu";
    expect(changed(second, versions.update(activation, "128 -6 6"))).toEqual(["1:0", "2:0"]);
  });

  it("a new range or resolution changes every picture, the inputs' too", () => {
    const versions = new PictureVersions();
    const before = versions.update(base(), "128 -6 6");
    const after = versions.update(base(), "128 -2 2");
    expect(changed(before, after)).toHaveLength(before.size);
  });
});
