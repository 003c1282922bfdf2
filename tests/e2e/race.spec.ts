// The activation race end to end: ONE teacher (controls + projector) and THREE students on phones,
// each in their own browser context. The teacher starts a race on XOR with the class's 2-4-1
// network; each student picks activations and a learning rate, trains in their phone's worker and
// submits; the projector shows everyone's curves and the ranking by the server's own test loss
// (the same number the phone showed: same wasm, same float32 weights); a phone reloads and finds
// its entry; the teacher spotlights a curve, adopts the winner's network and stops the race.
import { expect, test, type Page } from "@playwright/test";
import { classOfThree, docsScreenshot } from "./helpers";

const EPOCHS = 60;

/** Picks the hidden layer's activation and the rate, trains to the race's end and submits. */
async function race(page: Page, hidden: string, rate: string) {
  const card = page.getByTestId("race-card");
  await expect(card).toBeVisible();
  await card.getByTestId("race-activation-0").selectOption(hidden);
  await card.getByTestId("race-rate").selectOption(rate);
  await card.getByTestId("race-train").click();
  const progress = card.getByTestId("race-progress");
  await expect(progress).toHaveAttribute("data-epoch", String(EPOCHS));
  await expect(progress).toHaveAttribute("data-running", "false");
  const shown = (await progress.textContent()) ?? "";
  await card.getByTestId("race-submit").click();
  await expect(card.getByTestId("race-result")).toBeVisible();
  return shown;
}

test("a race: a teacher and three students, curves on the projector, ranking, reload, spotlight, adopt, stop", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const { teacher, projector, ana, bo, chen } = await classOfThree(browser, "xor-by-training", errors);

  // ---- the teacher starts a race on XOR, kept short
  const panel = teacher.getByTestId("race-panel");
  await panel.getByTestId("race-kind").selectOption("xor");
  await panel.getByTestId("race-points").fill("100");
  await panel.getByTestId("race-epochs").fill(String(EPOCHS));
  await panel.getByTestId("race-start").click();
  await expect(panel.getByTestId("race-phase")).toHaveAttribute("data-phase", "running");
  await expect(projector.getByTestId("projector-race")).toBeVisible();
  await expect(chen.getByTestId("race-card")).toContainText("激活函数竞赛");

  // ---- three students race (in parallel, each on their own phone)
  const shown = await Promise.all([race(ana, "tanh", "0.3"), race(bo, "linear", "0.3"), race(chen, "relu", "0.3")]);
  for (const text of shown) expect(text).toMatch(/\d/);

  // ---- the projector: everyone's curves, the ranking by the server's loss, best first
  await expect(projector.getByTestId("race-curve")).toHaveCount(3);
  const rows = projector.getByTestId("race-rank-row");
  await expect(rows).toHaveCount(3);
  const losses = (await projector.getByTestId("race-rank-loss").allTextContents()).map((t) => Number(t.split(" ")[0]));
  expect([...losses].sort((a, b) => a - b)).toEqual(losses);
  // honest phones: the device's number is the server's (no "reported … not what this network gives")
  await expect(projector.getByTestId("race-rank-mismatch")).toHaveCount(0);
  // each phone shows its own place
  for (const page of [ana, bo, chen])
    await expect(page.getByTestId("race-result")).toHaveAttribute("data-rank", /[123]/);
  const anaLoss = await projector
    .locator('[data-testid="race-rank-row"][data-name="Ana"] [data-testid="race-rank-loss"]')
    .textContent();
  expect(await ana.getByTestId("race-result").textContent()).toContain(anaLoss!.split(" ")[0]!);

  // only a phone that came back says its entry is back
  await expect(bo.getByTestId("race-restored")).toHaveCount(0);
  await bo.getByTestId("race-card").scrollIntoViewIfNeeded();
  await bo.screenshot({ path: docsScreenshot("race-student.png") });

  // ---- a phone reloads: its entry comes back (curve, result)
  await ana.reload();
  await expect(ana.getByTestId("race-card")).toBeVisible();
  await expect(ana.getByTestId("race-result")).toBeVisible();
  await expect(ana.getByTestId("race-restored")).toBeVisible();
  await expect(ana.getByTestId("race-progress")).toHaveAttribute("data-epoch", String(EPOCHS));
  await expect(ana.getByTestId("race-card").getByTestId("race-curve")).toHaveCount(1);

  // ---- the teacher spotlights the winner's curve, adopts their network, stops the race
  const winner = teacher.getByTestId("race-rank-row").first();
  const winnerName = (await winner.getAttribute("data-name"))!;
  await winner.getByTestId("race-spotlight").click();
  await expect(projector.getByTestId("projector-race")).toContainText(`Spotlight: ${winnerName}`);
  await projector.screenshot({ path: docsScreenshot("race-projector.png") });
  await winner.getByTestId("race-adopt").click();
  await expect(teacher.getByTestId("race-message")).toContainText(winnerName);
  await panel.getByTestId("race-stop").click();
  await expect(panel.getByTestId("race-phase")).toHaveAttribute("data-phase", "stopped");
  await expect(bo.getByTestId("race-phase")).toHaveAttribute("data-phase", "stopped");
  await expect(bo.getByTestId("race-train")).toHaveCount(0);

  expect(errors).toEqual([]);
});
