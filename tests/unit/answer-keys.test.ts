// The answer keys of choice rounds stay on the server: the pure rules (withhold, keep on save)
// and the built-in lessons' keys, which live in server code, not in the bundled lesson files.
import { describe, expect, it } from "vitest";
import {
  keepAnswerKeys,
  keepSealedKeys,
  roundsWithoutAnswerKey,
  withoutAnswerKeys,
} from "../../lib/exercise/answer-keys";
import { parseExercise, type Exercise } from "../../lib/exercise/schema";
import { LESSONS } from "../../lib/lessons";
import { checkRound } from "../../lib/rounds/model";
import { fullLesson, LESSON_ANSWER_KEYS } from "../../server/lessons/answer-keys";

function exercise(): Exercise {
  const parsed = parseExercise({
    format: "activation-lab/exercise@1",
    title: "t",
    network: {
      format: "activation-lab/network@1",
      inputs: ["x1"],
      layers: [{ activation: "sigmoid", neurons: [{ weights: [1], bias: 0 }] }],
    },
    rounds: [
      { kind: "output", neuron: { layer: 0, index: 0 }, inputs: [1] },
      { kind: "choice", neuron: { layer: 0, index: 0 }, inputs: [1], choices: [{ en: "a" }, { en: "b" }], answer: 1 },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe("withholding and keeping answer keys", () => {
  it("leaves out every choice round's answer and nothing else", () => {
    const full = exercise();
    const open = withoutAnswerKeys(full);
    expect(open.rounds[1]).not.toHaveProperty("answer");
    expect(open.rounds[1]!.choices).toEqual(full.rounds[1]!.choices);
    expect(open.rounds[0]).toEqual(full.rounds[0]);
    expect(full.rounds[1]!.answer).toBe(1); // the original is not changed
    expect(parseExercise(open).ok).toBe(true); // still a valid file: it can be exported and imported
    expect(roundsWithoutAnswerKey(open)).toEqual([1]);
    expect(roundsWithoutAnswerKey(full)).toEqual([]);
  });

  it("puts a withheld key back only on the same question, wherever the editor moved it", () => {
    const stored = exercise();
    expect(keepAnswerKeys(withoutAnswerKeys(stored), stored).rounds[1]!.answer).toBe(1);
    const changed = withoutAnswerKeys(stored);
    changed.rounds[1] = { ...changed.rounds[1]!, choices: [{ en: "c" }, { en: "d" }] };
    expect(keepAnswerKeys(changed, stored).rounds[1]).not.toHaveProperty("answer");
    // reordering questions (the exercise editor's up / down) keeps each key with its question
    const moved = withoutAnswerKeys(stored);
    moved.rounds.reverse();
    const kept = keepAnswerKeys(moved, stored).rounds;
    expect(kept.map((r) => r.answer)).toEqual(stored.rounds.map((r) => r.answer).reverse());
    // a moved and changed question keeps none
    moved.rounds[0] = { ...moved.rounds[0]!, inputs: moved.rounds[0]!.inputs.map((v) => v + 1) };
    expect(kept.map((r) => r.answer)).toEqual([1, undefined]);
    expect(keepAnswerKeys(moved, stored).rounds[0]).not.toHaveProperty("answer");
    // sealed keys move with their question too
    const sealed = [null, { answer: 1, origin: { kind: "lesson" as const, slug: "x" } }];
    const reversed = withoutAnswerKeys(stored);
    reversed.rounds.reverse();
    expect(keepSealedKeys(reversed, withoutAnswerKeys(stored), sealed)).toEqual([sealed[1], null]);
    // a key the page sets itself wins
    const reanswered = structuredClone(stored);
    reanswered.rounds[1]!.answer = 0;
    expect(keepAnswerKeys(reanswered, stored).rounds[1]!.answer).toBe(0);
  });

  it("a choice round without its key cannot be opened, and says why", () => {
    const round = withoutAnswerKeys(exercise()).rounds[1]!;
    const refusal = checkRound(exercise().network, round);
    expect(refusal).toMatchObject({ code: "invalid_round", path: "answer" });
    expect(refusal!.message).toContain("no answer key");
  });
});

describe("the built-in lessons' answer keys", () => {
  it("are not in the lesson files that pages bundle", () => {
    for (const lesson of LESSONS) expect(JSON.stringify(lesson.exercise)).not.toContain('"answer"');
  });

  it("exist on the server for every choice round, fit it, and for nothing else", () => {
    let choices = 0;
    for (const lesson of LESSONS) {
      const full = fullLesson(lesson.slug)!;
      expect(parseExercise(full).ok).toBe(true);
      full.rounds.forEach((round, i) => {
        if (round.kind !== "choice") return expect(round).not.toHaveProperty("answer");
        choices++;
        expect(round.answer).toBeGreaterThanOrEqual(0);
        expect(round.answer).toBeLessThan(round.choices!.length);
        expect(checkRound(full.network, round)).toBeNull();
        expect(LESSON_ANSWER_KEYS[lesson.slug]![i]).toBe(round.answer);
      });
    }
    const keys = Object.values(LESSON_ANSWER_KEYS).reduce((n, byRound) => n + Object.keys(byRound).length, 0);
    expect(choices).toBeGreaterThan(0);
    expect(keys).toBe(choices);
    for (const slug of Object.keys(LESSON_ANSWER_KEYS)) expect(fullLesson(slug)).toBeDefined();
  });
});
