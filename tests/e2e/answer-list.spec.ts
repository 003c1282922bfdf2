// The round's answer list end to end: while a round runs, the teacher's console lists each
// student's answer as it comes in and changes (smallest first, "not yet" last), and how far each is
// from the right answer only when the teacher asks; the projector lists the answers only once the
// teacher shows them, and without names when asked; the phones never show anyone else's answer.
import { expect, test, type Page } from "@playwright/test";
import { formatFixed } from "../../lib/format";
import { lessonBySlug } from "../../lib/lessons";
import { referenceForwardRow } from "../../lib/network/reference";
import { axeProblems, classOfThree, watchErrors } from "./helpers";

const NETWORK = lessonBySlug("what-is-passed-on")!.exercise.network;
/** h1's output at (0.5, −1): sigmoid(0.15) = 0.537 */
const TRUTH = referenceForwardRow(NETWORK, [0.5, -1]).layers[0]!.a[0]!;

async function answer(page: Page, text: string) {
  await page.getByTestId("round-answer-input").fill(text);
  await page.getByTestId("round-answer-input").press("Enter");
  await expect(page.getByTestId("round-mine")).toContainText(text);
}

test("the answer list: live in the console, on the projector only when shown, names optional", async ({ browser }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const { context, teacher, projector, code, ana, bo, chen } = await classOfThree(browser, "what-is-passed-on", errors);
  expect(formatFixed(TRUTH)).toBe("0.537");

  const panel = teacher.getByTestId("teacher-round");
  await panel.getByText("Ask about a neuron").click();
  await teacher.getByTestId("round-neuron").selectOption("0:0");
  await teacher.getByTestId("round-input-0").fill("0.5");
  await teacher.getByTestId("round-input-1").fill("-1");
  await teacher.getByTestId("round-open").click();

  const list = teacher.getByTestId("answer-list");
  const rows = list.getByTestId("answer-row");
  await expect(list).toContainText("Answers (0 of 3)");
  await expect(rows.getByTestId("answer-value")).toHaveText(["not yet", "not yet", "not yet"]);

  await answer(ana, "0.3");
  await answer(bo, "0.7");
  await answer(chen, "0.55");
  // smallest first; then Ana changes her mind and the list follows
  await expect(rows.getByTestId("answer-value")).toHaveText(["0.300", "0.550", "0.700"]);
  await answer(ana, "0.6");
  await expect(rows.getByTestId("answer-value")).toHaveText(["0.550", "0.600", "0.700"]);
  await expect(rows.nth(1)).toHaveAttribute("data-name", "Ana");
  await expect(list).toContainText("Answers (3 of 3)");

  // how far from the right answer: only on request, only in the console
  await expect(list.getByTestId("answer-distance")).toHaveCount(0);
  await list.getByTestId("answers-distance").check();
  await expect(list.getByTestId("answer-distance")).toHaveText(["+0.013 · wrong", "+0.063 · wrong", "+0.163 · wrong"]);

  // the projector: nothing until the teacher shows the list
  await expect(projector.getByTestId("projector-round")).toBeVisible();
  await expect(projector.getByTestId("projector-answers")).toHaveCount(0);
  // the switches are the session's state: checked once the server has it (click, then wait)
  await list.getByTestId("answers-shown").click();
  await expect(list.getByTestId("answers-shown")).toBeChecked();
  const shown = projector.getByTestId("projector-answer");
  await expect(shown).toHaveText(["小陈0.550", "Ana0.600", "Bo0.700"]);
  await expect(projector.locator("body")).not.toContainText("0.537");
  await expect(projector.locator("body")).not.toContainText("+0.0");
  expect(await axeProblems(projector)).toEqual([]);
  // a changed answer moves on the projector too
  await answer(bo, "0.2");
  await expect(shown).toHaveText(["Bo0.200", "小陈0.550", "Ana0.600"]);

  // without names
  await list.getByTestId("answers-anonymous").click();
  await expect(list.getByTestId("answers-anonymous")).toBeChecked();
  await expect(projector.getByTestId("projector-answers")).toHaveAttribute("data-anonymous", "true");
  await expect(shown).toHaveText(["0.200", "0.550", "0.600"]);
  await expect(projector.getByTestId("projector-answers")).not.toContainText("Ana");

  // the phones: their own answer only, never the list or anyone else's
  for (const [page, others] of [
    [ana, ["0.200", "0.550"]],
    [bo, ["0.600", "0.550"]],
    [chen, ["0.600", "0.200"]],
  ] as const) {
    await expect(page.getByTestId("answer-list")).toHaveCount(0);
    await expect(page.getByTestId("projector-answers")).toHaveCount(0);
    for (const value of [...others, "0.537"]) await expect(page.locator("body")).not.toContainText(value);
  }
  expect(await axeProblems(teacher)).toEqual([]);

  // a projector in Chinese: the same list under its Chinese title
  const zh = await context.newPage();
  watchErrors(zh, errors, "projector zh-CN");
  await zh.goto(`/t/${code}?view=projector&lang=zh-CN`);
  await expect(zh.getByRole("region", { name: "大家的答案" })).toBeVisible();
  await expect(zh.getByTestId("projector-answer")).toHaveText(["0.200", "0.550", "0.600"]);

  // hidden again: gone from the projector
  await list.getByTestId("answers-shown").click();
  await expect(list.getByTestId("answers-shown")).not.toBeChecked();
  await expect(projector.getByTestId("projector-answers")).toHaveCount(0);
  await expect(zh.getByTestId("projector-answers")).toHaveCount(0);
  expect(errors).toEqual([]);
});
