// The teacher's whole lesson with its questions (issue 14, item 4), a teacher and three phones at
// 390×844: prepare the lesson (a weight edited, a multiple-choice question written in the exercise
// editor and moved to the top with the keyboard), start, run the plan's questions — the prepared
// one, then a numeric one written live and moved up — follow each student's answer on the console,
// switch to a second exercise on the same code, run its first question and Be the network, end, reach the report
// and both CSV files from the ended page, and find the session again on "My classes". The console
// at 1366×768 never scrolls as a page; no phone receives a truth before its reveal.
import { readFile } from "node:fs/promises";
import { expect, test, type Page, type WebSocket } from "@playwright/test";
import { lessonBySlug } from "../../lib/lessons";
import { referenceForwardRow } from "../../lib/network/reference";
import { axeProblems, enterNickname, openPhone, watchErrors } from "./helpers";

/** How far the page itself scrolls (0: the console fits the window). */
function pageOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
}

/** Every frame a page's sockets receive, as text. */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on("websocket", (socket: WebSocket) => {
    socket.on("framereceived", ({ payload }) => frames.push(String(payload)));
  });
  return frames;
}

test("prepare, start, run the plan on two exercises with three phones, end, report and My classes", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const teacher = await context.newPage();
  watchErrors(teacher, errors, "teacher");
  teacher.on("dialog", (dialog) => void dialog.accept());

  // ---- prepare: x1 → h1 becomes 0.9, and a multiple-choice question about o1 goes first
  await teacher.goto("/e/what-is-passed-on");
  const title = await teacher.getByTestId("lesson-title").innerText();
  await teacher.getByTestId("edge-0-0-0").click();
  await teacher.getByTestId("weight-control-field").fill("0.9");
  await teacher.getByTestId("weight-control-field").press("Enter");
  await expect(teacher.getByTestId("inspector-arithmetic")).toContainText("0.9");
  const editor = teacher.getByTestId("question-list");
  await editor.locator("summary").first().click();
  await expect(editor.getByTestId(/^question-\d+$/)).toHaveCount(3);
  await editor.getByTestId("question-add").click();
  const form = editor.getByTestId("question-form");
  await form.getByTestId("question-kind").selectOption("choice");
  await form.getByTestId("question-neuron").selectOption("1:0");
  // a choice question without its text or its right option is refused, with the reason
  await form.getByTestId("question-choice-0").fill("Yes");
  await form.getByTestId("question-choice-1").fill("No");
  await form.getByTestId("question-submit").click();
  await expect(form.getByTestId("question-problem")).toHaveText("A multiple-choice question needs its text.");
  await form.getByTestId("question-prompt").fill("Is o1 above 2?");
  await form.getByTestId("question-submit").click();
  await expect(form.getByTestId("question-problem")).toHaveText("Choose the right option.");
  // o1 = 1·sigmoid(1.2) + 2·sigmoid(0) = 1.77: "No"
  await form.getByTestId("question-right-1").check();
  await form.getByTestId("question-submit").click();
  await expect(editor.getByTestId(/^question-\d+$/)).toHaveCount(4);
  await expect(editor.getByTestId("question-3")).toContainText("Is o1 above 2?");
  // to the top, by keyboard
  for (const from of [3, 2, 1]) {
    await editor.getByTestId(`question-up-${from}`).focus();
    await teacher.keyboard.press("Enter");
    await expect(editor.getByTestId(`question-${from - 1}`)).toContainText("Is o1 above 2?");
  }

  // ---- start: the console fits 1366×768; three phones join
  await teacher.getByTestId("start-session").click();
  await expect(teacher).toHaveURL(/\/t\/[A-Z2-9]{6}$/);
  const code = new URL(teacher.url()).pathname.split("/").at(-1)!;
  const phones: Page[] = [];
  const frames: string[][] = [];
  for (const name of ["Ana", "Bo", "Chen"]) {
    const { page } = await openPhone(browser);
    watchErrors(page, errors, name);
    frames.push(recordFrames(page));
    await page.goto(`/s/${code}`);
    await enterNickname(page, name);
    phones.push(page);
  }
  const [ana, bo, chen] = phones as [Page, Page, Page];
  await expect(teacher.getByTestId("roster-entry")).toHaveCount(3);
  await expect.poll(() => pageOverflow(teacher)).toBe(0);

  // ---- the plan: the prepared question first, the exercise's after it
  const plan = teacher.getByTestId("plan");
  const entries = plan.getByTestId("plan-entry");
  await expect(entries).toHaveCount(4);
  await expect(entries.first()).toContainText("Is o1 above 2?");
  await plan.getByTestId("plan-next").click();
  for (const phone of phones) await expect(phone.getByTestId("round-question-text")).toHaveText("Is o1 above 2?");
  await ana.getByTestId("round-option-1").click();
  await bo.getByTestId("round-option-0").click();
  await chen.getByTestId("round-option-1").click();
  const row = (name: string) => teacher.locator(`[data-testid="roster-entry"][data-name="${name}"]`);
  await expect(row("Ana").getByTestId("roster-answer")).toContainText("No");
  await expect(row("Bo").getByTestId("roster-answer")).toContainText("Yes");
  await expect(row("Chen").getByTestId("roster-answer")).toContainText("No");
  // the console's answer list follows them too (the projector shows it only when the teacher does)
  const answerRow = (name: string) =>
    teacher.getByTestId("answer-list").locator(`[data-testid="answer-row"][data-name="${name}"]`);
  await expect(answerRow("Bo").getByTestId("answer-value")).toContainText("Yes");
  await expect(answerRow("Ana").getByTestId("answer-value")).toContainText("No");
  // nothing a phone received so far carries a truth
  for (const received of frames) expect(received.join("\n")).not.toContain('"truth"');
  await teacher.getByTestId("round-reveal").click();
  await expect(ana.getByTestId("round-result")).toHaveAttribute("data-points", "1000");
  await expect(bo.getByTestId("round-result")).toHaveAttribute("data-points", "0");
  await teacher.getByTestId("round-clear").click();

  // ---- a numeric question written live: o2's z at x = (1, 0); moved to the front of what is left
  const write = plan.getByTestId("plan-write");
  await write.locator("summary").click();
  const live = write.getByTestId("plan-question");
  await live.getByTestId("question-kind").selectOption("z");
  await live.getByTestId("question-neuron").selectOption("1:1");
  await live.getByTestId("question-input-0").fill("1");
  await live.getByTestId("question-input-1").fill("0");
  await live.getByTestId("question-submit").click();
  await expect(plan.getByTestId("plan-note")).toHaveText("Added to the plan.");
  expect(await axeProblems(teacher)).toEqual([]);
  await expect(entries).toHaveCount(5);
  await expect(entries.last()).toContainText("Numeric: weighted sum z · o2");
  for (const position of [3, 2, 1]) {
    await plan.getByTestId("plan-up-4").focus();
    await teacher.keyboard.press("Enter");
    await expect(entries.nth(position)).toHaveAttribute("data-script", "4");
  }
  await expect.poll(() => pageOverflow(teacher)).toBe(0);
  await plan.getByTestId("plan-next").click();
  const network = structuredClone(lessonBySlug("what-is-passed-on")!.exercise.network);
  network.layers[0]!.neurons[0]!.weights[0] = 0.9;
  const truth = referenceForwardRow(network, [1, 0]).layers[1]!.z[1]!;
  await expect(ana.getByTestId("round-question")).toBeVisible();
  await ana.getByTestId("round-answer-input").fill(truth.toFixed(4));
  await ana.getByTestId("round-answer-input").press("Enter");
  await bo.getByTestId("round-answer-input").fill("-1");
  await bo.getByTestId("round-answer-input").press("Enter");
  await expect(row("Ana").getByTestId("roster-answer")).toContainText(truth.toFixed(2).slice(0, 3));
  await expect(row("Chen").getByTestId("roster-answer")).toHaveText("no answer yet");
  for (const received of frames) expect(received.join("\n")).not.toContain(String(truth));
  await teacher.getByTestId("round-reveal").click();
  await expect(ana.getByTestId("round-result")).toHaveAttribute("data-points", "1000");
  await teacher.getByTestId("round-clear").click();

  // ---- the second exercise on the same code: its own questions make the plan
  const box = teacher.getByTestId("switch-exercise");
  await box.locator("summary").click();
  await box.getByTestId("switch-choice").selectOption("seed-neuron");
  await box.getByTestId("switch-submit").click();
  await expect(box.getByRole("status")).toContainText("Switched");
  await expect(entries.first()).toContainText("h1's weighted sum z");
  await expect(plan.getByText("Is o1 above 2?")).toHaveCount(0);
  await plan.getByTestId("plan-next").click();
  await ana.getByTestId("round-answer-input").fill("0.8");
  await ana.getByTestId("round-answer-input").press("Enter");
  await expect(row("Ana").getByTestId("roster-answer")).toContainText("0.8");
  await teacher.getByTestId("round-reveal").click();
  await expect(ana.getByTestId("round-result")).toHaveAttribute("data-points", "1000");
  await teacher.getByTestId("round-clear").click();

  // ---- a second activity on this exercise: Be the network. Each phone is h1 or o1 (the seed
  // neuron's two layers); h1's students send 0.8 → 0.69, o1's compute from what h1 passed on
  const bnet = teacher.getByTestId("bnet-teacher");
  await bnet.getByText("Be the network", { exact: true }).click();
  await bnet.getByTestId("bnet-mode-computed").check();
  await bnet.getByTestId("bnet-start").click();
  await expect(bnet.getByTestId("bnet-board")).toBeVisible();
  const roles = new Map<Page, string>();
  for (const phone of phones) {
    const card = phone.getByTestId("bnet-neuron-card");
    await expect(card).toContainText(/You are neuron (h1|o1)/);
    roles.set(phone, (await card.innerText()).includes("neuron h1") ? "h1" : "o1");
  }
  expect([...roles.values()].sort()).toEqual(["h1", "h1", "o1"]);
  const sendAnswer = async (phone: Page, z: string, a: string) => {
    await phone.getByTestId("bnet-z").fill(z);
    await phone.getByTestId("bnet-a").fill(a);
    await phone.getByTestId("bnet-send").click();
    await expect(phone.getByTestId("bnet-sent").or(phone.getByTestId("bnet-done"))).toBeVisible();
  };
  for (const [phone, role] of roles) if (role === "h1") await sendAnswer(phone, "0.8", "0.69");
  for (const [phone, role] of roles) {
    if (role !== "o1") continue;
    await expect(phone.getByTestId("bnet-received-0")).toHaveText("0.69");
    await sendAnswer(phone, "1.48", "0.8146"); // 2 · 0.69 + 0.1, sigmoid(1.48)
  }
  await bnet.getByTestId("bnet-finish").click();
  await expect(bnet.getByTestId("bnet-finish")).toHaveCount(0);
  await expect.poll(() => pageOverflow(teacher)).toBe(0);

  // ---- end: the report and both CSV files from the ended page, then My classes
  await teacher.getByTestId("end-session").click();
  await expect(teacher.getByTestId("session-ended")).toBeVisible();
  const [download] = await Promise.all([
    teacher.waitForEvent("download"),
    teacher.getByTestId("ended-csv-answers").click(),
  ]);
  const answers = await readFile((await download.path())!, "utf8");
  expect(answers).toContain("Is o1 above 2?");
  for (const name of ["Ana", "Bo", "Chen"]) expect(answers).toContain(name);
  const [students] = await Promise.all([
    teacher.waitForEvent("download"),
    teacher.getByTestId("ended-csv-students").click(),
  ]);
  expect(students.suggestedFilename()).toBe(`activation-lab-${code}-students.csv`);
  await teacher.getByTestId("ended-report").click();
  await expect(teacher).toHaveURL(new RegExp(`/report/${code}$`));
  await expect(teacher.getByTestId("report-part")).toHaveCount(2);
  await expect(teacher.getByTestId("report-students")).toBeVisible();
  await expect(teacher.getByTestId("report-bnet")).toContainText("Chen");
  await teacher.goto("/classes");
  await expect(teacher.getByTestId(`class-${code}`)).toContainText(title);

  for (const phone of phones) await phone.context().close();
  await context.close();
  expect(errors).toEqual([]);
});

test("the exercise editor's questions are saved with the exercise", async ({ page }) => {
  const errors: string[] = [];
  watchErrors(page, errors, "teacher");
  page.on("dialog", (dialog) => void dialog.accept());
  // what-is-passed-on: a choice question (its key the lesson's, never in the page) and two numeric
  await page.goto("/e/what-is-passed-on");
  const editor = page.getByTestId("question-list");
  await editor.locator("summary").first().click();
  const items = editor.getByTestId(/^question-\d+$/);
  await expect(items).toHaveCount(3);
  await expect(editor.getByTestId("question-0")).toContainText("answer key kept by the exercise's owner");
  await expect(editor.getByTestId("question-1")).toContainText("Numeric: weighted sum z · o1");
  // the choice question moves down, the last numeric one goes, a numeric one is changed
  await editor.getByTestId("question-down-0").focus();
  await page.keyboard.press("Enter");
  await editor.getByTestId("question-delete-2").click();
  await expect(items).toHaveCount(2);
  await editor.getByTestId("question-edit-0").click();
  const form = editor.getByTestId("question-form");
  await form.getByTestId("question-kind").selectOption("output");
  expect(await axeProblems(page)).toEqual([]);
  await form.getByTestId("question-prompt").fill("What does {h2.activation} make of x?");
  await form.getByTestId("question-submit").click();
  await expect(editor.getByTestId("question-0")).toContainText("What does sigmoid make of x?");

  const actions = page.getByTestId("exercise-actions");
  await actions.getByTestId("save-new").click();
  await actions.getByTestId("save-title").fill(`Questions ${Date.now().toString(36)}`);
  await actions.getByTestId("save-submit").click();
  await expect(actions.getByTestId("share-result")).toContainText("Saved as a new exercise.");
  const href = (await actions.getByTestId("share-link").getAttribute("href"))!;
  const slug = href.slice("/e/".length);
  const saved = (await (await page.request.get(`/api/exercises/${slug}`)).json()) as {
    rounds: { kind: string; prompt?: { en?: string }; answer?: number }[];
  };
  expect(saved.rounds.map((r) => r.kind)).toEqual(["output", "choice"]);
  expect(saved.rounds[0]!.prompt?.en).toBe("What does {h2.activation} make of x?");
  expect(JSON.stringify(saved.rounds)).not.toContain('"answer"');

  // the saved exercise's page shows them in that order
  await page.goto(href);
  const reread = page.getByTestId("question-list");
  await reread.locator("summary").first().click();
  await expect(reread.getByTestId(/^question-\d+$/)).toHaveCount(2);
  await expect(reread.getByTestId("question-1")).toContainText("Multiple choice");
  expect(errors).toEqual([]);
});
