// "Be the network" end to end: ONE teacher (console + projector) and FOUR students on phones (one
// in Chinese) run the blank 2-2-1 network by hand, once as computed (a mistake travels on and the
// debrief says where it started) and once corrected (each layer revealed before it is passed on),
// with names moved onto a neuron by the keyboard form, and by dragging them in the console on a
// 1366×768 laptop.
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { NEURON_COLUMNS } from "../../lib/network-activity/report";
import { parseCsv } from "../../lib/rounds/csv";
import { docsScreenshot, openPhone, watchErrors } from "./helpers";

const PROJECTOR = { width: 1280, height: 800 };

/**
 * The teacher starts a session on the blank 2-2-1 network from the home page (in a browser of
 * `viewport`'s size); the projector in a second tab.
 */
async function teacherStarts(browser: Browser, errors: string[], viewport = PROJECTOR) {
  const context = await browser.newContext({ viewport });
  const teacher = await context.newPage();
  watchErrors(teacher, errors, "teacher");
  await teacher.goto("/");
  await teacher.getByTestId("start-session").click();
  await expect(teacher).toHaveURL(/\/t\/[A-Z2-9]{6}$/);
  const code = new URL(teacher.url()).pathname.split("/").at(-1)!;
  const projector = await context.newPage();
  watchErrors(projector, errors, "projector");
  await projector.goto(`/t/${code}?view=projector`);
  await expect(projector.getByTestId("projector")).toBeVisible();
  return { teacher, projector, code };
}

async function studentJoins(browser: Browser, code: string, name: string, errors: string[], lang?: string) {
  const { page } = await openPhone(browser);
  watchErrors(page, errors, name);
  await page.goto(`/s/${code}${lang ? `?lang=${lang}` : ""}`);
  await page.getByTestId("nickname-input").fill(name);
  await page.getByTestId("nickname-submit").click();
  await expect(page.getByTestId("student-name")).toContainText(name);
  return page;
}

/** Four students in join order: round-robin puts the 1st and 4th on h1, the 2nd on h2, the 3rd on the output. */
async function fourStudents(browser: Browser, code: string, errors: string[]) {
  const ana = await studentJoins(browser, code, "Ana", errors);
  const bo = await studentJoins(browser, code, "Bo", errors);
  const cy = await studentJoins(browser, code, "Cy", errors);
  const ding = await studentJoins(browser, code, "小丁", errors, "zh-CN");
  return { ana, bo, cy, ding };
}

/** A session, four students, and the teacher starts the activity in `mode`. */
async function classOfFour(browser: Browser, mode: "computed" | "corrected") {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const { teacher, projector, code } = await teacherStarts(browser, errors);
  const students = await fourStudents(browser, code, errors);
  await start(teacher, mode);
  return { errors, teacher, projector, code, ...students };
}

async function start(teacher: Page, mode: "computed" | "corrected") {
  await expect(teacher.getByTestId("roster-entry")).toHaveCount(4);
  const panel = teacher.getByTestId("bnet-teacher");
  await panel.getByText("Be the network", { exact: true }).click();
  await panel.getByTestId(`bnet-mode-${mode}`).check();
  await panel.getByTestId("bnet-start").click();
  await expect(panel.getByTestId("bnet-board")).toBeVisible();
}

/** Sends z and f(z); the phone confirms it (or, when it completed the layer and that was the student's last neuron, says they are done). */
async function send(page: Page, z: string, a: string) {
  await expect(page.getByTestId("bnet-z")).toHaveAttribute("inputmode", "decimal");
  await page.getByTestId("bnet-z").fill(z);
  await page.getByTestId("bnet-a").fill(a);
  await page.getByTestId("bnet-send").click();
  await expect(page.getByTestId("bnet-sent").or(page.getByTestId("bnet-done"))).toBeVisible();
}

test("as computed: 0.8 → 0.690 passed on, a mistake travels to the output, the debrief finds it", async ({
  browser,
}) => {
  const { errors, teacher, projector, code, ana, bo, cy, ding } = await classOfFour(browser, "computed");

  // Ana's phone: h1 with what it received, its weights and bias, the curve, no value of its own
  const card = ana.getByTestId("bnet-neuron-card");
  await expect(card).toContainText("You are neuron h1");
  await expect(card.getByTestId("bnet-received-0")).toHaveText("1");
  await expect(card.getByTestId("bnet-weight-0")).toHaveText("0.5");
  await expect(card.getByTestId("bnet-weight-1")).toHaveText("0.2");
  await expect(card.getByTestId("bnet-bias")).toContainText("0.1");
  await expect(card.getByTestId("bnet-curve")).toBeVisible();
  await expect(card).not.toContainText("0.69");
  await ana.screenshot({ path: docsScreenshot("bnet-student.png"), fullPage: true });
  // the output's student waits, and sees nothing of layer 1
  await expect(cy.getByTestId("bnet-waiting")).toBeVisible();
  await expect(cy.getByTestId("bnet-received-0")).toHaveText("…");

  await send(ana, "0.8", "0,690");
  await expect(ding.getByTestId("bnet-neuron-card")).toContainText("你是神经元 h1");
  await send(ding, "0.8", "0.69");
  await send(bo, "0.2", "0.6"); // sigmoid(0.2) is 0.550: Bo's mistake travels on
  await expect(bo.getByTestId("bnet-done")).toBeVisible(); // Bo's answer completed the layer
  // the values flow to the output's student, as the class computed them
  await expect(cy.getByTestId("bnet-received-0")).toHaveText("0.69");
  await expect(cy.getByTestId("bnet-received-1")).toHaveText("0.6");
  await expect(projector.getByTestId("bnet-value-0-0")).toContainText("f(z) = 0.69");
  await send(cy, "0.09", "0.5225");
  await expect(cy.getByTestId("bnet-done")).toBeVisible(); // the output's only student: the output is in

  await expect(teacher.getByTestId("bnet-finish")).toBeVisible();
  await teacher.getByTestId("bnet-finish").click();
  await expect(projector.getByTestId("bnet-debrief")).toBeVisible();
  await expect(projector.getByTestId("bnet-neuron-0-1")).toHaveAttribute("data-right", "no");
  await expect(projector.getByTestId("bnet-neuron-0-0")).toHaveAttribute("data-right", "yes");
  await expect(projector.getByTestId("bnet-first-error")).toContainText("h2");
  // Cy computed right from what Cy received; the output is still off because of Bo's mistake
  await expect(projector.getByTestId("bnet-neuron-1-0")).toHaveAttribute("data-right", "yes");
  await expect(projector.getByTestId("bnet-ideal-1-0")).toBeVisible();
  await expect(projector.getByTestId("bnet-debrief-output-0")).toContainText("0.5225");
  await projector.getByTestId("bnet-projector").screenshot({ path: docsScreenshot("bnet-projector.png") });

  // the report has every answer, and its CSV too
  const report = await teacher.context().newPage();
  watchErrors(report, errors, "report");
  await report.goto(`/report/${code}`);
  await expect(report.getByTestId("report-bnet")).toContainText("小丁");
  const [download] = await Promise.all([report.waitForEvent("download"), report.getByTestId("csv-neurons").click()]);
  const rows = parseCsv((await readFile((await download.path())!)).toString("utf8"));
  expect(rows[0]).toEqual([...NEURON_COLUMNS]);
  expect(rows.slice(1).map((row) => [row[5], row[6], row[7], row[10]])).toEqual([
    ["Ana", "0.8", "0.69", "yes"],
    ["小丁", "0.8", "0.69", "yes"],
    ["Bo", "0.2", "0.6", "no"],
    ["Cy", "0.09", "0.5225", "yes"],
  ]);
  expect(errors).toEqual([]);
});

test("corrected: each layer is revealed and the kernel's values are passed on; names moved onto a neuron", async ({
  browser,
}) => {
  const { errors, teacher, projector, ana, bo, cy, ding } = await classOfFour(browser, "corrected");

  // the teacher moves 小丁 from h1 onto the output with the board's keyboard form (the same
  // assignment a drag of the name makes: dragging is the next test's)
  const board = teacher.getByTestId("bnet-board");
  const move = teacher.getByTestId("bnet-move");
  await move.getByLabel("Move", { exact: true }).selectOption({ label: "小丁" });
  await move.getByLabel("onto", { exact: true }).selectOption({ label: "o1" });
  await move.getByRole("button", { name: "Move" }).click();
  await expect(ding.getByTestId("bnet-neuron-card")).toContainText("你是神经元 o1");
  // and Cy onto the output again (Cy stays there, now after 小丁)
  await move.getByLabel("Move", { exact: true }).selectOption({ label: "Cy" });
  await move.getByLabel("onto", { exact: true }).selectOption({ label: "o1" });
  await move.getByRole("button", { name: "Move" }).click();
  await expect(board.getByTestId("bnet-neuron-1-0").getByTestId("bnet-member")).toHaveText(["小丁", "Cy"]);
  await expect(ding.getByTestId("bnet-waiting")).toBeVisible();

  await send(ana, "0.8", "0.69");
  await send(bo, "0.2", "0.6");
  await expect(teacher.getByTestId("bnet-status")).toContainText("Layer 1 of 2");
  await teacher.getByTestId("bnet-reveal-0").click();
  await expect(projector.getByTestId("bnet-truth-0-1")).toContainText("0.5498");
  await expect(projector.getByTestId("bnet-neuron-0-1")).toHaveAttribute("data-right", "no");
  await expect(bo.getByTestId("bnet-student-truth")).toContainText("0.5498");
  await teacher.getByTestId("bnet-advance").click();
  // the output's students receive the kernel's values, not Bo's mistake
  await expect(cy.getByTestId("bnet-received-1")).toHaveText("0.5498");
  await expect(ding.getByTestId("bnet-received-0")).toHaveText("0.69");
  await send(cy, "0.14", "0.535");
  await send(ding, "0.14", "0.535");
  await teacher.getByTestId("bnet-advance").click();
  await teacher.getByTestId("bnet-finish").click();
  await expect(projector.getByTestId("bnet-debrief")).toBeVisible();
  await expect(projector.getByTestId("bnet-neuron-1-0")).toHaveAttribute("data-right", "yes");
  await expect(projector.getByTestId("bnet-debrief-output-0")).toContainText("0.535");
  expect(errors).toEqual([]);
});

test("the console on a 1366×768 laptop: a name dragged with the mouse onto a neuron of another layer", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  const { teacher, code } = await teacherStarts(browser, errors, { width: 1366, height: 768 });
  // three students: round-robin puts Ana on h1, Bo on h2, Cy on the output
  const ana = await studentJoins(browser, code, "Ana", errors);
  await studentJoins(browser, code, "Bo", errors);
  await studentJoins(browser, code, "Cy", errors);
  await expect(teacher.getByTestId("roster-entry")).toHaveCount(3);
  const panel = teacher.getByTestId("bnet-teacher");
  await panel.getByText("Be the network", { exact: true }).click();
  await panel.getByTestId("bnet-start").click();
  const board = panel.getByTestId("bnet-board");
  await expect(board).toBeVisible();
  await board.scrollIntoViewIfNeeded();

  // a real pointer: press on Ana's name in h1, move in steps onto the output, release. The board
  // is HTML5 drag and drop (draggable names, drop targets on the neurons): Chromium starts the drag
  // from these mouse events. Both ends in view inside the console's scrolling activity area.
  const name = board.getByTestId("bnet-neuron-0-0").getByTestId("bnet-member").filter({ hasText: "Ana" });
  const output = board.getByTestId("bnet-neuron-1-0");
  const from = (await name.boundingBox())!;
  const to = (await output.boundingBox())!;
  for (const point of [
    { x: from.x + from.width / 2, y: from.y + from.height / 2, id: "bnet-member" },
    { x: to.x + to.width / 2, y: to.y + to.height / 2, id: "bnet-neuron-1-0" },
  ]) {
    // what is under the pointer there: the name, and the neuron (not clipped by a scrolling box)
    const under = await teacher.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest("[data-testid]")?.getAttribute("data-testid"),
      point,
    );
    expect(under, JSON.stringify({ from, to })).toBe(point.id);
  }
  await teacher.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await teacher.mouse.down();
  await teacher.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await teacher.mouse.up();
  await expect(output.getByTestId("bnet-member")).toHaveText(["Cy", "Ana"]);
  await expect(board.getByTestId("bnet-neuron-0-0").getByTestId("bnet-member")).toHaveCount(0);
  await expect(ana.getByTestId("bnet-neuron-card")).toContainText("You are neuron o1");

  // and Playwright's own drag (the same events): Cy back onto h1
  await output.getByTestId("bnet-member").filter({ hasText: "Cy" }).dragTo(board.getByTestId("bnet-neuron-0-0"));
  await expect(board.getByTestId("bnet-neuron-0-0").getByTestId("bnet-member")).toHaveText(["Cy"]);
  expect(errors).toEqual([]);
});
