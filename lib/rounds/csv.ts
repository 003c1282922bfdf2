// The report as CSV files for spreadsheets: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte
// order mark (so Excel reads Chinese names and prompts right), and no formulas: a text cell that
// starts with = + − @ or a control character gets a leading apostrophe, so a nickname like
// "=HYPERLINK(…)" stays text. Numbers are written to 15 significant digits: all a float64 holds
// reliably, so binary noise such as 0.1 − 0.15 = −0.04999999999999999 comes out as −0.05.
import type { Locale } from "../exercise/schema";
import type { LocalizedText } from "../exercise/schema";
import { t } from "../i18n";
import { partOf, type SessionReport } from "./report";

export const BOM = "\uFEFF";

type Cell = string | number | null;

/** One cell: numbers as they are, text quoted when it must be and defused when it could be a formula. */
export function csvCell(value: Cell, kind: "text" | "number" = typeof value === "number" ? "number" : "text"): string {
  if (value === null) return "";
  let text = String(value);
  if (kind === "number" && typeof value === "number") {
    text = Number.isFinite(value) ? csvNumber(value) : "";
  } else if (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A finite number as a spreadsheet should read it: 15 significant digits, no float noise. */
export function csvNumber(value: number): string {
  return String(Number(value.toPrecision(15)));
}

export function csvLine(cells: readonly Cell[]): string {
  return cells.map((cell) => csvCell(cell)).join(",");
}

/** A whole file: the BOM, a header line, rows, CRLF after every line. */
export function csvFile(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + [header, ...rows].map((row) => `${csvLine(row)}\r\n`).join("");
}

function localized(text: LocalizedText | null | undefined, locale: Locale): string {
  if (!text) return "";
  return text[locale] ?? text.en ?? text["zh-CN"] ?? "";
}

export const ANSWER_COLUMNS = [
  "round",
  "kind",
  "neuron",
  "inputs",
  "question",
  "status",
  "truth",
  "student",
  "answer",
  "error",
  "points",
  "speed_bonus",
  "score",
  "seconds",
  "exercise",
] as const;

/**
 * One row per answer of every revealed or cancelled round (a cancelled round scores nothing).
 * Choice rounds write the options' text as truth and answer; `error` is for numeric kinds only. A
 * round without a prompt (opened on the live page) has the question the screens asked. `exercise`:
 * the title of the part the round was played in, when the lesson switched exercises.
 */
export function answersCsv(report: SessionReport, locale: Locale = "en"): string {
  const rows: Cell[][] = [];
  for (const round of report.rounds) {
    if (round.truth === null) continue;
    const numeric = round.kind === "output" || round.kind === "z";
    const option = (i: number) => localized(round.choices?.[i], locale) || String(i + 1);
    const truth: Cell = round.kind === "choice" ? option(round.truth) : round.truth;
    for (const a of round.answers) {
      rows.push([
        round.number,
        round.kind,
        round.neuronName,
        round.inputs.join(" "),
        localized(round.prompt, locale) || t(locale, "rounds", `ask.${round.kind}`, { name: round.neuronName }),
        round.status,
        truth,
        a.name,
        round.kind === "choice" ? option(a.value) : a.value,
        numeric ? a.error : null,
        a.points,
        a.bonus,
        a.points + a.bonus,
        Math.round(a.afterMs / 100) / 10,
        partOf(report, round.number)?.title ?? "",
      ]);
    }
  }
  return csvFile(ANSWER_COLUMNS, rows);
}

export const STUDENT_COLUMNS = [
  "rank",
  "student",
  "total",
  "rounds_answered",
  "right",
  "best_streak",
  "removed",
] as const;

export function studentsCsv(report: SessionReport): string {
  return csvFile(
    STUDENT_COLUMNS,
    report.students.map((s) => [s.rank, s.name, s.total, s.answered, s.right, s.bestStreak, s.removed ? "yes" : ""]),
  );
}

/** Reads a CSV written by csvFile back into rows (for tests and the e2e check): quotes, CRLF, BOM. */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
