// Prediction rounds end to end: ONE teacher (controls + projector) and THREE students on phones,
// each in their own browser context. The teacher opens a round about a hidden neuron; every screen
// (the projector too) shows "?" for it and for everything downstream; the students answer ("0,54"
// with a decimal comma, "−0.5" with the real minus sign) and the teacher sees only how many; the
// reveal shows the truth with its arithmetic, the histogram and each student's own result; the
// leaderboard; a scripted choice round; the report and its CSV, parsed. Screenshots of the reveal.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { formatFixed } from "../../lib/format";
import { lessonBySlug } from "../../lib/lessons";
import { referenceForwardRow } from "../../lib/network/reference";
import { parseCsv } from "../../lib/rounds/csv";
import { classOfThree, docsScreenshot, watchErrors } from "./helpers";

const NETWORK = lessonBySlug("what-is-passed-on")!.exercise.network;
const INPUTS = [0.5, -1];
const ROW = referenceForwardRow(NETWORK, INPUTS);
/** h1's output at the round's inputs: sigmoid(0.5·0.5 + 0.2·(−1) + 0.1) = sigmoid(0.15) */
const TRUTH = ROW.layers[0]!.a[0]!;

async function answer(page: Page, text: string) {
  const field = page.getByTestId("round-answer-input");
  await expect(field).toHaveAttribute("inputmode", "decimal");
  await field.fill(text);
  await field.press("Enter");
  await expect(page.getByTestId("round-mine")).toBeVisible();
}

test("a prediction round: hidden values, answers, reveal, leaderboard, a scripted round, report and CSV", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const errors: string[] = [];

  // ---- the teacher starts a session from the lesson page; the projector in a second tab
  const {
    context: teacherContext,
    teacher,
    projector,
    code,
    ana,
    bo,
    chen,
  } = await classOfThree(browser, "what-is-passed-on", errors);
  const students = [ana, bo, chen];

  // ---- an ad-hoc round about h1 (layer 0) at (0.5, −1), 60 s, speed bonus
  const panel = teacher.getByTestId("teacher-round");
  await panel.getByText("Ask about a neuron").click();
  await teacher.getByTestId("round-neuron").selectOption("0:0");
  await teacher.getByTestId("round-kind").selectOption("output");
  await teacher.getByTestId("round-input-0").fill("0.5");
  await teacher.getByTestId("round-input-1").fill("-1");
  await teacher.getByTestId("round-time-limit").fill("60");
  await teacher.getByTestId("round-open").click();
  await expect(teacher.getByTestId("round-status")).toHaveAttribute("data-phase", "open");
  await expect(teacher.getByTestId("round-answered")).toHaveText("0 of 3 answered");
  await expect(teacher.getByTestId("round-countdown")).toHaveText(/\d+ s left/);

  // every screen: the question with its inputs; h1 and all downstream hidden, h2 shown
  for (const page of [...students, teacher, projector]) {
    await expect(page.getByTestId("round-question")).toBeVisible();
    await expect(page.getByTestId("round-inputs")).toContainText("x2 = −1");
    await expect(page.getByTestId("neuron-value-0-0")).toHaveText("?");
    await expect(page.getByTestId("neuron-value-1-0")).toHaveText("?");
    await expect(page.getByTestId("neuron-value-1-1")).toHaveText("?");
    await expect(page.getByTestId("neuron-value-0-1")).toHaveText(formatFixed(ROW.layers[0]!.a[1]!));
    await expect(page.getByTestId("round-hidden-note")).toBeVisible();
    await expect(page.getByTestId("heatmaps")).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(formatFixed(TRUTH));
  }
  // the inspector of h1: the parts to work it out from, "?" for the result
  await ana.getByTestId("neuron-0-0").click();
  await expect(ana.getByTestId("inspector-hidden")).toBeVisible();
  await expect(ana.getByTestId("inspector-arithmetic")).toHaveText("0.5·0.5 + 0.2·(−1) + 0.1 = ? → sigmoid(?) = ?");
  await expect(ana.getByTestId("inspector-output")).toHaveText("?");

  // ---- the students answer; a wrong format is refused on the phone; answers can change
  await ana.getByTestId("round-answer-input").fill("abc");
  await ana.getByTestId("round-answer-submit").click();
  await expect(ana.getByTestId("round-answer-error")).toBeVisible();
  await answer(ana, "0,5");
  await answer(ana, formatFixed(TRUTH).replace(".", ",")); // changed: "0,537"
  await answer(bo, "−0.5");
  await answer(chen, "0.6");
  await expect(ana.getByTestId("round-mine")).toContainText(formatFixed(TRUTH));
  await expect(teacher.getByTestId("round-answered")).toHaveText("3 of 3 answered");
  await expect(projector.getByTestId("round-answered")).toHaveText("3 of 3 answered");
  // the teacher sees how many, never what
  for (const page of [teacher, projector]) {
    await expect(page.getByTestId("round-question")).not.toContainText("0.6");
    await expect(page.locator("body")).not.toContainText(formatFixed(TRUTH));
  }

  // ---- reveal
  await teacher.getByTestId("round-reveal").click();
  for (const page of [...students, teacher, projector]) {
    await expect(page.getByTestId("round-status")).toHaveAttribute("data-phase", "revealed");
    await expect(page.getByTestId("round-truth")).toContainText(formatFixed(TRUTH));
    await expect(page.getByTestId("round-arithmetic")).toHaveText(
      `0.5·0.5 + 0.2·(−1) + 0.1 = 0.15 → sigmoid(0.15) = ${formatFixed(TRUTH)}`,
    );
    await expect(page.getByTestId("round-histogram")).toBeVisible();
    await expect(page.getByTestId("neuron-value-0-0")).toHaveText(formatFixed(TRUTH));
    await expect(page.getByTestId("heatmaps")).toHaveCount(1);
  }
  const counts = (await teacher.getByTestId("round-histogram").getAttribute("data-counts"))!.split(",").map(Number);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
  await expect(ana.getByTestId("round-result")).toHaveAttribute("data-points", "1000");
  await expect(ana.getByTestId("round-result")).toContainText("Right!");
  await expect(bo.getByTestId("round-result")).toHaveAttribute("data-points", "0");
  await expect(bo.getByTestId("round-standing")).toContainText("rank 3 of 3");
  await expect(chen.getByTestId("round-result")).toContainText("得");

  // ---- the leaderboard on every screen
  await panel.getByText("Leaderboard", { exact: true }).click();
  await teacher.getByTestId("board-toggle").click();
  for (const page of [...students, projector]) {
    await expect(page.getByTestId("leaderboard")).toBeVisible();
    await expect(page.getByTestId("leaderboard").locator("tbody tr").first()).toContainText("Ana");
  }
  await ana.getByTestId("round-reveal").scrollIntoViewIfNeeded();
  await ana.screenshot({ path: docsScreenshot("rounds-student.png"), fullPage: false });
  await projector.getByTestId("projector-round").scrollIntoViewIfNeeded();
  await projector.screenshot({ path: docsScreenshot("rounds-projector.png"), fullPage: false });
  // anonymous: no names on the shared screens
  await teacher.getByTestId("board-anonymous").check();
  await expect(projector.getByTestId("leaderboard")).not.toContainText("Ana");
  await expect(projector.getByTestId("leaderboard")).toContainText("Student #1");

  // ---- the exercise's first round (a choice), run from the script
  await expect(teacher.getByTestId("round-next")).toBeVisible();
  await teacher.getByTestId("round-next").click(); // the first of the exercise's rounds not run yet: 0
  await expect(teacher.getByTestId("round-status")).toHaveAttribute("data-phase", "open");
  await expect(ana.getByTestId("round-option-2")).toHaveText("its output");
  await ana.getByTestId("round-option-2").click();
  await expect(ana.getByTestId("round-option-2")).toHaveAttribute("aria-pressed", "true");
  await bo.getByTestId("round-option-0").click();
  await expect(bo.getByTestId("round-option-0")).toHaveAttribute("aria-pressed", "true");
  await expect(teacher.getByTestId("round-answered")).toHaveText("2 of 3 answered");
  await teacher.getByTestId("round-close").click();
  await expect(chen.getByTestId("round-status")).toHaveAttribute("data-phase", "closed");
  await teacher.getByTestId("round-reveal").click();
  await expect(ana.getByTestId("round-counts")).toHaveAttribute("data-counts", "1,0,1,0");
  await expect(ana.getByTestId("round-result")).toHaveAttribute("data-points", "1000");
  await teacher.getByTestId("round-clear").click();
  for (const page of [...students, projector]) await expect(page.getByTestId("round-question")).toHaveCount(0);

  // ---- the report, from the teacher's link, and its CSV
  const [report] = await Promise.all([teacherContext.waitForEvent("page"), teacher.getByTestId("report-link").click()]);
  watchErrors(report, errors, "report");
  await expect(report.getByTestId("report-round-1")).toContainText(formatFixed(TRUTH));
  expect(report.url()).toMatch(new RegExp(`/report/${code}$`)); // the teacher key stays out of the address
  await expect(report.getByTestId("report-round-2")).toContainText("its output");
  await expect(report.getByTestId("report-students")).toContainText("小陈");
  const [download] = await Promise.all([report.waitForEvent("download"), report.getByTestId("csv-answers").click()]);
  expect(download.suggestedFilename()).toBe(`activation-lab-${code}-answers.csv`);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.toString("utf8"));
  expect(rows[0]!.slice(0, 9)).toEqual([
    "round",
    "kind",
    "neuron",
    "inputs",
    "question",
    "status",
    "truth",
    "student",
    "answer",
  ]);
  const first = rows.slice(1).filter((r) => r[0] === "1");
  expect(first.map((r) => r[7]).sort()).toEqual(["Ana", "Bo", "小陈"].sort());
  const byName = Object.fromEntries(first.map((r) => [r[7], r]));
  expect(Number(byName.Ana![8])).toBe(Number(formatFixed(TRUTH)));
  expect(byName.Bo![8]).toBe("-0.5");
  expect(byName["小陈"]![8]).toBe("0.6");
  expect(Number(byName.Ana![6])).toBeCloseTo(TRUTH, 12);
  expect(byName.Ana![10]).toBe("1000");
  expect(byName.Bo![10]).toBe("0");
  const second = rows.slice(1).filter((r) => r[0] === "2");
  expect(second.map((r) => [r[7], r[8], r[6]]).sort()).toEqual([
    ["Ana", "its output", "its output"],
    ["Bo", "its inputs", "its output"],
  ]);

  expect(errors).toEqual([]);
  for (const page of students) await page.context().close();
  await teacherContext.close();
});
