// Writing questions (lib/exercise/questions.ts): what may be kept, and the reason (a message key in
// both languages) when not; the list move the editor and the plan share.
import { describe, expect, it } from "vitest";
import { t } from "../../lib/i18n";
import { checkQuestion, isPermutation, moveItem, type QuestionErrorKey } from "../../lib/exercise/questions";
import { STEP_SIGMOID_NET } from "../helpers/transitions";

const numeric = { kind: "z", neuron: { layer: 1, index: 0 }, inputs: [1, 0] };
const choice = {
  kind: "choice",
  neuron: { layer: 1, index: 0 },
  inputs: [1, 0],
  prompt: { en: "Which way does the output move if w grows?" },
  choices: [{ en: "up" }, { en: "down" }, { en: "stays" }],
  answer: 0,
};

function problem(input: unknown, options?: { keyOptional?: boolean }): { key: QuestionErrorKey; path: string } {
  const checked = checkQuestion(STEP_SIGMOID_NET, input, options);
  if (checked.ok) throw new Error("accepted");
  return { key: checked.problem.key, path: checked.problem.path };
}

describe("checkQuestion", () => {
  it("keeps a numeric and a multiple-choice question as they were written", () => {
    expect(checkQuestion(STEP_SIGMOID_NET, numeric)).toEqual({ ok: true, round: numeric });
    expect(checkQuestion(STEP_SIGMOID_NET, choice)).toEqual({ ok: true, round: choice });
    expect(checkQuestion(STEP_SIGMOID_NET, { ...numeric, kind: "fires", neuron: { layer: 0, index: 0 } }).ok).toBe(
      true,
    );
  });

  it("names what is wrong, field by field", () => {
    expect(problem({ ...numeric, neuron: { layer: 3, index: 0 } })).toEqual({ key: "error.neuron", path: "neuron" });
    expect(problem({ ...numeric, inputs: [1] })).toEqual({ key: "error.inputs", path: "inputs" });
    expect(problem({ ...numeric, inputs: [1, 5000] })).toMatchObject({ key: "error.input", path: "inputs.1" });
    expect(problem({ ...numeric, kind: "fires" })).toEqual({ key: "error.fires", path: "kind" });
    expect(problem({ ...numeric, kind: "guess" })).toMatchObject({ key: "error.kind" });
    expect(problem({ ...numeric, answer: 1 })).toMatchObject({ key: "error.numericExtras" });
    expect(problem({ ...choice, prompt: undefined })).toMatchObject({ key: "error.prompt", path: "prompt" });
    expect(problem({ ...choice, choices: [{ en: "only" }] })).toMatchObject({ key: "error.choices" });
    expect(problem({ ...choice, choices: new Array(7).fill({ en: "x" }) })).toMatchObject({ key: "error.choices" });
    expect(problem({ ...choice, choices: [{ en: "up" }, { en: "  " }] })).toEqual({
      key: "error.choiceEmpty",
      path: "choices.1",
    });
    expect(problem({ ...choice, answer: undefined })).toEqual({ key: "error.answer", path: "answer" });
    expect(problem({ ...choice, answer: 3 })).toEqual({ key: "error.answer", path: "answer" });
    expect(problem({ ...numeric, tolerance: { full: 1, zero: 0.5 } })).toMatchObject({ key: "error.tolerance" });
    expect(problem({ ...numeric, timeLimitSeconds: 2 })).toMatchObject({ key: "error.timeLimit" });
    expect(problem({ ...numeric, extra: 1 })).toMatchObject({ key: "error.other" });
  });

  it("lets the exercise editor keep a choice question whose key its owner keeps, and nothing else", () => {
    const keyless = { ...choice, answer: undefined };
    expect(checkQuestion(STEP_SIGMOID_NET, keyless, { keyOptional: true }).ok).toBe(true);
    expect(problem({ ...keyless, prompt: undefined }, { keyOptional: true })).toMatchObject({ key: "error.prompt" });
  });

  it("has every reason in English and Chinese, and says it in English for the server's refusals", () => {
    const checked = checkQuestion(STEP_SIGMOID_NET, { ...choice, answer: undefined });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problem.message).toBe(t("en", "questions", "error.answer"));
    expect(t("zh-CN", "questions", "error.answer")).not.toBe(t("en", "questions", "error.answer"));
  });
});

describe("moveItem / isPermutation", () => {
  it("moves one item, clamped; leaves the list as it was", () => {
    const list = Object.freeze(["a", "b", "c", "d"]);
    expect(moveItem(list, 0, 1)).toEqual(["b", "a", "c", "d"]);
    expect(moveItem(list, 3, 0)).toEqual(["d", "a", "b", "c"]);
    expect(moveItem(list, 1, -5)).toEqual(["b", "a", "c", "d"]);
    expect(moveItem(list, 2, 99)).toEqual(["a", "b", "d", "c"]);
    expect(moveItem(list, 9, 0)).toEqual(list);
  });

  it("knows a reordering from a changed list", () => {
    expect(isPermutation([2, 0, 1], [0, 1, 2])).toBe(true);
    expect(isPermutation([0, 0, 1], [0, 1, 2])).toBe(false);
    expect(isPermutation([0, 1], [0, 1, 2])).toBe(false);
    expect(isPermutation([0, 1, 3], [0, 1, 2])).toBe(false);
  });
});
