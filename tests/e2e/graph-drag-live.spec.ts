// Dragging a weight on the network graph in a live session: the teacher's drag reaches a student's
// phone; while the teacher drives, or on a locked neuron, a student's drag changes nothing; in
// "everyone edits" a student's drag (by touch, on the selected connection) reaches the teacher.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { formatOutput, neuronArithmetic } from "../../lib/format";
import { lessonBySlug } from "../../lib/lessons";
import { teacherKeyName } from "../../lib/live/storage";
import { referenceForwardRow } from "../../lib/network/reference";
import type { Network } from "../../lib/network/schema";

/** The seed network with weight x1 → h1 = w. */
function seedWith(w: number): Network {
  const net = structuredClone(lessonBySlug("seed-neuron")!.exercise.network) as Network;
  net.layers[0]!.neurons[0]!.weights[0] = w;
  return net;
}

/** h1's arithmetic in the seed network with weight x1 → h1 = w (inputs 1, 1), from the reference. */
function h1Arithmetic(w: number): string {
  const net = seedWith(w);
  const spec = net.layers[0]!.neurons[0]!;
  const row = referenceForwardRow(net, [1, 1]);
  const z = row.layers[0]!.z[0]!;
  const a = row.layers[0]!.a[0]!;
  return neuronArithmetic({ weights: spec.weights, inputs: [1, 1], bias: spec.bias, activation: "sigmoid", z, a });
}

const arithmetic = (page: Page) => page.getByTestId("inspector-arithmetic");

async function centre(locator: Locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error("not visible");
  return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
}

async function mouseDrag(page: Page, on: Locator, dy: number) {
  const at = await centre(on);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x, at.y + dy, { steps: 8 });
  await page.mouse.up();
}

async function phone(browser: Browser, code: string, name: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`/s/${code}?lang=en`);
  await page.getByTestId("nickname-input").fill(name);
  await page.getByTestId("nickname-submit").click();
  await expect(page.getByTestId("student-name")).toContainText(name);
  await expect(page.getByTestId("network-graph")).toBeVisible();
  return { context, page };
}

test("live: the teacher drags a weight on the graph; a student may only when allowed", async ({ browser }) => {
  const errors: string[] = [];
  const teacherContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const teacher = await teacherContext.newPage();
  teacher.on("pageerror", (error) => errors.push(`teacher: ${error.message}`));
  const created = await teacher.request.post("/api/sessions", { data: { exercise: "seed-neuron" } });
  expect(created.status()).toBe(201);
  const { code, teacherKey } = (await created.json()) as { code: string; teacherKey: string };
  await teacher.addInitScript(([name, key]) => localStorage.setItem(name!, key!), [teacherKeyName(code), teacherKey]);
  await teacher.goto(`/t/${code}?lang=en`);
  await expect(teacher.getByTestId("mode-teacher")).toBeChecked();

  const ana = await phone(browser, code, "Ana");
  ana.page.on("pageerror", (error) => errors.push(`ana: ${error.message}`));
  await ana.page.getByTestId("edge-0-0-0").click();
  await expect(arithmetic(ana.page)).toHaveText(h1Arithmetic(0.5));

  // the teacher drives: the hint is there, and a drag up of 30 px adds 0.3 for everyone
  await expect(teacher.getByTestId("legend-drag")).toBeVisible();
  await expect(ana.page.getByTestId("legend-drag")).toHaveCount(0);
  await mouseDrag(teacher, teacher.getByTestId("edge-0-0-0").locator("polygon"), -30);
  await expect(teacher.getByTestId("edge-0-0-0")).toHaveAttribute("aria-pressed", "true");
  await expect(arithmetic(teacher)).toHaveText(h1Arithmetic(0.8));
  await expect(arithmetic(ana.page)).toHaveText(h1Arithmetic(0.8));
  await expect(ana.page.getByTestId("neuron-value-1-0")).toHaveText(
    formatOutput(referenceForwardRow(seedWith(0.8), [1, 1]).layers[1]!.a[0]!, "sigmoid"),
  );

  // Ana may not edit now: her drag (mouse or touch) changes nothing, and the edge does not offer it
  const anaEdge = ana.page.getByTestId("edge-0-0-0");
  await expect(anaEdge).not.toHaveCSS("cursor", "ns-resize");
  await expect(anaEdge).not.toHaveCSS("touch-action", "none");
  await mouseDrag(ana.page, anaEdge.locator("polygon"), -40);
  await expect(ana.page.getByTestId("refusal")).toHaveCount(0);
  await expect(arithmetic(ana.page)).toHaveText(h1Arithmetic(0.8));

  // everyone edits: Ana's drag by touch on the selected connection reaches the teacher
  await teacher.getByTestId("mode-everyone").check();
  await expect(ana.page.getByTestId("weight-control-field")).toBeEnabled();
  await expect(anaEdge).toHaveCSS("touch-action", "none");
  const cdp = await ana.context.newCDPSession(ana.page);
  const from = await centre(anaEdge.locator("polygon"));
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [from] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: from.x, y: from.y + 5 * i }] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await expect(arithmetic(ana.page)).toHaveText(h1Arithmetic(0.3));
  await expect(arithmetic(teacher)).toHaveText(h1Arithmetic(0.3));

  // a lock on h1: Ana's drag on its weight changes nothing
  await teacher.getByTestId("lock-neuron").click();
  await expect(teacher.getByTestId("lock-list")).toContainText("neuron h1");
  await expect(ana.page.getByTestId("weight-control-field")).toBeDisabled();
  await mouseDrag(ana.page, anaEdge.locator("polygon"), -40);
  await expect(arithmetic(ana.page)).toHaveText(h1Arithmetic(0.3));
  await expect(arithmetic(teacher)).toHaveText(h1Arithmetic(0.3));

  expect(errors).toEqual([]);
  await ana.context.close();
  await teacherContext.close();
});
