// The round's answer list (lib/session/answer-list.ts): its order and its distance from the
// truth, and the projector's lines. The "show answers on the projector" request is in
// session-rounds.test.ts, with the other round requests.
import { describe, expect, it } from "vitest";
import { answerRows, projectedAnswers } from "../../lib/session/answer-list";

const participants = [
  { id: "ana", name: "Ana", joinedAt: 1 },
  { id: "bo", name: "Bo", joinedAt: 2 },
  { id: "cy", name: "Cy", joinedAt: 3 },
  { id: "di", name: "Di", joinedAt: 4 },
];

describe("the list", () => {
  const answers = new Map([
    ["cy", 0.9],
    ["ana", 0.4],
    ["di", 0.4],
    ["gone", 0.1], // removed from the session: not listed
  ]);

  it("lists the answers smallest first (equal ones by name), then who has not answered, by name", () => {
    expect(answerRows(participants, answers).map((row) => [row.name, row.value])).toEqual([
      ["Ana", 0.4],
      ["Di", 0.4],
      ["Cy", 0.9],
      ["Bo", null],
    ]);
  });

  it("with the truth: each answer's signed distance and whether it earned full points", () => {
    const rows = answerRows(participants, answers, { kind: "output", truth: 0.5, tolerance: { full: 0.1, zero: 0.5 } });
    expect(rows.map((row) => [row.name, row.error, row.right])).toEqual([
      ["Ana", expect.closeTo(-0.1, 12), true],
      ["Di", expect.closeTo(-0.1, 12), true],
      ["Cy", expect.closeTo(0.4, 12), false],
      ["Bo", undefined, undefined],
    ]);
    // exact kinds: right or wrong, no distance
    const choice = answerRows(
      participants,
      new Map([
        ["ana", 2],
        ["bo", 1],
      ]),
      {
        kind: "choice",
        truth: 2,
        tolerance: { full: 0, zero: 1 },
      },
    );
    expect(choice.map((row) => [row.name, row.error, row.right])).toEqual([
      ["Bo", undefined, false],
      ["Ana", undefined, true],
      ["Cy", undefined, undefined],
      ["Di", undefined, undefined],
    ]);
  });

  it("the projector: only answers given, without names or ids when anonymous", () => {
    const rows = answerRows(participants, answers);
    expect(projectedAnswers(rows, false)).toEqual([
      { key: "ana", name: "Ana", value: 0.4 },
      { key: "di", name: "Di", value: 0.4 },
      { key: "cy", name: "Cy", value: 0.9 },
    ]);
    const anonymous = projectedAnswers(rows, true);
    expect(anonymous.map((line) => line.value)).toEqual([0.4, 0.4, 0.9]);
    expect(JSON.stringify(anonymous)).not.toMatch(/ana|di|cy|Ana|Di|Cy/);
  });
});
