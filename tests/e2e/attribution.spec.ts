// Who changed what (issue 14 item 5): in "everyone edits", Ana and Bo both set h1's bias. Bo, the
// teacher and the projector see Ana's name on the graph (and in "Last changes"); when Bo's value lands
// right after Ana's, Ana is told that hers was replaced, and Bo (whose value stands) is not. Then Bo
// sets a weight: its connection gets Bo's name, clear of the weight's own label.
import { expect, test, type Page } from "@playwright/test";
import { axeProblems, openProjector, studentJoins, teacherStartsSession, watchErrors } from "./helpers";

async function setBias(page: Page, value: string) {
  const field = page.getByTestId("bias-control-field");
  await field.fill(value);
  await field.press("Enter");
}

test("everyone edits: authors on the graph and in the list, and the overtaken notice", async ({ browser }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const { context, teacher, code } = await teacherStartsSession(browser, "seed-neuron", errors);
  const projector = await openProjector(context, code, errors);
  const ana = await studentJoins(browser, code, "Ana");
  const bo = await studentJoins(browser, code, "Bo");
  watchErrors(ana, errors, "Ana");
  watchErrors(bo, errors, "Bo");
  await expect(teacher.getByTestId("roster-entry")).toHaveCount(2);

  // not in "teacher drives": no list
  await expect(ana.getByTestId("last-changes")).toHaveCount(0);
  await teacher.getByTestId("mode-everyone").check();
  for (const page of [ana, bo]) {
    await expect(page.getByTestId("last-changes")).toContainText("No changes yet.");
    await page.getByTestId("neuron-0-0").click();
    await expect(page.getByTestId("bias-control-field")).toBeEnabled();
  }

  // Ana sets the bias: the others see her name by h1 and in the list; she sees no tag of her own
  await setBias(ana, "0.7");
  for (const page of [bo, teacher]) {
    await expect(page.getByTestId("neuron-changed-by-0-0")).toHaveText("Ana");
    await expect(page.getByTestId("last-change").first()).toHaveText(/^Ana: bias of h1 .* → 0\.7$/);
  }
  await expect(ana.getByTestId("last-change").first()).toHaveText(/^You: bias of h1 .* → 0\.7$/);
  await expect(ana.getByTestId("neuron-changed-by-0-0")).toHaveCount(0);
  await expect(projector.getByTestId("neuron-changed-by-0-0")).toHaveText("Ana");

  // Bo sets the same bias moments later: Ana's value is replaced, and she is told by whom
  await setBias(bo, "-0.2");
  await expect(ana.getByTestId("overtaken")).toHaveText(
    /Bo changed bias of h1 after you — your value 0\.7 was replaced by [−-]0\.2\./,
  );
  await expect(ana.getByTestId("neuron-changed-by-0-0")).toHaveText("Bo");
  await expect(ana.getByTestId("last-change").first()).toHaveText(/^Bo: bias of h1 0\.7 → [−-]0\.2$/);
  await expect(teacher.getByTestId("last-change")).toHaveCount(2);
  await expect(bo.getByTestId("overtaken")).toHaveCount(0);
  // the list, the tag and the notice on screen: nothing serious for assistive technology
  for (const page of [ana, teacher]) expect(await axeProblems(page)).toEqual([]);

  // the tag goes after a few seconds; the notice stays until dismissed; the list stays
  await expect(ana.getByTestId("neuron-changed-by-0-0")).toHaveCount(0, { timeout: 10_000 });
  await ana.getByTestId("overtaken").getByRole("button").click();
  await expect(ana.getByTestId("overtaken")).toHaveCount(0);
  await expect(ana.getByTestId("last-change")).toHaveCount(2);

  // a weight: the tag is on its connection (not on the neuron it feeds), apart from its label
  await bo.getByTestId("edge-0-0-0").click();
  const weight = bo.getByTestId("weight-control-field");
  await weight.fill("1.5");
  await weight.press("Enter");
  for (const page of [ana, teacher, projector]) {
    await expect(page.getByTestId("edge-changed-by-0-0-0")).toHaveText("Bo");
    await expect(page.getByTestId("neuron-changed-by-0-0")).toHaveCount(0);
  }
  await expect(ana.getByTestId("last-change").first()).toHaveText(/^Bo: weight x1→h1 .* → 1\.5$/);
  await expect(bo.getByTestId("edge-changed-by-0-0-0")).toHaveCount(0);
  // Ana has h1 selected: the weight's label is on screen beside the tag, and they do not overlap
  const label = await ana.getByTestId("weight-0-0-0").boundingBox();
  const tag = await ana.getByTestId("edge-changed-by-0-0-0").boundingBox();
  expect(label && tag).toBeTruthy();
  const apart =
    label!.x + label!.width <= tag!.x ||
    tag!.x + tag!.width <= label!.x ||
    label!.y + label!.height <= tag!.y ||
    tag!.y + tag!.height <= label!.y;
  expect(apart, JSON.stringify({ label, tag })).toBe(true);
  await expect(ana.getByTestId("edge-changed-by-0-0-0")).toHaveCount(0, { timeout: 10_000 });
  expect(errors).toEqual([]);
});
