// The live-session rules without a network: every action × role × mode × lock, and that a
// refused or malformed action leaves the state exactly as it was.
import { describe, expect, it } from "vitest";
import type { LabState } from "../../lib/network/ops";
import { NETWORK_FORMAT } from "../../lib/network/schema";
import { cleanNickname, distinctName } from "../../lib/session/nickname";
import {
  applyAction,
  EDIT_MODES,
  newSession,
  parseAndApplyAction,
  visibleLab,
  type Action,
  type Actor,
  type EditMode,
  type Lock,
  type SessionState,
} from "../../lib/session/rules";

const lab: LabState = {
  network: {
    format: NETWORK_FORMAT,
    inputs: ["x1", "x2"],
    layers: [
      {
        activation: "sigmoid",
        neurons: [
          { weights: [0.5, 0.2], bias: 0.1 },
          { weights: [1, 1], bias: 0 },
        ],
      },
      { activation: "linear", neurons: [{ weights: [1, 3], bias: 0 }] },
    ],
  },
  inputValues: [1, 1],
};

const teacher: Actor = { role: "teacher" };
const ana: Actor = { role: "student", id: "ana" };
const bo: Actor = { role: "student", id: "bo" };
const stranger: Actor = { role: "student", id: "nobody" };

function session(mode: EditMode = "teacher", locks: Lock[] = []): SessionState {
  return {
    ...newSession("ABCDEF", lab),
    mode,
    locks,
    participants: [
      { id: "ana", name: "Ana", joinedAt: 1 },
      { id: "bo", name: "Bo", joinedAt: 2 },
    ],
  };
}

const setBias: Action = { type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value: 0.7 } };
const setWeight: Action = { type: "edit", edit: { type: "setWeight", layer: 1, neuron: 0, from: 1, value: -2 } };
const addNeuron: Action = { type: "edit", edit: { type: "addNeuron", layer: 0 } };
const setInput: Action = { type: "edit", edit: { type: "setInputValue", input: 0, value: 3 } };

function expectRefused(state: SessionState, action: Action, actor: Actor, code: string) {
  const before = structuredClone(state);
  const result = applyAction(state, action, actor);
  expect(result.ok ? "accepted" : result.error.code).toBe(code);
  expect(state).toEqual(before);
}

describe("edits by mode and role", () => {
  const valueEdits = [setBias, setWeight, setInput];

  it.each(EDIT_MODES)("the teacher edits the shared network in %s mode", (mode) => {
    for (const action of [...valueEdits, addNeuron]) {
      const result = applyAction(session(mode), action, teacher);
      expect(result.ok && result.scope).toBe("shared");
      if (result.ok) expect(result.state.version).toBe(1);
    }
  });

  it("students only watch while the teacher drives", () => {
    for (const action of [...valueEdits, addNeuron]) expectRefused(session("teacher"), action, ana, "read_only");
  });

  it("in everyone-edits mode a student's value edit changes the shared network", () => {
    const result = applyAction(session("everyone"), setBias, ana);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scope).toBe("shared");
    expect(result.state.shared.network.layers[0]!.neurons[0]!.bias).toBe(0.7);
    expect(visibleLab(result.state, bo).network.layers[0]!.neurons[0]!.bias).toBe(0.7);
  });

  it("in everyone-edits mode the network's shape stays the teacher's", () => {
    expectRefused(session("everyone"), addNeuron, ana, "not_allowed");
  });

  it("in sandbox mode a student edits a private copy that nobody else sees", () => {
    const result = applyAction(session("sandbox"), setBias, ana);
    expect(result.ok && result.scope).toBe("sandbox");
    if (!result.ok) return;
    expect(result.state.version).toBe(0);
    expect(result.state.shared).toEqual(lab);
    expect(visibleLab(result.state, ana).network.layers[0]!.neurons[0]!.bias).toBe(0.7);
    expect(visibleLab(result.state, bo).network.layers[0]!.neurons[0]!.bias).toBe(0.1);
    // structural edits are fine in one's own sandbox
    const grown = applyAction(result.state, addNeuron, ana);
    expect(grown.ok).toBe(true);
  });

  it("refuses everything from someone who has not joined", () => {
    for (const mode of EDIT_MODES) expectRefused(session(mode), setBias, stranger, "not_joined");
  });
});

describe("locks", () => {
  const cases: [string, Lock, Action, boolean][] = [
    ["a neuron lock stops its bias", { kind: "neuron", layer: 0, neuron: 0 }, setBias, true],
    ["a neuron lock stops weights into it", { kind: "neuron", layer: 1, neuron: 0 }, setWeight, true],
    ["a neuron lock leaves other neurons free", { kind: "neuron", layer: 0, neuron: 1 }, setBias, false],
    ["a layer lock stops its neurons", { kind: "layer", layer: 0 }, setBias, true],
    ["a weight lock stops that weight", { kind: "weight", layer: 1, neuron: 0, from: 1 }, setWeight, true],
    ["a weight lock leaves the others", { kind: "weight", layer: 1, neuron: 0, from: 0 }, setWeight, false],
    ["an inputs lock stops input values", { kind: "inputs" }, setInput, true],
  ];

  it.each(cases)("%s (students, everyone and sandbox modes)", (_, lock, action, blocks) => {
    for (const mode of ["everyone", "sandbox"] as const) {
      const state = session(mode, [lock]);
      if (blocks) expectRefused(state, action, ana, "locked");
      else expect(applyAction(state, action, ana).ok).toBe(true);
    }
  });

  it("never stops the teacher", () => {
    const state = session("everyone", [{ kind: "layer", layer: 0 }, { kind: "inputs" }]);
    expect(applyAction(state, setBias, teacher).ok).toBe(true);
    expect(applyAction(state, setInput, teacher).ok).toBe(true);
  });

  it("are set and lifted by the teacher only", () => {
    const lock: Lock = { kind: "neuron", layer: 0, neuron: 0 };
    expectRefused(session("everyone"), { type: "lock", lock }, ana, "not_allowed");
    const locked = applyAction(session("everyone"), { type: "lock", lock }, teacher);
    expect(locked.ok).toBe(true);
    if (!locked.ok) return;
    expectRefused(locked.state, { type: "lock", lock }, teacher, "already_locked");
    const unlocked = applyAction(locked.state, { type: "unlock", lock }, teacher);
    expect(unlocked.ok && unlocked.state.locks).toEqual([]);
  });

  it("disappear with the neuron they pointed at", () => {
    const state = session("everyone", [{ kind: "neuron", layer: 0, neuron: 1 }]);
    const result = applyAction(state, { type: "edit", edit: { type: "removeNeuron", layer: 0, neuron: 1 } }, teacher);
    expect(result.ok && result.state.locks).toEqual([]);
  });
});

describe("teacher actions", () => {
  const teacherActions: Action[] = [
    { type: "setMode", mode: "everyone" },
    { type: "setJoining", open: false },
    { type: "lock", lock: { kind: "inputs" } },
    { type: "removeParticipant", participantId: "bo" },
    { type: "spotlight", participantId: "bo" },
    { type: "adoptSandbox", participantId: "bo" },
  ];

  it.each(teacherActions)("students cannot %j", (action) => {
    for (const mode of EDIT_MODES) expectRefused(session(mode), action, ana, "not_allowed");
  });

  it("removing a student drops their sandbox and spotlight", () => {
    let state = session("sandbox");
    const edited = applyAction(state, setBias, bo);
    if (!edited.ok) throw new Error();
    state = edited.state;
    const lit = applyAction(state, { type: "spotlight", participantId: "bo" }, teacher);
    if (!lit.ok) throw new Error();
    expect(visibleLab(lit.state, ana).network.layers[0]!.neurons[0]!.bias).toBe(0.7);
    const removed = applyAction(lit.state, { type: "removeParticipant", participantId: "bo" }, teacher);
    expect(removed.ok).toBe(true);
    if (!removed.ok) return;
    expect(removed.state.participants.map((p) => p.id)).toEqual(["ana"]);
    expect(removed.state.sandboxes).toEqual({});
    expect(removed.state.spotlight).toBeNull();
  });

  it("adopting a sandbox makes it the shared network", () => {
    const edited = applyAction(session("sandbox"), setWeight, bo);
    if (!edited.ok) throw new Error();
    const adopted = applyAction(edited.state, { type: "adoptSandbox", participantId: "bo" }, teacher);
    expect(adopted.ok && adopted.state.shared.network.layers[1]!.neurons[0]!.weights).toEqual([1, -2]);
    expectRefused(session("sandbox"), { type: "adoptSandbox", participantId: "ana" }, teacher, "no_sandbox");
  });

  it("closing and opening the session to new students", () => {
    const closed = applyAction(session("teacher"), { type: "setJoining", open: false }, teacher);
    expect(closed.ok && closed.state.joiningClosed).toBe(true);
    if (!closed.ok) return;
    expect(closed.scope).toBe("session");
    expect(closed.state.version).toBe(session("teacher").version + 1);
    expectRefused(closed.state, { type: "setJoining", open: false }, teacher, "unchanged");
    const open = applyAction(closed.state, { type: "setJoining", open: true }, teacher);
    expect(open.ok && "joiningClosed" in open.state).toBe(false);
    expectRefused(session("teacher"), { type: "setJoining", open: true }, teacher, "unchanged");
  });

  it("leaving sandbox mode ends the spotlight", () => {
    const edited = applyAction(session("sandbox"), setBias, bo);
    if (!edited.ok) throw new Error();
    const lit = applyAction(edited.state, { type: "spotlight", participantId: "bo" }, teacher);
    if (!lit.ok) throw new Error();
    const switched = applyAction(lit.state, { type: "setMode", mode: "teacher" }, teacher);
    expect(switched.ok && switched.state.spotlight).toBeNull();
  });
});

describe("malformed actions change nothing", () => {
  it.each([
    null,
    "edit",
    { type: "edit" },
    { type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value: "0.7" } },
    { type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value: 1e9 } },
    { type: "edit", edit: { type: "setBias", layer: 0, neuron: 9, value: 1 } },
    { type: "setMode", mode: "chaos" },
    { type: "lock", lock: { kind: "everything" } },
    { type: "spotlight", participantId: "x".repeat(65) },
    { type: "__proto__" },
  ])("%j", (input) => {
    const state = session("everyone");
    const before = structuredClone(state);
    const result = parseAndApplyAction(state, input, teacher);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(3);
    expect(state).toEqual(before);
  });
});

describe("nicknames", () => {
  it("are trimmed, folded and limited", () => {
    expect(cleanNickname("  Li   Wei \u200b ")).toEqual({ ok: true, name: "Li Wei" });
    expect(cleanNickname("小明")).toEqual({ ok: true, name: "小明" });
    expect(cleanNickname("   ").ok).toBe(false);
    expect(cleanNickname("x".repeat(25)).ok).toBe(false);
    expect(cleanNickname(42).ok).toBe(false);
  });

  it("keep markup as plain text (rendering escapes it) and refuse abuse", () => {
    expect(cleanNickname("<b>Bo</b>")).toEqual({ ok: true, name: "<b>Bo</b>" });
    expect(cleanNickname("F.u.c.k").ok).toBe(false);
    expect(cleanNickname("草泥马").ok).toBe(false);
  });

  it("are made distinct", () => {
    expect(distinctName("Ana", ["ana", "Bo"])).toBe("Ana 2");
    expect(distinctName("Ana", ["Ana", "Ana 2"])).toBe("Ana 3");
    expect(distinctName("Cy", ["Ana"])).toBe("Cy");
  });
});

describe("ids a prototype could answer", () => {
  // a plain object answers these from Object.prototype: `state.sandboxes["__proto__"]` once
  // turned the shared network into `{}`
  const HOSTILE = ["__proto__", "constructor", "hasOwnProperty", "toString", "valueOf", "__defineGetter__"];

  it("are unknown ids: every action naming one is refused by name and changes nothing", () => {
    for (const mode of EDIT_MODES) {
      const state = { ...session(mode), sandboxes: { ana: lab } };
      const before = structuredClone(state);
      for (const id of HOSTILE) {
        expectRefused(state, { type: "adoptSandbox", participantId: id }, teacher, "no_sandbox");
        expectRefused(state, { type: "spotlight", participantId: id }, teacher, "no_such_participant");
        expectRefused(state, { type: "removeParticipant", participantId: id }, teacher, "no_such_participant");
        // a student actor with such an id is nobody in this session
        expectRefused(state, setBias, { role: "student", id }, "not_joined");
      }
      expect(state).toEqual(before);
    }
  });

  it("never show a prototype's value as a lab", () => {
    for (const id of HOSTILE) {
      const state: SessionState = { ...session("sandbox"), spotlight: id };
      expect(visibleLab(state, teacher)).toBe(state.shared);
      expect(visibleLab(state, { role: "student", id })).toBe(state.shared);
    }
  });
});
