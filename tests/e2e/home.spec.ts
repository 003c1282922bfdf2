// The home page: the built-in lessons, the library link, and the seed's worked example as a
// live neuron, computed by the wasm kernel.
import { expect, test, type Page } from "@playwright/test";
import { localizedTitle } from "../../lib/exercise/schema";
import { formatFixed, formatNumber } from "../../lib/format";
import { LESSONS } from "../../lib/lessons";
import { ACTIVATION_FUNCTIONS, type ActivationId } from "../../lib/network/activations";
import { docsScreenshot } from "./helpers";

/** What the float64 reference predicts for the page's neuron (x1 = x2 = 1, w = 0.5, 0.2). */
function expected(bias: number, activation: ActivationId = "sigmoid"): { z: number; a: number } {
  const z = 0.5 * 1 + 0.2 * 1 + bias;
  return { z, a: ACTIVATION_FUNCTIONS[activation](z) };
}

const output = (page: Page) => page.getByTestId("neuron-output");
const arithmetic = (page: Page) => page.getByTestId("neuron-arithmetic");
const biasSlider = (page: Page) => page.getByRole("slider", { name: "b (bias)" });

test("shows the worked example computed by the kernel", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await page.goto("/");
  await expect(page).toHaveTitle("Activation Lab");
  await expect(output(page)).toHaveText("0.690");
  await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690");
  await expect(page.getByTestId("activation-range")).toContainText("(0, 1)");
  await expect(page.getByTestId("kernel-build")).toContainText("simd build");
  expect(errors).toEqual([]);
});

test("lists every built-in lesson, linking to /e/{slug}, and the exercise library", async ({ page }) => {
  await page.goto("/");
  const links = page.getByTestId("lesson-list").getByRole("link");
  await expect(links).toHaveCount(LESSONS.length);
  for (const [i, lesson] of LESSONS.entries()) {
    await expect(links.nth(i)).toHaveAttribute("href", `/e/${lesson.slug}`);
    await expect(links.nth(i)).toContainText(lesson.exercise.title);
  }
  await expect(page.getByTestId("library-link")).toHaveAttribute("href", "/library");
});

test("in Chinese: the lessons, the live neuron and <html lang>", async ({ page }) => {
  await page.goto("/?lang=zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "课程" })).toBeVisible();
  for (const lesson of LESSONS) {
    await expect(page.getByTestId(`lesson-link-${lesson.slug}`)).toContainText(
      localizedTitle(lesson.exercise, "zh-CN").title,
    );
  }
  await expect(output(page)).toHaveText("0.690");
  await expect(page.getByRole("slider", { name: "b (偏置)" })).toBeVisible();
  await expect(page.getByTestId("activation-range")).toContainText("sigmoid 的输出范围是 (0, 1)");
  // back to English with the switch
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Lessons" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/$/); // ?lang= is dropped, so a reload keeps the new choice
});

test("shows “computing…” until the kernel has loaded", async ({ page }) => {
  let release!: () => void;
  const loaded = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/wasm/*.wasm", async (route) => {
    await loaded;
    await route.continue();
  });
  await page.goto("/");
  await expect(output(page)).toHaveText("computing…");
  await expect(arithmetic(page)).toHaveText("computing…");
  release();
  await expect(output(page)).toHaveText("0.690");
});

test("serves the kernel as application/wasm", async ({ request }) => {
  for (const file of ["kernel-simd.wasm", "kernel-scalar.wasm", "train-simd.wasm", "train-scalar.wasm"]) {
    const response = await request.get(`/wasm/${file}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/wasm");
  }
});

test("dragging the bias slider recomputes as you drag", async ({ page }) => {
  await page.goto("/");
  await expect(output(page)).toHaveText("0.690");
  const slider = biasSlider(page);
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) throw new Error("bias slider is not visible");
  const y = box.y + box.height / 2;
  // the thumb sits near the middle (b = 0.1 on −5…5); drag it three quarters of the way right
  await page.mouse.move(box.x + box.width * 0.505, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.62, y, { steps: 5 });
  await expect(output(page)).not.toHaveText("0.690"); // updated before the mouse is released
  await page.mouse.move(box.x + box.width * 0.75, y, { steps: 5 });
  await page.mouse.up();

  const bias = Number(await slider.inputValue());
  expect(bias).toBeGreaterThan(2);
  const { z, a } = expected(bias);
  await expect(output(page)).toHaveText(formatFixed(a));
  await expect(arithmetic(page)).toHaveText(
    `0.5·1 + 0.2·1 + ${formatNumber(bias)} = ${formatNumber(z)} → sigmoid(${formatNumber(z)}) = ${formatFixed(a)}`,
  );
});

test("the bias slider works from the keyboard", async ({ page }) => {
  await page.goto("/");
  await expect(output(page)).toHaveText("0.690");
  const slider = biasSlider(page);
  await slider.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveValue("0.4");
  await expect(output(page)).toHaveText(formatFixed(expected(0.4).a)); // sigmoid(1.1) = 0.750
  await expect(arithmetic(page)).toContainText("+ 0.4 = 1.1 → sigmoid(1.1)");

  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowLeft");
  await expect(slider).toHaveValue("-0.6");
  await expect(output(page)).toHaveText(formatFixed(expected(-0.6).a)); // sigmoid(0.1) = 0.525
  await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·1 − 0.6 = 0.1 → sigmoid(0.1) = 0.525");
});

test("switching the activation function", async ({ page }) => {
  await page.goto("/");
  await expect(output(page)).toHaveText("0.690");
  const select = page.getByRole("combobox", { name: "activation function" });

  await select.selectOption("linear");
  await expect(output(page)).toHaveText("0.800");
  await expect(arithmetic(page)).toContainText("→ linear(0.8) = 0.800");
  await expect(page.getByTestId("activation-range")).toContainText("(−∞, ∞)");

  await select.selectOption("step");
  await expect(output(page)).toHaveText("1");
  await expect(page.getByTestId("activation-range")).toContainText("{0, 1}");

  await select.selectOption("tanh");
  await expect(output(page)).toHaveText(formatFixed(expected(0.1, "tanh").a));

  // every option has a readable name
  await expect(select.locator("option")).toHaveText([
    "Step",
    "Linear (identity)",
    "Sigmoid",
    "Tanh",
    "ReLU",
    "Leaky ReLU",
    "Softplus",
  ]);
});

test.describe("screenshots", () => {
  for (const { name, width, height } of [
    { name: "desktop", width: 1280, height: 800 },
    { name: "phone", width: 390, height: 844 },
  ]) {
    test(`home on ${name} (${width}×${height})`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto("/");
      await expect(output(page)).toHaveText("0.690");
      // nothing may stick out sideways on a phone
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: docsScreenshot(`home-${name}.png`), fullPage: true });
    });
  }
});
