// The answers of a round as an immutable map that is cheap to change (lib/rounds/answer-book.ts):
// it reads like a Map, a change leaves the old book as it was (a failed write keeps it), and
// `changedSince` finds exactly the entries that are new or replaced.
import { describe, expect, it } from "vitest";
import { AnswerBook } from "../../lib/rounds/answer-book";

const answer = (value: number) => ({ value, at: value, name: `S${value}` });

describe("AnswerBook", () => {
  it("reads like a Map, and a change leaves the old book untouched", () => {
    const ids = Array.from({ length: 200 }, (_, i) => `p${i}`);
    const book = AnswerBook.from(ids.map((id, i) => [id, answer(i)]));
    expect(book.size).toBe(200);
    expect(book.get("p7")).toEqual(answer(7));
    expect(book.get("__proto__")).toBeUndefined();
    expect(book.has("toString")).toBe(false);
    const next = book.with("p7", answer(70)).with("new", answer(1));
    expect(next.size).toBe(201);
    expect(next.get("p7")).toEqual(answer(70));
    expect(book.get("p7")).toEqual(answer(7));
    expect(book.size).toBe(200);
    expect(new Map(next)).toEqual(
      new Map([...ids.map((id, i) => [id, i === 7 ? answer(70) : answer(i)] as const), ["new", answer(1)]]),
    );
    expect([...next.values()]).toHaveLength(201);
  });

  it("names exactly the entries that are new or replaced", () => {
    const book = AnswerBook.from([
      ["a", answer(1)],
      ["b", answer(2)],
    ]);
    const next = book.with("b", answer(3)).with("c", answer(4));
    expect(new Map(next.changedSince(book))).toEqual(
      new Map([
        ["b", answer(3)],
        ["c", answer(4)],
      ]),
    );
    expect(next.changedSince(next)).toEqual([]);
    expect(AnswerBook.empty().size).toBe(0);
  });
});
