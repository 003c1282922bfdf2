// The report's CSV: quoting, formulas kept as text, numbers in full, BOM and CRLF, and reading back.
import { describe, expect, it } from "vitest";
import { BOM, csvCell, csvFile, parseCsv } from "../../lib/rounds/csv";

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
    expect(csvCell(0.8082997479427314)).toBe("0.8082997479427314");
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
