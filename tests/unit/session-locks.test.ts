// The padlocks on the graph: which neurons a lock covers.
import { describe, expect, it } from "vitest";
import { lessonBySlug } from "../../lib/lessons";
import { lockedNeurons } from "../../lib/session/locks";

describe("lockedNeurons", () => {
  const network = lessonBySlug("what-is-passed-on")!.exercise.network;

  it("marks a locked neuron and every neuron of a locked layer; weights and inputs mark none", () => {
    expect([...lockedNeurons(network, [])]).toEqual([]);
    expect([...lockedNeurons(network, [{ kind: "neuron", layer: 0, neuron: 1 }])]).toEqual(["0:1"]);
    expect([...lockedNeurons(network, [{ kind: "layer", layer: 1 }])].sort()).toEqual(["1:0", "1:1"]);
    expect([...lockedNeurons(network, [{ kind: "weight", layer: 0, neuron: 0, from: 1 }, { kind: "inputs" }])]).toEqual(
      [],
    );
    // a lock about a layer the network no longer has marks nothing
    expect([...lockedNeurons(network, [{ kind: "layer", layer: 7 }])]).toEqual([]);
  });
});
