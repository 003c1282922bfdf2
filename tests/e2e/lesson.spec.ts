// The lesson pages: every built-in lesson opens from the home page and shows the kernel's
// numbers; editing (keyboard, slider, exact value), undo/redo, the inspector, the language
// switch, and a phone's width. Expected numbers come from the float64 reference, not the page.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { formatOutput, neuronArithmetic } from "../../lib/format";
import { LESSONS, lessonBySlug } from "../../lib/lessons";
import { EXERCISE_FORMAT, localizedTitle } from "../../lib/exercise/schema";
import { neuronActivation } from "../../lib/network/model";
import { referenceForwardRow } from "../../lib/network/reference";
import type { Network } from "../../lib/network/schema";
import { docsScreenshot } from "./helpers";

const arithmetic = (page: Page) => page.getByTestId("inspector-arithmetic");
const inspectorOutput = (page: Page) => page.getByTestId("inspector-output");

/** What the page must show for a neuron: the reference's arithmetic and output. */
function expected(net: Network, inputs: number[], layer: number, neuron: number) {
  const row = referenceForwardRow(net, inputs);
  const layerSpec = net.layers[layer]!;
  const spec = layerSpec.neurons[neuron]!;
  const activation = neuronActivation(layerSpec, spec);
  const previous = layer === 0 ? inputs : row.layers[layer - 1]!.a;
  const z = row.layers[layer]!.z[neuron]!;
  const a = row.layers[layer]!.a[neuron]!;
  return {
    arithmetic: neuronArithmetic({ weights: spec.weights, inputs: previous, bias: spec.bias, activation, z, a }),
    output: formatOutput(a, activation),
  };
}

function seedWith(change: (net: Network) => void): Network {
  const net = structuredClone(lessonBySlug("seed-neuron")!.exercise.network) as Network;
  change(net);
  return net;
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  return errors;
}

for (const lesson of LESSONS) {
  test(`lesson ${lesson.slug} opens from the home page with its title and the kernel's numbers`, async ({ page }) => {
    const errors = watchErrors(page);
    const { exercise } = lesson;
    await page.goto("/");
    await page.getByTestId(`lesson-link-${lesson.slug}`).click();
    await expect(page).toHaveURL(new RegExp(`/e/${lesson.slug}$`));
    await expect(page.getByTestId("lesson-title")).toHaveText(exercise.title);
    await expect(page.getByTestId("network-graph")).toBeVisible();
    const inputs = exercise.inputValues ?? exercise.network.inputs.map(() => 1);
    const row = referenceForwardRow(exercise.network, inputs);
    for (const [l, layer] of exercise.network.layers.entries()) {
      for (const [j, neuron] of layer.neurons.entries()) {
        await expect(page.getByTestId(`neuron-value-${l}-${j}`), `${l}.${j}`).toHaveText(
          formatOutput(row.layers[l]!.a[j]!, neuronActivation(layer, neuron)),
        );
      }
    }
    // the lesson's focus neuron is selected and inspected
    if (lesson.focus) {
      const { layer, neuron } = lesson.focus;
      await expect(arithmetic(page)).toHaveText(expected(exercise.network, inputs, layer, neuron).arithmetic);
    }
    expect(errors).toEqual([]);
  });
}

test("the seed lesson: the inspector shows the seed's arithmetic and where h1's output goes", async ({ page }) => {
  await page.goto("/e/seed-neuron");
  await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690");
  await expect(inspectorOutput(page)).toHaveText("0.690");
  await expect(page.getByTestId("inspector-destination")).toContainText("0.690 · 2 = 1.38");
  await expect(page.getByTestId("activation-plot")).toBeVisible();
  await page.getByRole("button", { name: "to o1", exact: true }).click();
  await expect(arithmetic(page)).toHaveText("2·0.69 + 0.1 = 1.48 → sigmoid(1.48) = 0.815");
  await expect(page.getByTestId("inspector-destination")).toHaveText(
    "o1 is an output neuron: 0.815 is the network's output.",
  );
});

test("edit a weight by keyboard: select the connection, arrow keys, an exact value; undo restores it", async ({
  page,
}) => {
  await page.goto("/e/seed-neuron");
  await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690");

  // select the connection x1 → h1 from the keyboard
  const edge = page.getByRole("button", { name: "weight from x1 to h1: 0.5" });
  await edge.focus();
  await page.keyboard.press("Enter");
  await expect(edge).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("inspector-edge")).toHaveText(
    "This connection adds x1 · w = 1 · 0.5 = 0.5 to h1's weighted sum.",
  );

  const slider = page.getByRole("slider", { name: "Weight from x1 to h1, slider" });
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveValue("0.6");
  let net = seedWith((n) => (n.layers[0]!.neurons[0]!.weights[0] = 0.6));
  await expect(arithmetic(page)).toHaveText(expected(net, [1, 1], 0, 0).arithmetic); // 0.6·1 + 0.2·1 + 0.1 = 0.9
  await expect(inspectorOutput(page)).toHaveText(expected(net, [1, 1], 0, 0).output);
  await expect(page.getByTestId("neuron-value-1-0")).toHaveText(expected(net, [1, 1], 1, 0).output);
  await expect(page.getByRole("button", { name: "weight from x1 to h1: 0.6" })).toBeVisible();

  // an exact value, typed
  const field = page.getByRole("textbox", { name: "Weight from x1 to h1, exact value" });
  await field.fill("−1.25");
  await field.press("Enter");
  net = seedWith((n) => (n.layers[0]!.neurons[0]!.weights[0] = -1.25));
  await expect(arithmetic(page)).toHaveText(expected(net, [1, 1], 0, 0).arithmetic);
  await expect(arithmetic(page)).toHaveText("−1.25·1 + 0.2·1 + 0.1 = −0.95 → sigmoid(−0.95) = 0.279");
  await expect(page.getByTestId("edge-0-0-0").locator("line").nth(1)).toHaveAttribute("class", /edgeNegative/);

  // a bad value is refused with a clear message, and changes nothing
  await field.fill("abc");
  await field.press("Enter");
  await expect(page.getByTestId("editor").getByRole("alert")).toHaveText(
    "“abc” is not a number. Enter e.g. 0.5 or −2.",
  );
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await field.fill("250");
  await field.press("Enter");
  await expect(page.getByTestId("editor").getByRole("alert")).toHaveText("Enter a number from −100 to 100.");
  await expect(arithmetic(page)).toHaveText("−1.25·1 + 0.2·1 + 0.1 = −0.95 → sigmoid(−0.95) = 0.279");
  await field.press("Escape");
  await expect(field).toHaveValue("-1.25");

  // undo: the typed value, then the two arrow presses (one step: they were less than a second apart)
  await field.blur(); // a text field keeps Ctrl+Z for its own text
  await page.keyboard.press("Control+z");
  await expect(arithmetic(page)).toHaveText("0.6·1 + 0.2·1 + 0.1 = 0.9 → sigmoid(0.9) = 0.711");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690");
  await expect(page.getByRole("button", { name: "Undo", exact: true })).toBeDisabled();
  // and redo
  await page.keyboard.press("Control+Shift+Z");
  await expect(arithmetic(page)).toHaveText("0.6·1 + 0.2·1 + 0.1 = 0.9 → sigmoid(0.9) = 0.711");
  await page.keyboard.press("Control+y");
  await expect(arithmetic(page)).toHaveText("−1.25·1 + 0.2·1 + 0.1 = −0.95 → sigmoid(−0.95) = 0.279");
});

test("drag the bias slider: the numbers follow during the drag, and one undo restores it", async ({ page }) => {
  await page.goto("/e/seed-neuron");
  await expect(inspectorOutput(page)).toHaveText("0.690");
  const slider = page.getByRole("slider", { name: "Bias of h1, slider" });
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) throw new Error("bias slider is not visible");
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.51, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.65, y, { steps: 6 });
  await expect(inspectorOutput(page)).not.toHaveText("0.690"); // before the mouse is released
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 6 });
  await page.mouse.up();

  const bias = Number(await slider.inputValue());
  expect(bias).toBeGreaterThan(2);
  const net = seedWith((n) => (n.layers[0]!.neurons[0]!.bias = bias));
  await expect(arithmetic(page)).toHaveText(expected(net, [1, 1], 0, 0).arithmetic);
  await expect(page.getByTestId("neuron-value-0-0")).toHaveText(expected(net, [1, 1], 0, 0).output);
  await expect(page.getByTestId("neuron-value-1-0")).toHaveText(expected(net, [1, 1], 1, 0).output);
  await expect(page.getByRole("textbox", { name: "Bias of h1, exact value" })).toHaveValue(String(bias));

  // the whole drag is one step
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690");
  await expect(page.getByRole("button", { name: "Undo", exact: true })).toBeDisabled();
});

/** The centre of `locator`'s box, in whole CSS pixels (so that a drag's distance is exact). */
async function centre(locator: Locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error("not visible");
  return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
}

test("drag on the graph: a connection's weight and a neuron's bias follow the mouse; one undo each", async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto("/e/seed-neuron");
  await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690");
  await expect(page.getByTestId("legend-drag")).toHaveText(/Drag a connection or a neuron up or down/);
  const undo = page.getByRole("button", { name: "Undo", exact: true });

  // press on x1 → h1 (not selected yet) and move up: 0.01 per pixel, the numbers follow during the drag
  const edge = page.getByTestId("edge-0-0-0");
  const at = await centre(edge.locator("polygon"));
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x, at.y - 20, { steps: 5 });
  let net = seedWith((n) => (n.layers[0]!.neurons[0]!.weights[0] = 0.7));
  await expect(arithmetic(page)).toHaveText(expected(net, [1, 1], 0, 0).arithmetic); // before the release
  await expect(edge).toHaveAttribute("aria-pressed", "true"); // the drag selected it
  await expect(page.getByTestId("network-graph")).toHaveAttribute("data-dragging", "true");
  await page.mouse.move(at.x + 3, at.y - 37, { steps: 5 }); // sideways movement changes nothing
  await page.mouse.up();
  net = seedWith((n) => (n.layers[0]!.neurons[0]!.weights[0] = 0.87));
  await expect(arithmetic(page)).toHaveText(expected(net, [1, 1], 0, 0).arithmetic);
  await expect(arithmetic(page)).toHaveText("0.87·1 + 0.2·1 + 0.1 = 1.17 → sigmoid(1.17) = 0.763");
  await expect(inspectorOutput(page)).toHaveText(expected(net, [1, 1], 0, 0).output);
  await expect(page.getByTestId("neuron-value-1-0")).toHaveText(expected(net, [1, 1], 1, 0).output);
  await expect(page.getByTestId("weight-0-0-0")).toHaveText("0.87");
  await expect(page.getByRole("textbox", { name: "Weight from x1 to h1, exact value" })).toHaveValue("0.87");
  await expect(page.getByTestId("network-graph")).not.toHaveAttribute("data-dragging");
  // selected: the connection shows that it drags
  await expect(edge).toHaveCSS("cursor", "ns-resize");

  // the whole drag is one undo step
  await undo.click();
  await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690");
  await expect(page.getByTestId("weight-0-0-0")).toHaveText("0.5");
  await expect(undo).toBeDisabled();

  // a click that wobbles less than 4 px only selects: h1 → o1, nothing changes
  const next = page.getByTestId("edge-1-0-0");
  const onNext = await centre(next.locator("polygon"));
  await page.mouse.move(onNext.x, onNext.y);
  await page.mouse.down();
  await page.mouse.move(onNext.x + 1, onNext.y - 2, { steps: 2 });
  await page.mouse.up();
  await expect(next).toHaveAttribute("aria-pressed", "true");
  await expect(arithmetic(page)).toHaveText("2·0.69 + 0.1 = 1.48 → sigmoid(1.48) = 0.815");
  await expect(undo).toBeDisabled();
  // and a plain click on a neuron selects it
  await page.getByTestId("neuron-0-0").locator("circle").nth(1).click();
  await expect(page.getByTestId("neuron-0-0")).toHaveAttribute("aria-pressed", "true");
  await expect(undo).toBeDisabled();

  // a neuron: down lowers its bias, clamped at −100 and rounded to 2 decimals on the way
  const o1 = await centre(page.getByTestId("neuron-1-0").locator("circle").nth(1));
  await page.mouse.move(o1.x, o1.y);
  await page.mouse.down();
  await page.mouse.move(o1.x, o1.y + 25, { steps: 4 });
  await page.mouse.move(o1.x, o1.y + 50, { steps: 4 });
  await page.mouse.up();
  net = seedWith((n) => (n.layers[1]!.neurons[0]!.bias = -0.4));
  await expect(page.getByTestId("neuron-1-0")).toHaveAttribute("aria-pressed", "true");
  await expect(arithmetic(page)).toHaveText(expected(net, [1, 1], 1, 0).arithmetic);
  await expect(page.getByTestId("neuron-value-1-0")).toHaveText(expected(net, [1, 1], 1, 0).output);
  await expect(page.getByRole("textbox", { name: "Bias of o1, exact value" })).toHaveValue("-0.4");
  await page.keyboard.press("Control+z");
  await expect(arithmetic(page)).toHaveText("2·0.69 + 0.1 = 1.48 → sigmoid(1.48) = 0.815");
  await expect(undo).toBeDisabled();

  // the keyboard still selects (Enter) and moves the focus (arrows) as before
  await page.getByTestId("neuron-0-0").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("neuron-0-0")).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("neuron-1-0")).toBeFocused();
  expect(errors).toEqual([]);
});

test("inputs, activations and structure: every change recomputes at once", async ({ page }) => {
  await page.goto("/e/seed-neuron");
  await expect(inspectorOutput(page)).toHaveText("0.690");

  // an input value
  const x2 = page.getByRole("textbox", { name: "Value of input x2, exact value" });
  await x2.fill("-2");
  await x2.press("Enter");
  await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·(−2) + 0.1 = 0.2 → sigmoid(0.2) = 0.550");
  await expect(page.getByTestId("input-value-1")).toHaveText("−2");

  // the neuron's own activation, then the layer's
  await page.getByLabel("Activation of h1").selectOption("step");
  await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·(−2) + 0.1 = 0.2 → step(0.2) = 1");
  await page.getByLabel("Activation of the whole layer").selectOption("relu");
  await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·(−2) + 0.1 = 0.2 → ReLU(0.2) = 0.200");

  // structure: add a neuron to h1's layer; it changes no output; the limits disable buttons
  await page.getByRole("button", { name: "Add a neuron" }).click();
  await expect(page.getByTestId("neuron-0-1")).toBeVisible();
  await expect(page.getByTestId("neuron-value-1-0")).toHaveText(
    formatOutput(1 / (1 + Math.exp(-(2 * 0.2 + 0.1))), "sigmoid"),
  );
  await page.getByRole("button", { name: "Remove this neuron" }).click();
  await expect(page.getByTestId("neuron-0-1")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove this neuron" })).toBeDisabled();
  await page.getByRole("button", { name: "Add a layer after" }).click();
  await expect(page.getByTestId("neuron-2-0")).toBeVisible();
  await expect(page.getByTestId("neuron-value-2-0")).toHaveText(
    formatOutput(1 / (1 + Math.exp(-(2 * 0.2 + 0.1))), "sigmoid"),
  );

  // every edit undoes, in order, back to the lesson (the selection stays where it was: layer 1, now o1 again)
  for (let i = 0; i < 6; i++) await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(arithmetic(page)).toHaveText("2·0.69 + 0.1 = 1.48 → sigmoid(1.48) = 0.815");
  await page.getByTestId("neuron-0-0").click();
  await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690");
  await expect(page.getByTestId("neuron-2-0")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Undo", exact: true })).toBeDisabled();
});

test("select neurons and inputs with the keyboard alone", async ({ page }) => {
  await page.goto("/e/what-is-passed-on");
  await expect(inspectorOutput(page)).toHaveText("0.690");
  const o2 = page.getByRole("button", { name: /neuron o2: output/ });
  await o2.focus();
  await page.keyboard.press("Space");
  await expect(o2).toHaveAttribute("aria-pressed", "true");
  const net = lessonBySlug("what-is-passed-on")!.exercise.network;
  await expect(arithmetic(page)).toHaveText(expected(net, [1, 1], 1, 1).arithmetic);
  const x1 = page.getByRole("button", { name: "input x1 = 1" });
  await x1.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("inspector-destination")).toHaveText(/1 · 0\.5 = 0\.5.*1 · \(−1\) = −1/s);
  await page.keyboard.press("Escape");
  await expect(x1).toHaveAttribute("aria-pressed", "false");
});

test("switch to Chinese: the UI is Chinese, <html lang> follows, and the choice is remembered", async ({ page }) => {
  await page.goto("/e/seed-neuron");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "神经元检查器" })).toBeVisible();
  await expect(page.getByRole("button", { name: "撤销" })).toBeVisible();
  await expect(page.getByTestId("lesson-title")).toHaveText("种子神经元");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("button", { name: "从 x1 到 h1 的权重：0.5" })).toBeVisible();
  await page.screenshot({ path: docsScreenshot("lesson-zh.png"), fullPage: false });

  // remembered: a new page load renders in Chinese from the server on
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "课程" })).toBeVisible();
  const seedTitle = localizedTitle(lessonBySlug("seed-neuron")!.exercise, "zh-CN").title;
  await expect(page.getByTestId("lesson-link-seed-neuron")).toContainText(seedTitle);

  // ?lang= wins and is remembered too
  await page.goto("/e/xor-needs-nonlinearity?lang=en");
  await expect(page.getByTestId("lesson-title")).toHaveText("XOR needs non-linearity");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Lessons" })).toBeVisible();
});

test("a saved exercise is fetched from the API; an unknown one says so", async ({ page }) => {
  const network: Network = {
    format: "activation-lab/network@1",
    inputs: ["a"],
    layers: [{ activation: "tanh", neurons: [{ weights: [2], bias: -1, label: "n" }] }],
  };
  await page.route("**/api/exercises/my-saved-one", (route) =>
    route.fulfill({
      json: {
        format: EXERCISE_FORMAT,
        title: "My saved one",
        description: "Saved by a teacher.",
        network,
        inputValues: [1],
      },
    }),
  );
  await page.goto("/e/my-saved-one");
  await expect(page.getByTestId("lesson-title")).toHaveText("My saved one");
  await expect(page.getByTestId("neuron-value-0-0")).toHaveText(formatOutput(Math.tanh(1), "tanh"));

  await page.route("**/api/exercises/nothing-here", (route) =>
    route.fulfill({ status: 404, json: { error: { code: "not_found", message: "no such exercise" } } }),
  );
  await page.goto("/e/nothing-here");
  await expect(page.getByRole("heading", { name: "Exercise not found" })).toBeVisible();
  await expect(page.getByTestId("exercise-status")).toContainText("“nothing-here”");
});

test.describe("phone (390×844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("every lesson fits the width, and the graph's buttons are big enough to tap", async ({ page }) => {
    for (const lesson of LESSONS) {
      await page.goto(`/e/${lesson.slug}`);
      await expect(page.getByTestId("neuron-value-0-0")).not.toHaveText("…");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, lesson.slug).toBeLessThanOrEqual(0);
      const graph = await page.getByTestId("network-graph").boundingBox();
      expect(graph!.width, lesson.slug).toBeLessThanOrEqual(390);
      const node = await page.getByTestId("neuron-0-0").locator("circle").nth(1).boundingBox();
      expect(node!.width, lesson.slug).toBeGreaterThanOrEqual(44);
    }
  });

  test("by touch: a swipe on the graph scrolls the page; a selected neuron drags its bias", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const touch = async (from: { x: number; y: number }, dy: number) => {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [from] });
      for (let i = 1; i <= 8; i++) {
        const point = { x: from.x, y: from.y + (dy * i) / 8 };
        await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [point] });
      }
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    };
    await page.goto("/e/seed-neuron");
    await expect(arithmetic(page)).toHaveText("0.5·1 + 0.2·1 + 0.1 = 0.8 → sigmoid(0.8) = 0.690");
    const o1 = page.getByTestId("neuron-1-0");

    // o1 is not selected: a swipe up that starts on it scrolls the page and changes nothing
    const start = await centre(o1.locator("circle").nth(1));
    const scrolled = await page.evaluate(() => window.scrollY);
    await touch(start, -120);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled + 40);
    await expect(page.getByTestId("neuron-value-1-0")).toHaveText("0.815");
    await expect(page.getByRole("button", { name: "Undo", exact: true })).toBeDisabled();

    // tapped, it is selected; now a drag on it changes its bias and the page stays put
    await o1.locator("circle").nth(1).tap();
    await expect(o1).toHaveAttribute("aria-pressed", "true");
    await expect(o1).toHaveCSS("touch-action", "none");
    const from = await centre(o1.locator("circle").nth(1));
    const before = await page.evaluate(() => window.scrollY);
    await touch(from, -30);
    const net = seedWith((n) => (n.layers[1]!.neurons[0]!.bias = 0.4));
    await expect(arithmetic(page)).toHaveText(expected(net, [1, 1], 1, 0).arithmetic);
    expect(await page.evaluate(() => window.scrollY)).toBe(before);
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await expect(arithmetic(page)).toHaveText("2·0.69 + 0.1 = 1.48 → sigmoid(1.48) = 0.815");
    await context.close();
  });

  test("editing works by touch-sized controls", async ({ page }) => {
    await page.goto("/e/seed-neuron");
    await page.getByTestId("edge-1-0-0").click();
    const field = page.getByRole("textbox", { name: "Weight from h1 to o1, exact value" });
    await field.fill("0.5");
    await field.press("Enter");
    await expect(arithmetic(page)).toHaveText(
      expected(
        seedWith((n) => (n.layers[1]!.neurons[0]!.weights[0] = 0.5)),
        [1, 1],
        1,
        0,
      ).arithmetic,
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe("screenshots", () => {
  test("lesson on a laptop (1280×800), a neuron selected", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/e/seed-neuron");
    await expect(inspectorOutput(page)).toHaveText("0.690");
    await page.getByTestId("lesson-title").scrollIntoViewIfNeeded();
    await page.screenshot({ path: docsScreenshot("lesson-desktop.png") });
  });

  test("lesson on a phone (390×844)", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/e/xor-needs-nonlinearity");
    await expect(inspectorOutput(page)).toHaveText("1");
    // the connection h2 → o selected: its weight's slider sits right under the graph
    await page.getByTestId("edge-1-0-1").click();
    await expect(page.getByRole("slider", { name: "Weight from h2 (AND) to o (XOR), slider" })).toBeVisible();
    await page
      .getByRole("region", { name: "Network" })
      .evaluate((card) => window.scrollTo(0, card.getBoundingClientRect().top + window.scrollY - 8));
    await page.screenshot({ path: docsScreenshot("lesson-phone.png") });
  });
});

test("arrow keys move the focus through the graph's neurons", async ({ page }) => {
  await page.goto("/e/mixed-activations");
  await expect(inspectorOutput(page)).toHaveText("0.664");
  await page.getByTestId("input-0").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("input-1")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("neuron-0-1")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown"); // stays at the last neuron of the column
  await expect(page.getByTestId("neuron-0-2")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("neuron-1-0")).toBeFocused();
  await page.keyboard.press("Enter");
  const net = lessonBySlug("mixed-activations")!.exercise.network;
  await expect(arithmetic(page)).toHaveText(expected(net, [1, 1], 1, 0).arithmetic);
});
