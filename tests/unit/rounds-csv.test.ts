// The report's CSV: quoting, formulas kept as text, numbers without float noise, BOM and CRLF, the
// question of a round opened without a prompt, and reading back.
import { describe, expect, it } from "vitest";
import { answersCsv, BOM, csvCell, csvFile, parseCsv } from "../../lib/rounds/csv";
import type { ReportRound, SessionReport } from "../../lib/rounds/report";

describe("csv cells", () => {
  it("quotes commas, quotes, line breaks and edge spaces; doubles quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvCell("李雷")).toBe("李雷");
    expect(csvCell(null)).toBe("");
  });

  it("keeps formula-like text as text, but negative numbers as numbers", () => {
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("=1,2")).toBe('"\'=1,2"');
    expect(csvCell(-0.5)).toBe("-0.5");
    expect(csvCell(0.8082997479427314)).toBe("0.808299747942731");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("writes numbers to 15 significant digits: no binary float noise", () => {
    expect(csvCell(0.1 - 0.15)).toBe("-0.05"); // −0.04999999999999999
    expect(csvCell(0.1 + 0.2)).toBe("0.3");
    expect(csvCell(0.6 - 0.6899744811276125)).toBe("-0.0899744811276125");
    expect(csvCell(1000)).toBe("1000");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(1e-7)).toBe("1e-7");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("a file starts with the BOM, ends every line with CRLF, and reads back", () => {
    const text = csvFile(
      ["name", "value"],
      [
        ["Ana, B", -1.5],
        ['"Q"', null],
        ["李雷\r\n2", 3],
      ],
    );
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parseCsv(text)).toEqual([
      ["name", "value"],
      ["Ana, B", "-1.5"],
      ['"Q"', ""],
      ["李雷\r\n2", "3"],
    ]);
  });
});

describe("answers.csv", () => {
  const round: ReportRound = {
    id: "r1",
    number: 1,
    kind: "output",
    neuron: { layer: 0, index: 0 },
    neuronName: "h1",
    inputs: [1, 1],
    prompt: null,
    choices: null,
    tolerance: { full: 0.01, zero: 0.5 },
    speedBonus: false,
    timeLimitSeconds: null,
    scriptIndex: null,
    openedAt: 0,
    closedAt: 1,
    revealedAt: 2,
    status: "revealed",
    answered: 1,
    truth: 0.15,
    working: null,
    spread: null,
    answers: [{ participantId: "a", name: "Ana", value: 0.1, afterMs: 3000, error: 0.1 - 0.15, points: 900, bonus: 0 }],
  };
  const report: SessionReport = {
    code: "K7PQ2M",
    exerciseSlug: null,
    parts: [],
    createdAt: 0,
    endedAt: null,
    generatedAt: 0,
    rounds: [round],
    students: [],
  };

  it("a round opened without a prompt has the question the screens asked; the error has no noise", () => {
    const [, row] = parseCsv(answersCsv(report));
    expect(row![4]).toBe("What does h1 output?");
    expect(row![9]).toBe("-0.05");
    const [, zh] = parseCsv(answersCsv(report, "zh-CN"));
    expect(zh![4]).toBe("h1 的输出是多少？");
  });
});
