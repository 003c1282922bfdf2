// The teacher's whole lesson on one code (issue 14): a round on one exercise, the class moved to
// another without re-joining, a round there, the report with both parts. On the way, the small
// things a class notices: a scripted question printed once and "Choose one." no bigger than it, the
// histogram's highlighted bar holding the full-points answer, the tolerance explained, and on a
// 390 px phone weight labels that do not collide and connections a finger can hit (44 px).
import { expect, test, type Page } from "@playwright/test";
import { lessonBySlug } from "../../lib/lessons";
import { referenceForwardRow } from "../../lib/network/reference";
import { enterNickname, openPhone, teacherStartsSession, watchErrors } from "./helpers";

async function labelsApart(page: Page) {
  const boxes = await page.locator('[data-testid^="weight-"]').evaluateAll((nodes) =>
    nodes.map((node) => {
      const r = node.getBoundingClientRect();
      return { id: node.getAttribute("data-testid"), x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  expect(boxes.length).toBeGreaterThanOrEqual(8);
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      expect(overlap, `${a.id} and ${b.id} overlap`).toBe(false);
    }
  }
}

/** Each connection's tap band, measured across in CSS pixels. */
async function tapWidths(page: Page): Promise<number[]> {
  return page.locator('[data-tap="44"]').evaluateAll((nodes) =>
    nodes.map((node) => {
      const path = (node.getAttribute("d") ?? "").replace(/[MZ]/g, "");
      const points = path.split(" ").map((p) => p.split(",").map(Number));
      const svg = (node as SVGElement).ownerSVGElement!;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const [a, , , d] = points as [number[], number[], number[], number[]];
      return Math.hypot(a[0]! - d[0]!, a[1]! - d[1]!) * scale;
    }),
  );
}

test("a phone: the lesson's questions follow the network, labels apart, 44 px connections", async ({ browser }) => {
  const { context, page } = await openPhone(browser);
  const errors: string[] = [];
  watchErrors(page, errors, "phone");
  await page.goto("/e/what-is-passed-on");
  await expect(page.getByTestId("network-graph")).toBeVisible();
  await labelsApart(page);
  const widths = await tapWidths(page);
  expect(widths).toHaveLength(8);
  for (const width of widths) expect(width).toBeGreaterThanOrEqual(44);

  // "h1 uses sigmoid" becomes "h1 uses ReLU" once h1 is a ReLU
  await page.goto("/e/seed-neuron");
  await expect(page.getByText("h1 uses sigmoid. What is its output?")).toBeVisible();
  await page.getByTestId("neuron-0-0").click();
  await page.getByLabel("Activation of h1").selectOption("relu");
  await expect(page.getByText("h1 uses ReLU. What is its output?")).toBeVisible();
  await context.close();
  expect(errors).toEqual([]);
});

test("one code, two exercises: rounds on both, nobody re-joins, the report has both parts", async ({ browser }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  const { context, teacher, code } = await teacherStartsSession(browser, "what-is-passed-on", errors);
  teacher.on("dialog", (dialog) => void dialog.accept());
  const { page: ana } = await openPhone(browser);
  watchErrors(ana, errors, "Ana");
  await ana.goto(`/s/${code}`);
  await enterNickname(ana, "Ana");
  await expect(teacher.getByTestId("roster-entry")).toHaveCount(1);

  // a scripted choice round: its question once, "Choose one." no bigger than it
  await teacher.getByTestId("round-script-0").click();
  const question = ana.getByTestId("round-question-text");
  await expect(question).toHaveText("What does the next layer receive from h1?");
  await expect(ana.getByTestId("round-question")).not.toContainText("What does h1 output?");
  const size = (text: string) =>
    ana
      .getByTestId("round-question")
      .getByText(text, { exact: true })
      .evaluate((n) => parseFloat(getComputedStyle(n).fontSize));
  expect(await size("Choose one.")).toBeLessThan(await size("What does the next layer receive from h1?"));
  await ana.getByTestId("round-option-2").click();
  await teacher.getByTestId("round-reveal").click();
  await teacher.getByTestId("round-clear").click();

  // an ad-hoc numeric round: the tolerance explained; Ana answers the truth exactly
  const panel = teacher.getByTestId("teacher-round");
  await panel.getByText("Ask about a neuron").click();
  await expect(teacher.getByTestId("round-tolerance-help")).toContainText("within ±0.01");
  await teacher.getByTestId("round-neuron").selectOption("0:0");
  await teacher.getByTestId("round-kind").selectOption("output");
  await teacher.getByTestId("round-input-0").fill("0.5");
  await teacher.getByTestId("round-input-1").fill("-1");
  await teacher.getByTestId("round-open").click();
  const network = lessonBySlug("what-is-passed-on")!.exercise.network;
  const truth = referenceForwardRow(network, [0.5, -1]).layers[0]!.a[0]!;
  await ana.getByTestId("round-answer-input").fill(String(truth));
  await ana.getByTestId("round-answer-input").press("Enter");
  await expect(ana.getByTestId("round-mine")).toBeVisible();
  await teacher.getByTestId("round-reveal").click();
  await expect(ana.getByTestId("round-result")).toHaveAttribute("data-points", "1000");
  // the bar holding Ana's answer is highlighted
  const bars = ana.getByTestId("round-histogram").locator("rect");
  const counts = await ana.getByTestId("round-histogram").getAttribute("data-counts");
  const holding = counts!.split(",").findIndex((c) => c === "1");
  await expect(bars.nth(holding)).toHaveAttribute("data-right", "true");
  await teacher.getByTestId("round-clear").click();

  // the switch: the seed neuron, same code, Ana still Ana
  const box = teacher.getByTestId("switch-exercise");
  await box.locator("summary").click();
  await box.getByTestId("switch-choice").selectOption("seed-neuron");
  await box.getByTestId("switch-submit").click();
  await expect(box.getByRole("status")).toContainText("Switched");
  await expect(ana.getByTestId("neuron-1-0")).toBeVisible();
  await expect(ana.getByTestId("neuron-0-1")).toHaveCount(0); // the seed has one hidden neuron
  await expect(ana.getByTestId("student-name")).toContainText("Ana");
  await expect(teacher.getByTestId("roster-entry")).toHaveCount(1);

  // a round of the new exercise, answered on the same phone
  await teacher.getByTestId("round-script-0").click();
  await ana.getByTestId("round-answer-input").fill("0.8");
  await ana.getByTestId("round-answer-input").press("Enter");
  await expect(ana.getByTestId("round-mine")).toBeVisible();
  await teacher.getByTestId("round-reveal").click();
  await expect(ana.getByTestId("round-result")).toHaveAttribute("data-points", "1000");

  // the end: the report shows both exercises
  await teacher.getByTestId("end-session").click();
  await teacher.getByTestId("ended-report").click();
  await expect(teacher.getByTestId("report-part")).toHaveCount(2);
  await expect(teacher.getByTestId("report-part").nth(1)).toContainText("seed neuron");
  await context.close();
  await ana.context().close();
  expect(errors).toEqual([]);
});
