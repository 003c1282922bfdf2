// Heatmaps in a real browser, on the dev bench page (app/dev/heatmap-bench): a seeded 2-8-8-1
// network (tanh, tanh, sigmoid). Measures how long each repaint takes while a slider is dragged
// (120 edits, one per animation frame) at 128×128 and 256×256, and REPORTS the figures (console,
// test annotations, test-results/heatmap-frames.json) without asserting any time limit. What it
// asserts: the pictures are right (pixels against the float64 reference), they change after an
// edit, and several edits within one frame cost one repaint.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { expect, test, type Page } from "@playwright/test";
import { benchNetwork } from "../../app/dev/heatmap-bench/network";
import { summary, type Summary } from "../../bench/summary";
import { hexToRgb, paletteColour, valueColour } from "../../lib/heatmap/colour";
import { gridPoint, symmetricRange } from "../../lib/heatmap/grid";
import { referenceForwardRow } from "../../lib/network/reference";

const EDITS = 120;
const RESULTS_FILE = "test-results/heatmap-frames.json";

interface Timing {
  computeMs: number;
  paintMs: number;
  totalMs: number;
  rows: number;
}

/** The RGBA bytes of a canvas, read back from the page. */
async function canvasPixels(page: Page, testId: string): Promise<number[]> {
  return page.getByTestId(testId).evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    return Array.from(data);
  });
}

async function openBench(page: Page, query: string) {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await page.goto(`/dev/heatmap-bench?${query}`);
  const heatmaps = page.getByTestId("heatmaps");
  await expect(heatmaps).toHaveAttribute("data-status", "ready");
  await expect(heatmaps).toHaveAttribute("data-frames", /^[1-9]/); // painted at least once
  return { heatmaps, errors };
}

/** Waits until the page has painted twice more (the last edit is then on screen). */
async function settle(page: Page) {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))),
  );
}

test.describe.configure({ mode: "serial" });

for (const res of [128, 256]) {
  test(`frame times while dragging a slider: 2-8-8-1 at ${res}×${res}`, async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const { heatmaps, errors } = await openBench(page, `res=${res}`);
    await expect(heatmaps).toHaveAttribute("data-resolution", String(res));

    // the output picture is the network's output at every pixel (x1 across, x2 up)
    const range = symmetricRange(6);
    const net = benchNetwork({ bias: 0 });
    const pixels = await canvasPixels(page, "heatmap-canvas-output-0");
    expect(pixels).toHaveLength(res * res * 4);
    for (const row of [0, res - 1, (res / 2) * res + res / 4, res * res - res, res * res - 1]) {
      const value = referenceForwardRow(net, gridPoint(row, res, range)).layers[2]!.a[0]!;
      const want = valueColour(value, 1);
      const got = pixels.slice(row * 4, row * 4 + 3);
      got.forEach((channel, c) => expect(Math.abs(channel - want[c]!)).toBeLessThanOrEqual(3));
    }

    // drag: EDITS edits, one per animation frame, each through the slider's input event
    const measured = await page.evaluate(async (edits) => {
      const slider = document.querySelector<HTMLInputElement>('[data-testid="bench-bias"]')!;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
      const frames: Timing[] = [];
      (window as unknown as { __heatmapFrames: Timing[] }).__heatmapFrames = frames;
      const intervals: number[] = [];
      await new Promise<void>((resolve) => {
        let i = 0;
        let last = 0;
        const step = (now: number) => {
          if (last) intervals.push(now - last);
          last = now;
          if (i === edits) return resolve();
          setValue.call(slider, (-3 + (6 * i) / (edits - 1)).toFixed(2));
          slider.dispatchEvent(new Event("input", { bubbles: true }));
          i++;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return { frames, intervals };
    }, EDITS);

    expect(measured.frames.length).toBeGreaterThanOrEqual(EDITS * 0.9); // about one repaint per edit
    const after = await canvasPixels(page, "heatmap-canvas-output-0");
    const changed = after.filter((byte, i) => byte !== pixels[i]).length;
    expect(changed).toBeGreaterThan(pixels.length * 0.01); // visibly different after the drag
    await expect(page.getByTestId("bench-bias-value")).toHaveText("3.00");

    const report = {
      resolution: `${res}x${res}`,
      rowsPerBatch: res * res,
      network: "2-8-8-1 (tanh, tanh, sigmoid), 17 neuron pictures + 1 large output picture + 2 input pictures",
      edits: EDITS,
      repaints: measured.frames.length,
      repaintMs: summary(measured.frames.map((f) => f.totalMs)),
      kernelMs: summary(measured.frames.map((f) => f.computeMs)),
      paintMs: summary(measured.frames.map((f) => f.paintMs)),
      rafIntervalMs: summary(measured.intervals),
      userAgent: await page.evaluate(() => navigator.userAgent),
      // the figures depend on what else the machine was doing
      machine: { cpus: cpus().length, loadAverage1m: Math.round(loadavg()[0]! * 100) / 100 },
    };
    const line = (name: string, s: Summary) => `${name} p50 ${s.p50} / p95 ${s.p95} / max ${s.max} ms`;
    const text = [
      `heatmaps ${report.resolution}: ${report.repaints} repaints for ${EDITS} edits ` +
        `(${report.machine.cpus} CPUs, load average ${report.machine.loadAverage1m})`,
      line("repaint (kernel + paint)", report.repaintMs),
      line("kernel prepare+run", report.kernelMs),
      line("colours + putImageData", report.paintMs),
      line("rAF interval", report.rafIntervalMs),
    ].join("\n  ");
    console.log(text);
    testInfo.annotations.push({ type: `heatmap frames ${report.resolution}`, description: text });

    await mkdir("test-results", { recursive: true });
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(await readFile(RESULTS_FILE, "utf8")) as Record<string, unknown>;
    } catch {
      // first resolution of this run
    }
    all[report.resolution] = report;
    await writeFile(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);

    await heatmaps.screenshot({ path: testInfo.outputPath(`heatmaps-${res}.png`) });
    expect(errors).toEqual([]);
  });
}

test("several edits within one frame cost one repaint", async ({ page }) => {
  const { heatmaps } = await openBench(page, "res=128");
  const before = Number(await heatmaps.getAttribute("data-frames"));
  const frames = await page.evaluate(async () => {
    const slider = document.querySelector<HTMLInputElement>('[data-testid="bench-bias"]')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
    let count = 0;
    await new Promise<void>((resolve) => {
      const step = () => {
        if (count === 20) return resolve();
        // four edits per frame, like a fast mouse
        for (let k = 0; k < 4; k++) {
          setValue.call(slider, ((count * 4 + k) / 40 - 1).toFixed(2));
          slider.dispatchEvent(new Event("input", { bubbles: true }));
        }
        count++;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return count;
  });
  const painted = Number(await heatmaps.getAttribute("data-frames")) - before;
  expect(painted).toBeGreaterThanOrEqual(1);
  expect(painted).toBeLessThanOrEqual(frames + 2); // not 4 × frames
});

test("the range control, the input marker and selecting a neuron", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const { errors } = await openBench(page, "res=128");
  // the input (1, −2) on −6…6: 7/12 from the left, 8/12 from the top
  await expect(page.getByTestId("heatmap-marker")).toHaveAttribute("style", /left: ?58\.33\d*%; ?top: ?66\.66\d*%/);
  const before = await canvasPixels(page, "heatmap-canvas-output-0");
  await page.getByRole("radio", { name: "−2 … 2" }).check();
  await settle(page);
  // on −2…2 the input sits on the bottom edge: still inside, 3/4 across
  await expect(page.getByTestId("heatmap-marker")).toHaveAttribute("style", /left: ?75%; ?top: ?100%/);
  expect(await canvasPixels(page, "heatmap-canvas-output-0")).not.toEqual(before);
  await page.getByRole("radio", { name: "−1 … 1" }).check();
  await expect(page.getByTestId("heatmap-marker")).toHaveCount(0);
  await expect(page.getByTestId("heatmap-marker-note")).toContainText("outside this range");

  // the first neuron is selected; arrows move the focus, Enter selects
  const first = page.getByTestId("heatmap-tile-0-0");
  await expect(first).toHaveAttribute("aria-pressed", "true");
  await first.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("heatmap-tile-0-1")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("heatmap-tile-1-1")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("heatmap-tile-1-1")).toHaveAttribute("aria-pressed", "true");
  await expect(first).toHaveAttribute("aria-pressed", "false");
  await page.getByTestId("heatmap-tile-2-0").click();
  await expect(page.getByTestId("heatmap-tile-2-0")).toHaveAttribute("aria-pressed", "true");

  // the legend of the sigmoid output: white (0) to dark blue (1), no orange
  await expect(page.getByTestId("heatmap-output-0").locator('[data-part="low"]')).toHaveText("0");
  await expect(page.getByTestId("heatmap-output-0").locator('[data-part="high"]')).toHaveText("1");
  const rgb = (hex: string) => `rgb(${hexToRgb(hex).join(", ")})`;
  const background = await page
    .getByTestId("heatmap-output-0")
    .locator('[data-part="bar"]')
    .evaluate((bar) => getComputedStyle(bar).backgroundImage);
  expect(background).toContain(rgb("#f7f7f7"));
  expect(background).toContain(`rgb(${paletteColour(1).join(", ")})`);
  expect(background).not.toContain(rgb("#7f3b08"));
  expect(errors).toEqual([]);
});

test("collapse panel: the non-linear network names its breakers; the linear one collapses", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openBench(page, "res=128");
  const panel = page.getByTestId("collapse-panel");
  await expect(panel).toHaveAttribute("data-collapses", "false");
  await expect(panel).toContainText("17 neurons are not linear, so the layers can't be merged into one:");
  await expect(page.getByTestId("collapse-breakers")).toContainText("h1.1 in hidden layer 1 uses tanh");
  await expect(page.getByTestId("collapse-breakers")).toContainText("and 11 more");

  await openBench(page, "res=128&linear=1");
  await expect(panel).toHaveAttribute("data-collapses", "true");
  await expect(page.getByTestId("collapse-equations")).toHaveText(/^o1 = .*x1.*x2/);
  const sameCells = page.getByTestId("collapse-check").locator("tbody td:last-child");
  await expect(sameCells).toHaveCount(6);
  await expect(sameCells).toHaveText(Array(6).fill("✓ same"));
  await panel.screenshot({ path: testInfo.outputPath("collapse-panel-linear.png") });

  await openBench(page, "res=128&linear=1&locale=zh-CN");
  await expect(panel).toContainText("所有激活函数都是线性的，所以这 3 层等价于一层：");
  await expect(page.getByTestId("heatmaps")).toContainText("隐藏层 2");
  await page.getByTestId("heatmaps").screenshot({ path: testInfo.outputPath("heatmaps-zh-CN-linear.png") });
  await panel.screenshot({ path: testInfo.outputPath("collapse-panel-zh-CN.png") });
});
