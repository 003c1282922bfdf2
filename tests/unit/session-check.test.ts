// The transaction check (lib/session/check.ts): before a change replaces a session's value, the
// parts that changed must parse and the version may move by one at most. It lets every valid
// change through (the fuzz test holds it to that) and catches each kind of broken value here.
import { describe, expect, it } from "vitest";
import { AnswerBook } from "../../lib/rounds/answer-book";
import { emptyServerData, type SessionValue } from "../../lib/session/authority";
import { transitionProblem } from "../../lib/session/check";
import { emptyServerRounds } from "../../lib/session/rounds";
import { newSession } from "../../lib/session/rules";
import { blankLab } from "../../server/live/labs";

function value(): SessionValue {
  return {
    state: { ...newSession("ABCDEF", blankLab()), participants: [{ id: "ana", name: "Ana", joinedAt: 1 }] },
    server: emptyServerData(),
    rounds: emptyServerRounds(),
  };
}

describe("transitionProblem", () => {
  it("lets a valid change through", () => {
    const before = value();
    const shared = structuredClone(before.state.shared);
    shared.network.layers[0]!.neurons[0]!.bias = 0.3;
    expect(transitionProblem(before, { ...before, state: { ...before.state, version: 1, shared } })).toBeNull();
  });

  it("catches a broken lab, a version that jumps or goes back, and a changed code", () => {
    const before = value();
    const broken = { ...before.state, version: 1, shared: {} as never };
    expect(transitionProblem(before, { ...before, state: broken })).toMatch(/^state\.shared/);
    expect(transitionProblem(before, { ...before, state: { ...before.state, version: 2 } })).toMatch(/version 0 → 2/);
    const later = { ...before, state: { ...before.state, version: 5 } };
    expect(transitionProblem(later, before)).toMatch(/version 5 → 0/);
    expect(transitionProblem(before, { ...before, state: { ...before.state, code: "OTHERS" } })).toBe("code changed");
    const nan = structuredClone(before.state.shared);
    nan.inputValues[0] = Number.NaN;
    expect(transitionProblem(before, { ...before, state: { ...before.state, version: 1, shared: nan } })).toMatch(
      /inputValues/,
    );
  });

  it("catches a key a prototype answers, a bad participant, a twice-used id and an unknown field", () => {
    const before = value();
    const sandboxes = JSON.parse(`{"__proto__": ${JSON.stringify(blankLab())}}`) as Record<string, never>;
    expect(transitionProblem(before, { ...before, state: { ...before.state, sandboxes } })).toMatch(/__proto__/);
    const bad = [...before.state.participants, { id: "constructor", name: "Eve", joinedAt: 2 }];
    expect(transitionProblem(before, { ...before, state: { ...before.state, participants: bad } })).toMatch(
      /participants\.1/,
    );
    const twice = [...before.state.participants, { id: "ana", name: "Ana 2", joinedAt: 2 }];
    expect(transitionProblem(before, { ...before, state: { ...before.state, participants: twice } })).toMatch(/twice/);
    const extra = { ...before.state, secret: 42 } as never;
    expect(transitionProblem(before, { ...before, state: extra })).toMatch(/unknown field/);
  });

  it("catches broken server data and a broken round book", () => {
    const before = value();
    const server = { ...before.server, resumeTokens: { toString: "hash" } };
    expect(transitionProblem(before, { ...before, server })).toMatch(/resumeTokens/);
    const answers = AnswerBook.from([["ana", { value: Number.POSITIVE_INFINITY, at: 1, name: "Ana" }]]);
    expect(transitionProblem(before, { ...before, rounds: { ...before.rounds, answers } })).toMatch(/answers\.ana/);
  });
});
