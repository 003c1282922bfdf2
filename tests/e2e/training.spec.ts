// Training in the lesson view, in a real browser: the XOR lesson learns (test loss below 0.1),
// pauses, takes a weight edit that undo takes back, and goes on; the all-linear choice stays at
// the best line's loss; divergence shows a message (never NaN) and a way on; the trained weights
// are saved as an exercise; the curve a worker in Chromium trains is the curve Node trains, bit
// for bit; a page that does not train never downloads the training module; and the controls work
// on a phone.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { loadTrainingKernel } from "../../lib/kernel/loader";
import { lessonBySlug, XOR_LINE_BOUND } from "../../lib/lessons";
import type { Network } from "../../lib/network/schema";
import { createTrainingHost } from "../../lib/training/host";
import { createTrainer } from "../../lib/training/kernel-trainer";
import type { TrainingEvent, TrainingSnapshot } from "../../lib/training/protocol";
import { dataSpecOf, trainingSettingsSchema } from "../../lib/training/settings";
import { watchErrors } from "./helpers";

/** The page's uncaught errors and console errors, collected as they come. */
function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  watchErrors(page, errors, "page");
  return errors;
}

const status = (page: Page) => page.getByTestId("training-status");

/** The exact number the status carries in `data-{name}`. */
async function statusNumber(page: Page, name: string): Promise<number> {
  return Number(await status(page).getAttribute(`data-${name}`));
}

/** Opens a training lesson and waits until it can train (the worker's module has loaded). */
async function openLesson(page: Page, slug: string) {
  await page.goto(`/e/${slug}`);
  await expect(page.getByTestId("training-play")).toBeEnabled();
  await expect(status(page)).toHaveAttribute("data-state", "ready");
}

/** Waits until the run has stopped by itself for `reason`. */
async function stoppedFor(page: Page, reason: "epochs" | "target" | "diverged") {
  await expect(status(page)).toHaveAttribute("data-stopped", reason, { timeout: 20_000 });
  await expect(status(page)).toHaveAttribute("data-running", "false");
}

/** The chart's recorded curve: [epoch, training loss, test loss] per point (exposed while stopped). */
async function chartCurve(page: Page): Promise<[number, number, number | null][]> {
  const data = await page.getByTestId("loss-chart").getAttribute("data-curve");
  expect(data).not.toBeNull();
  return JSON.parse(data!) as [number, number, number | null][];
}

test("XOR by training: play until the test loss is below 0.1, pause, edit a weight (undo works), go on", async ({
  page,
}) => {
  const errors = errorsOf(page);
  await openLesson(page, "xor-by-training");
  await expect(page.getByTestId("training-claim")).toContainText("0.240");
  // the data set over the output heatmap: 100 training and 100 test points
  await expect(page.getByTestId("data-points")).toHaveAttribute("data-train", "100");
  await expect(page.getByTestId("data-points")).toHaveAttribute("data-test", "100");
  const startLoss = await statusNumber(page, "test-loss");
  expect(startLoss).toBeGreaterThan(0.2);
  // no stop after 600 epochs: it trains until paused, however slowly this machine runs the test
  await page.getByText("Data · Learning · When to stop").click();
  await page.getByTestId("training-stop-after-on").uncheck();

  await page.getByTestId("training-play").click();
  await expect(status(page)).toHaveAttribute("data-running", "true");
  await expect(page.getByTestId("editor-notice")).toHaveText("Pause training to edit the network.");
  await expect
    .poll(() => statusNumber(page, "test-loss"), {
      timeout: 20_000,
      message: "the displayed test loss drops below 0.1",
    })
    .toBeLessThan(0.1);
  await page.getByTestId("training-pause").click();
  await expect(status(page)).toHaveAttribute("data-running", "false");
  await expect(page.getByTestId("editor-notice")).toHaveCount(0);
  const pausedAt = await statusNumber(page, "epoch");
  expect(pausedAt).toBeGreaterThan(0);
  await expect(page.getByTestId("training-epoch")).toHaveText(String(pausedAt));

  // the paused network is the lab's: select o and change its bias like any edit
  await page.getByTestId("neuron-1-0").click();
  const bias = page.getByRole("textbox", { name: "Bias of o, exact value" });
  const trained = await bias.inputValue();
  expect(Number(trained)).not.toBeCloseTo(
    Number(lessonBySlug("xor-by-training")!.exercise.network.layers[1]!.neurons[0]!.bias),
    3,
  );
  await bias.fill("5");
  await bias.press("Enter");
  await expect(page.getByTestId("neuron-1-0")).toContainText("b = 5");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(bias).toHaveValue(trained);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(bias).toHaveValue("5");

  // play goes on from the edited weights and the epoch it paused at
  await page.getByTestId("training-play").click();
  await expect.poll(() => statusNumber(page, "epoch")).toBeGreaterThan(pausedAt);
  await page.getByTestId("training-pause").click();
  await expect(status(page)).toHaveAttribute("data-running", "false");
  expect(await bias.inputValue()).not.toBe("5"); // trained on from 5
  expect(errors).toEqual([]);
});

test("the all-linear choice stays at the best any straight line can do", async ({ page }) => {
  await openLesson(page, "xor-by-training");
  await page.getByTestId("training-speed").selectOption("full");
  await page.getByTestId("training-variant-linear").click();
  await expect(page.getByTestId("training-variant-linear")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("neuron-0-0")).toHaveAttribute("aria-label", /activation Linear/);
  await page.getByTestId("training-play").click();
  await stoppedFor(page, "epochs");
  const curve = await chartCurve(page);
  expect(curve.at(-1)![0]).toBe(600);
  // float32 against the float64 bound: within 1e-6
  expect(Math.min(...curve.map(([, train]) => train))).toBeGreaterThanOrEqual(XOR_LINE_BOUND - 1e-6);
  expect(await statusNumber(page, "train-loss")).toBeLessThan(XOR_LINE_BOUND + 0.01);
  await expect(page.getByTestId("loss-mark")).toHaveCount(1); // a horizontal line: no height to be "visible"

  // tanh from the same start: the linear run stays on the chart to compare, and tanh goes far below
  await page.getByTestId("training-variant-tanh").click();
  await expect(status(page)).toHaveAttribute("data-epoch", "0");
  await page.getByTestId("training-play").click();
  await stoppedFor(page, "epochs");
  expect(await statusNumber(page, "train-loss")).toBeLessThan(0.05);
  await expect(page.getByText("before: linear → linear · learning rate 0.1")).toBeVisible();
});

test("divergence shows a message, not NaN, and a way on", async ({ page }) => {
  const errors = errorsOf(page);
  await openLesson(page, "xor-by-training");
  await page.getByTestId("training-variant-linear").click();
  await page.getByText("Data · Learning · When to stop").click();
  await page.getByTestId("training-learning-rate").selectOption("1");
  await page.getByTestId("training-play").click();
  await stoppedFor(page, "diverged");
  await expect(page.getByTestId("training-diverged")).toContainText("Training diverged at epoch");
  await expect(status(page)).not.toContainText("NaN");
  for (const id of ["training-train-loss", "training-test-loss"]) {
    await expect(page.getByTestId(id)).toHaveText(/^\d+(\.\d+)?$/);
  }
  await expect(page.getByTestId("heatmaps")).not.toContainText("not a number");

  // a smaller learning rate goes on from the last good weights, to the lesson's 600 epochs
  await page.getByTestId("training-lower-rate").click();
  await expect(page.getByTestId("training-diverged")).toHaveCount(0);
  await expect(page.getByTestId("training-learning-rate")).toHaveValue("0.1");
  await page.getByTestId("training-speed").selectOption("full");
  await stoppedFor(page, "epochs");
  await expect(status(page)).toHaveAttribute("data-state", "ready");
  expect(errors).toEqual([]);
});

test("saves the trained weights as an exercise", async ({ page }) => {
  await openLesson(page, "xor-by-training");
  await page.getByTestId("training-speed").selectOption("full");
  await page.getByTestId("training-play").click();
  await stoppedFor(page, "epochs");
  await page.getByTestId("neuron-1-0").click();
  const trainedBias = Number(await page.getByRole("textbox", { name: "Bias of o, exact value" }).inputValue());

  const actions = page.getByTestId("exercise-actions");
  await actions.getByTestId("save-new").click();
  await actions.getByTestId("save-title").fill(`Trained XOR ${Date.now().toString(36)}`);
  await actions.getByTestId("save-submit").click();
  await expect(actions.getByTestId("share-result")).toContainText("Saved as a new exercise.");
  const href = (await actions.getByTestId("share-link").getAttribute("href"))!;
  const saved = (await (await page.request.get(`/api/exercises/${href.slice("/e/".length)}`)).json()) as {
    network: Network;
  };
  const original = lessonBySlug("xor-by-training")!.exercise.network;
  expect(saved.network.layers[1]!.neurons[0]!.bias).toBeCloseTo(trainedBias, 3);
  expect(saved.network.layers[1]!.neurons[0]!.bias).not.toBeCloseTo(original.layers[1]!.neurons[0]!.bias, 2);
  expect(saved.network.layers.map((l) => l.activation)).toEqual(["tanh", "sigmoid"]);
});

test("a seeded run in Chromium's worker gives the same loss curve as the same run in Node", async ({ page }) => {
  await openLesson(page, "xor-by-training");
  await page.getByTestId("training-speed").selectOption("full");
  await page.getByTestId("training-play").click();
  await stoppedFor(page, "epochs");
  const browserCurve = await chartCurve(page);

  // the same commands to the same host code on the same .wasm, in Node
  const lesson = lessonBySlug("xor-by-training")!;
  const settings = trainingSettingsSchema.parse(lesson.training!.settings);
  const wasm = new URL("../../public/wasm/", import.meta.url);
  const kernel = await loadTrainingKernel((file) => readFile(new URL(file, wasm)));
  const events: TrainingEvent[] = [];
  const tasks: (() => void)[] = [];
  const host = createTrainingHost({
    createTrainer: (input) => createTrainer(kernel, input),
    post: (event) => events.push(event),
    now: () => performance.now(),
    schedule: (task) => tasks.push(task),
    later: (task) => tasks.push(task),
  });
  host.receive({
    type: "load",
    setup: { network: lesson.exercise.network, data: dataSpecOf(settings.data)!, options: settings.options },
  });
  host.receive({ type: "play", goal: settings.goal, speed: null });
  while (tasks.length > 0) {
    tasks.shift()!();
    host.receive({ type: "ack" });
  }
  const last = events.filter((e): e is TrainingSnapshot => e.type === "snapshot").at(-1)!;
  expect(last).toMatchObject({ epoch: 600, stopped: "epochs" });
  const nodeCurve = Array.from(last.curve.epochs, (epoch, i) => [
    epoch,
    last.curve.trainLoss[i],
    last.curve.testLoss[i],
  ]);
  expect(browserCurve).toHaveLength(557); // every epoch to 512, then every 2nd
  expect(browserCurve).toEqual(nodeCurve);
  expect(await statusNumber(page, "test-loss")).toBe(last.latest.testLoss);
});

test("a lesson that does not train never downloads the training module", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto("/e/seed-neuron");
  await expect(page.getByTestId("heatmaps")).toHaveAttribute("data-status", "ready");
  await expect(page.getByTestId("heatmaps")).toHaveAttribute("data-frames", /^[1-9]/);
  expect(fetched.filter((path) => path.startsWith("/wasm/"))).not.toHaveLength(0);
  expect(fetched.filter((path) => path.includes("train-") || path.includes("worker"))).toEqual([]);
});

test("on a phone: play, watch dead ReLUs marked, pause", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await context.newPage();
  const errors = errorsOf(page);
  await openLesson(page, "dead-relus-while-training");
  const play = page.getByTestId("training-play");
  await play.scrollIntoViewIfNeeded();
  const box = (await play.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(300); // the whole width of the card
  expect(box.height).toBeGreaterThanOrEqual(44);
  // no stop after 300 epochs: at the lesson's speed (60 epochs a second) it trains until paused,
  // however slowly this machine runs the steps below
  await page.getByText("Data · Learning · When to stop").tap();
  await page.getByTestId("training-stop-after-on").uncheck();
  await play.scrollIntoViewIfNeeded();
  await play.tap();
  await expect(status(page)).toHaveAttribute("data-running", "true");
  // learning rate 3 kills ReLUs within a few epochs: the graph marks the neurons no gradient reaches
  await expect(page.getByTestId("training-no-gradient")).toBeVisible();
  await expect(page.locator('[data-testid^="neuron-0-"][data-no-gradient]').first()).toBeVisible();
  await page.getByTestId("training-pause").tap();
  await expect(status(page)).toHaveAttribute("data-running", "false");
  await expect(status(page)).toHaveAttribute("data-stopped", ""); // paused, not stopped by a goal
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390); // nothing sticks out sideways
  expect(errors).toEqual([]);
  await context.close();
});

test("trains under a strict Content-Security-Policy: worker-src 'self' and 'wasm-unsafe-eval', no blob:", async ({
  browser,
}) => {
  // what the pages need from a CSP for training (the server's own headers are another matter): the
  // worker is a same-origin script (both bundlers), it fetches /wasm/train-*.wasm and compiles it
  const policy = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
  ].join("; ");
  const context = await browser.newContext();
  let withPolicy = 0;
  await context.route("**/*", async (route) => {
    const response = await route.fetch();
    withPolicy++;
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": policy } });
  });
  const page = await context.newPage();
  const errors = errorsOf(page);
  await openLesson(page, "xor-by-training");
  await page.getByTestId("training-speed").selectOption("full");
  await page.getByTestId("training-play").click();
  await stoppedFor(page, "epochs");
  expect(await statusNumber(page, "train-loss")).toBeLessThan(0.05);
  expect(withPolicy).toBeGreaterThan(5);
  expect(errors).toEqual([]);
  await context.close();
});

test("use my points: clicks on the output heatmap add points of the chosen class, a click on one removes it", async ({
  page,
}) => {
  const errors = errorsOf(page);
  await openLesson(page, "xor-by-training");
  await page.getByText("Data · Learning · When to stop").click();
  await page.getByTestId("training-dataset").selectOption("custom");
  await expect(page.getByText("No points yet")).toBeVisible();
  await expect(page.getByTestId("training-play")).toBeDisabled();

  const plane = page.getByTestId("data-points");
  /** a click at (x1, x2) of the plane −6 … 6 (scrolled into view first: the class radios are above) */
  const clickAt = async (x1: number, x2: number) => {
    await plane.scrollIntoViewIfNeeded();
    const box = (await plane.boundingBox())!;
    await page.mouse.click(box.x + ((x1 + 6) / 12) * box.width, box.y + ((6 - x2) / 12) * box.height);
  };
  // class 1 (blue, the default) where the signs differ, class 0 where they agree
  for (const [x1, x2] of [
    [3, -3],
    [-3, 3],
    [4, -2],
  ] as const) {
    await clickAt(x1, x2);
  }
  await page.getByTestId("training-class-0").check();
  for (const [x1, x2] of [
    [3, 3],
    [-3, -3],
    [2, 4],
    [5, 5],
  ] as const) {
    await clickAt(x1, x2);
  }
  await expect(page.getByText("7 points; click a point to remove it.")).toBeVisible();
  await clickAt(5, 5); // on a point: removed
  await expect(page.getByText("6 points; click a point to remove it.")).toBeVisible();
  await expect(plane.locator("circle, path")).toHaveCount(6);

  await page.getByTestId("training-speed").selectOption("full");
  await page.getByTestId("training-play").click();
  await stoppedFor(page, "epochs");
  expect(await statusNumber(page, "train-loss")).toBeLessThan(0.1); // six points are easy
  expect(errors).toEqual([]);
});
