// Who changed what: the last-changes list, the graph's name tags, and the "overtaken" rule (our
// value replaced by someone else's moments after it landed).
import { describe, expect, it } from "vitest";
import type { Edit, LabState } from "../../lib/network/ops";
import { NETWORK_FORMAT } from "../../lib/network/schema";
import {
  authorOf,
  CHANGES_KEPT,
  graphTags,
  EMPTY_ATTRIBUTION,
  observe,
  OVERTAKE_MS,
  recentTags,
  TAG_MS,
  type Attribution,
  type Overtaken,
} from "../../lib/live/attribution";
import type { AppliedEvent } from "../../lib/session/protocol";
import { applyAction, newSession, type Actor, type SessionState } from "../../lib/session/rules";

const lab: LabState = {
  network: {
    format: NETWORK_FORMAT,
    inputs: ["x1", "x2"],
    layers: [{ activation: "sigmoid", neurons: [{ weights: [0.5, 0.2], bias: 0.1 }] }],
  },
  inputValues: [1, 1],
};

const ANA: Actor = { role: "student", id: "ana" };
const BO: Actor = { role: "student", id: "bo" };
const TEACHER: Actor = { role: "teacher" };
const bias = (value: number): Edit => ({ type: "setBias", layer: 0, neuron: 0, value });
const weight = (value: number): Edit => ({ type: "setWeight", layer: 0, neuron: 0, from: 1, value });

/** Folds edits one by one, as a client would, recording what `me` would be told. */
function run(
  me: Actor | null,
  steps: { by: Actor; edit: Edit; at: number }[],
  mode: SessionState["mode"] = "everyone",
) {
  let state: SessionState = {
    ...newSession("ABCDEF", lab),
    mode,
    participants: [
      { id: "ana", name: "Ana", joinedAt: 1 },
      { id: "bo", name: "Bo", joinedAt: 2 },
    ],
  };
  let attribution: Attribution = EMPTY_ATTRIBUTION;
  const notices: Overtaken[] = [];
  for (const step of steps) {
    const event: AppliedEvent = { version: state.version + 1, action: { type: "edit", edit: step.edit }, by: step.by };
    const result = observe(attribution, state, event, me, step.at);
    attribution = result.attribution;
    if (result.overtaken) notices.push(result.overtaken);
    const applied = applyAction(state, event.action as { type: "edit"; edit: Edit }, { role: "teacher" });
    if (!applied.ok) throw new Error(applied.error.message);
    state = applied.state;
  }
  return { attribution, notices, state };
}

describe("last changes", () => {
  it("records who changed which parameter from what to what, newest first", () => {
    const { attribution } = run(null, [
      { by: ANA, edit: bias(0.7), at: 1000 },
      { by: BO, edit: weight(-0.3), at: 2000 },
    ]);
    expect(attribution.changes.map((c) => [c.by, c.param, c.from, c.to])).toEqual([
      [BO, { kind: "weight", layer: 0, neuron: 0, from: 1 }, 0.2, -0.3],
      [ANA, { kind: "bias", layer: 0, neuron: 0 }, 0.1, 0.7],
    ]);
  });

  it("keeps only the last few changes", () => {
    const steps = Array.from({ length: CHANGES_KEPT + 5 }, (_, i) => ({ by: ANA, edit: bias(i / 100), at: i }));
    const { attribution } = run(null, steps);
    expect(attribution.changes).toHaveLength(CHANGES_KEPT);
    expect(attribution.changes[0]?.to).toBe((CHANGES_KEPT + 4) / 100);
  });

  it("records nothing outside everyone-edits", () => {
    expect(run(null, [{ by: TEACHER, edit: bias(0.7), at: 1 }], "teacher").attribution.changes).toEqual([]);
  });

  it("tags a parameter with its latest author for a few seconds only", () => {
    const { attribution } = run(null, [
      { by: ANA, edit: bias(0.7), at: 1000 },
      { by: BO, edit: bias(0.8), at: 1500 },
    ]);
    expect(recentTags(attribution, 2000).get("bias:0:0")?.by).toEqual(BO);
    expect(recentTags(attribution, 1500 + TAG_MS + 1).size).toBe(0);
  });

  it("forgets tags after a shape change (indices point elsewhere)", () => {
    const { attribution } = run(null, [
      { by: ANA, edit: bias(0.7), at: 1000 },
      { by: TEACHER, edit: { type: "addNeuron", layer: 0 }, at: 1100 },
    ]);
    expect(recentTags(attribution, 1200).size).toBe(0);
  });

  it("names authors from the participants, with a fallback for one who left", () => {
    const people = [{ id: "ana", name: "Ana", joinedAt: 1 }];
    expect(authorOf(ANA, people, BO)).toEqual({ kind: "student", name: "Ana" });
    expect(authorOf(ANA, people, ANA)).toEqual({ kind: "you" });
    expect(authorOf(TEACHER, people, ANA)).toEqual({ kind: "teacher" });
    expect(authorOf(BO, people, ANA)).toEqual({ kind: "gone" });
  });
});

describe("graph tags", () => {
  const participants = [
    { id: "ana", name: "Ana", joinedAt: 1 },
    { id: "bo", name: "Bo", joinedAt: 2 },
  ];
  const word = (author: { kind: string; name?: string }) => author.name ?? author.kind;

  it("tags a weight on its connection and a bias on its neuron, each with its latest author", () => {
    const { attribution } = run(null, [
      { by: ANA, edit: weight(0.9), at: 1000 },
      { by: BO, edit: bias(0.3), at: 1100 },
      { by: TEACHER, edit: { type: "setWeight", layer: 0, neuron: 0, from: 0, value: 2 }, at: 1200 },
      { by: BO, edit: weight(0.4), at: 1300 },
    ]);
    const tags = graphTags(attribution, 1400, participants, null, word);
    expect(tags && Object.fromEntries(tags)).toEqual({ "0:0:1": "Bo", "0:0": "Bo", "0:0:0": "teacher" });
  });

  it("leaves out my own changes, input values, and tags older than a few seconds", () => {
    const { attribution } = run(ANA, [
      { by: BO, edit: weight(0.9), at: 1000 },
      { by: ANA, edit: bias(0.3), at: 1000 + TAG_MS },
      { by: BO, edit: { type: "setInputValue", input: 0, value: 3 }, at: 1000 + TAG_MS },
    ]);
    expect(graphTags(attribution, 1000 + TAG_MS, participants, ANA, word)?.get("0:0:1")).toBe("Bo");
    expect(graphTags(attribution, 1001 + TAG_MS, participants, ANA, word)).toBeNull();
  });

  it("names a student who left with the fallback word", () => {
    const { attribution } = run(null, [{ by: { role: "student", id: "cy" }, edit: weight(1), at: 1000 }]);
    expect(graphTags(attribution, 1000, participants, null, word)?.get("0:0:1")).toBe("gone");
  });
});

describe("overtaken", () => {
  it("tells me when someone else's edit of the same parameter replaces mine soon after", () => {
    const { notices } = run(ANA, [
      { by: ANA, edit: bias(0.7), at: 1000 },
      { by: BO, edit: bias(-0.2), at: 1800 },
    ]);
    expect(notices).toEqual([
      { param: { kind: "bias", layer: 0, neuron: 0 }, by: BO, yours: 0.7, theirs: -0.2, version: 2 },
    ]);
  });

  it("does not tell the one whose edit came last (theirs replaced an older value)", () => {
    const { notices } = run(BO, [
      { by: ANA, edit: bias(0.7), at: 1000 },
      { by: BO, edit: bias(-0.2), at: 1800 },
    ]);
    expect(notices).toEqual([]);
  });

  it("never counts my own later edits", () => {
    expect(
      run(ANA, [
        { by: ANA, edit: bias(0.7), at: 1000 },
        { by: ANA, edit: bias(0.9), at: 1100 },
      ]).notices,
    ).toEqual([]);
  });

  it("ignores edits of other parameters", () => {
    expect(
      run(ANA, [
        { by: ANA, edit: bias(0.7), at: 1000 },
        { by: BO, edit: weight(0.4), at: 1100 },
      ]).notices,
    ).toEqual([]);
  });

  it("ignores a change long after mine (not a conflict), and tells only once", () => {
    expect(
      run(ANA, [
        { by: ANA, edit: bias(0.7), at: 1000 },
        { by: BO, edit: bias(0.1), at: 1000 + OVERTAKE_MS + 1 },
      ]).notices,
    ).toEqual([]);
    expect(
      run(ANA, [
        { by: ANA, edit: bias(0.7), at: 1000 },
        { by: BO, edit: bias(0.1), at: 1100 },
        { by: TEACHER, edit: bias(0.2), at: 1200 },
      ]).notices,
    ).toHaveLength(1);
  });

  it("counts the teacher's edit over mine too", () => {
    const { notices } = run(ANA, [
      { by: ANA, edit: weight(0.7), at: 1000 },
      { by: TEACHER, edit: weight(0.1), at: 1100 },
    ]);
    expect(notices.map((n) => n.by)).toEqual([TEACHER]);
  });
});
