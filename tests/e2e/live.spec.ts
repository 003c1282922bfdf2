// A live class end to end: ONE teacher and THREE students, each in their own browser context (own
// storage, own socket). The teacher starts a session from a lesson page with the UI button; the
// students type the code on the home page and a nickname. Then every mode: the teacher drives
// (students' controls disabled, with the reason), everyone edits (a student's change reaches the
// teacher and the other students), locks, sandbox (private edits, the teacher's thumbnails,
// spotlight on every screen, adopt), a student's reload (same participant), remove and end.
// Expected numbers come from the float64 reference, not from a page.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { neuronArithmetic } from "../../lib/format";
import { lessonBySlug } from "../../lib/lessons";
import { neuronActivation } from "../../lib/network/model";
import { referenceForwardRow } from "../../lib/network/reference";
import type { Network } from "../../lib/network/schema";
import { enterNickname, openPhone, teacherStartsSession, watchErrors, docsScreenshot } from "./helpers";

/** h1's arithmetic in the seed network with weight x1 → h1 = w (inputs 1, 1). */
function h1Arithmetic(w: number): string {
  const net = structuredClone(lessonBySlug("seed-neuron")!.exercise.network) as Network;
  net.layers[0]!.neurons[0]!.weights[0] = w;
  const inputs = [1, 1];
  const row = referenceForwardRow(net, inputs);
  const layer = net.layers[0]!;
  const spec = layer.neurons[0]!;
  const activation = neuronActivation(layer, spec);
  const z = row.layers[0]!.z[0]!;
  const a = row.layers[0]!.a[0]!;
  return neuronArithmetic({ weights: spec.weights, inputs, bias: spec.bias, activation, z, a });
}

const arithmetic = (page: Page) => page.getByTestId("inspector-arithmetic");
const weightField = (page: Page) => page.getByTestId("weight-control-field");

async function studentJoins(browser: Browser, code: string, name: string, lang?: string) {
  const { context, page } = await openPhone(browser);
  await page.goto(lang ? `/?lang=${lang}` : "/");
  // the way in without a link: type the code (in lower case, with a space: it is tidied up)
  await page.getByTestId("join-code-input").fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
  await page.getByTestId("join-code-submit").click();
  await expect(page).toHaveURL(new RegExp(`/s/${code}$`));
  await enterNickname(page, name);
  // select the connection x1 → h1: the inspector shows h1's arithmetic
  await page.getByTestId("edge-0-0-0").click();
  return { context, page };
}

/** Types an exact weight into the editor (the connection is selected). */
async function setWeight(page: Page, value: string) {
  await weightField(page).fill(value);
  await weightField(page).press("Enter");
}

test("one teacher and three students: join, modes, locks, sandboxes, spotlight, adopt, reload, remove, end", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const errors: string[] = [];

  // ---- the teacher starts a session from a lesson page
  const { context: teacherContext, teacher, code } = await teacherStartsSession(browser, "seed-neuron", errors);
  teacher.on("dialog", (dialog) => void dialog.accept());
  await expect(teacher.getByTestId("join-code")).toHaveText(code);
  await expect(teacher.getByTestId("join-url")).toHaveText(new RegExp(`/s/${code}$`));
  await expect(teacher.getByTestId("join-qr")).toBeVisible();
  await expect(teacher.getByTestId("roster")).toContainText("No one has joined yet.");
  await teacher.getByTestId("edge-0-0-0").click();
  await expect(arithmetic(teacher)).toHaveText(h1Arithmetic(0.5));

  // ---- three students join by typing the code and a nickname
  const ana = await studentJoins(browser, code, "Ana");
  const bo = await studentJoins(browser, code, "Bo");
  const chen = await studentJoins(browser, code, "小陈", "zh-CN");
  const students = [ana.page, bo.page, chen.page];
  watchErrors(ana.page, errors, "Ana");
  watchErrors(bo.page, errors, "Bo");
  watchErrors(chen.page, errors, "Chen");

  const roster = teacher.getByTestId("roster-entry");
  await expect(roster).toHaveCount(3);
  for (const name of ["Ana", "Bo", "小陈"]) {
    await expect(teacher.locator(`[data-testid="roster-entry"][data-name="${name}"]`)).toHaveAttribute(
      "data-online",
      "true",
    );
  }
  for (const page of students) await expect(arithmetic(page)).toHaveText(h1Arithmetic(0.5));

  // ---- teacher drives (the default): students inspect, their controls are disabled with the reason
  await expect(teacher.getByTestId("mode-teacher")).toBeChecked();
  await expect(weightField(ana.page)).toBeDisabled();
  await expect(ana.page.getByTestId("editor-notice")).toHaveText(/The teacher is driving/);
  await expect(chen.page.getByTestId("editor-notice")).toHaveText(/现在由老师操作/);

  // the teacher changes a weight: every student sees the new value and arithmetic
  await setWeight(teacher, "0.9");
  await expect(arithmetic(teacher)).toHaveText(h1Arithmetic(0.9));
  for (const page of students) {
    await expect(arithmetic(page)).toHaveText(h1Arithmetic(0.9));
    await expect(weightField(page)).toHaveValue("0.9");
  }

  // ---- everyone edits: a student's change reaches the teacher and the other students
  await teacher.getByTestId("mode-everyone").check();
  for (const page of students) await expect(weightField(page)).toBeEnabled();
  await setWeight(ana.page, "-1.5");
  await expect(arithmetic(ana.page)).toHaveText(h1Arithmetic(-1.5));
  for (const page of [teacher, bo.page, chen.page]) await expect(arithmetic(page)).toHaveText(h1Arithmetic(-1.5));
  // a drag (20 slider steps in a row, paced to ≤ 30 actions/s): everyone ends on its last value
  const slider = ana.page.getByTestId("weight-control-slider");
  await slider.focus();
  for (let i = 0; i < 20; i++) await ana.page.keyboard.press("ArrowRight");
  const dragged = Number(await slider.inputValue());
  expect(dragged).toBeCloseTo(-0.5, 6);
  for (const page of [ana.page, teacher, bo.page, chen.page])
    await expect(arithmetic(page)).toHaveText(h1Arithmetic(dragged));
  await setWeight(ana.page, "-1.5");
  for (const page of [teacher, bo.page, chen.page]) await expect(arithmetic(page)).toHaveText(h1Arithmetic(-1.5));
  // structural edits stay the teacher's outside sandbox mode
  await bo.page.getByTestId("neuron-0-0").click();
  await expect(bo.page.getByRole("button", { name: "Add a neuron" })).toBeDisabled();
  await bo.page.getByTestId("edge-0-0-0").click();

  // a lock: the teacher locks h1; its weights are disabled for students with "Locked by the teacher"
  await teacher.getByTestId("lock-neuron").click();
  await expect(teacher.getByTestId("lock-list")).toContainText("neuron h1");
  await expect(weightField(bo.page)).toBeDisabled();
  await expect(bo.page.getByTestId("weight-control-reason")).toHaveText(/Locked by the teacher/);
  await teacher.getByTestId("lock-neuron").click(); // unlock
  await expect(weightField(bo.page)).toBeEnabled();

  // ---- teacher drives again: disabled
  await teacher.getByTestId("mode-teacher").check();
  for (const page of students) await expect(weightField(page)).toBeDisabled();

  // ---- sandbox: Ana's edit stays private; the teacher sees her thumbnail
  await teacher.getByTestId("mode-sandbox").check();
  await expect(ana.page.getByTestId("sandbox-badge")).toBeVisible();
  await expect(ana.page.getByTestId("live-network-title")).toHaveText("Your sandbox");
  await setWeight(ana.page, "3");
  await expect(arithmetic(ana.page)).toHaveText(h1Arithmetic(3));
  const thumb = teacher.locator('[data-testid="sandbox-thumb"][data-name="Ana"]');
  await expect(thumb).toBeVisible();
  await expect(thumb.locator("canvas")).toBeVisible();
  // private: nobody else's network changed
  await bo.page.waitForTimeout(300);
  for (const page of [teacher, bo.page, chen.page]) await expect(arithmetic(page)).toHaveText(h1Arithmetic(-1.5));

  // for review (not in docs): the teacher's controls and a student's sandbox, whole pages
  await teacher.screenshot({ path: test.info().outputPath("teacher-controls.png"), fullPage: true });
  await ana.page.screenshot({ path: test.info().outputPath("student-sandbox.png"), fullPage: true });

  // spotlight: every screen shows Ana's sandbox
  await thumb.getByTestId("sandbox-spotlight").click();
  for (const page of [teacher, ...students]) {
    await expect(page.getByTestId("spotlight-banner")).toBeVisible();
    await expect(arithmetic(page)).toHaveText(h1Arithmetic(3));
  }
  await expect(bo.page.getByTestId("live-network-title")).toHaveText("Ana's sandbox");
  await expect(ana.page.getByTestId("spotlight-banner")).toHaveText(/your sandbox/);

  // ---- screenshots: the projector (1280×800) and a student's phone (390×844)
  const projector = await teacherContext.newPage();
  watchErrors(projector, errors, "projector");
  await projector.goto(`/t/${code}?view=projector`);
  await expect(projector.getByTestId("projector")).toBeVisible();
  await expect(projector.getByTestId("who-is-here")).toContainText("小陈");
  await expect(projector.getByTestId("spotlight-banner")).toBeVisible();
  await projector.getByTestId("edge-0-0-0").click();
  await expect(arithmetic(projector)).toHaveText(h1Arithmetic(3));
  await expect(projector.getByTestId("heatmaps")).toBeVisible();
  await projector.waitForTimeout(500); // the heatmaps' first paint
  await projector.screenshot({ path: docsScreenshot("live-teacher.png") });
  await bo.page.evaluate(() => window.scrollTo(0, 0));
  await bo.page.screenshot({ path: docsScreenshot("live-student.png") });

  // adopt: Ana's network becomes the shared one
  await thumb.getByTestId("sandbox-adopt").click();
  await teacher.getByTestId("spotlight-stop").click();
  for (const page of [teacher, ...students, projector]) {
    await expect(page.getByTestId("spotlight-banner")).toHaveCount(0);
  }
  await expect(arithmetic(teacher)).toHaveText(h1Arithmetic(3));
  await teacher.getByTestId("mode-everyone").check();
  for (const page of students) await expect(arithmetic(page)).toHaveText(h1Arithmetic(3));

  // ---- a student reloads: same participant, same name, no new roster entry
  await chen.page.reload();
  await expect(chen.page.getByTestId("student-name")).toContainText("小陈");
  await expect(chen.page.getByTestId("nickname-form")).toHaveCount(0);
  await chen.page.getByTestId("edge-0-0-0").click();
  await expect(arithmetic(chen.page)).toHaveText(h1Arithmetic(3));
  await expect(roster).toHaveCount(3);

  // ---- remove a student, then end the session
  await teacher.getByRole("button", { name: "Remove Bo" }).click();
  await expect(bo.page.getByTestId("removed")).toBeVisible();
  await expect(roster).toHaveCount(2);
  await bo.page.reload(); // the place is kept: the server says "removed" again, no fresh join
  await expect(bo.page.getByTestId("removed")).toBeVisible();
  await teacher.getByTestId("end-session").click();
  await expect(teacher.getByTestId("session-ended")).toBeVisible();
  await expect(ana.page.getByTestId("ended")).toBeVisible();
  await expect(chen.page.getByTestId("ended")).toBeVisible();
  await ana.page.reload();
  await expect(ana.page.getByTestId("ended")).toBeVisible();
  await teacher.reload();
  await expect(teacher.getByTestId("session-ended")).toBeVisible();

  expect(errors).toEqual([]);
  await Promise.all([teacherContext.close(), ana.context.close(), bo.context.close(), chen.context.close()]);
});

test("a refused nickname is explained; an unknown code says so", async ({ page }) => {
  const created = await page.request.post("/api/sessions", { data: {} });
  expect(created.status()).toBe(201);
  const { code } = (await created.json()) as { code: string };
  await page.goto(`/s/${code}`);
  await page.getByTestId("nickname-input").fill("   ");
  await page.getByTestId("nickname-submit").click();
  await expect(page.getByTestId("nickname-form").getByRole("alert")).toHaveText(/This nickname cannot be used/);
  await page.getByTestId("nickname-input").fill("Dana");
  await page.getByTestId("nickname-submit").click();
  await expect(page.getByTestId("student-name")).toContainText("Dana");

  // a student with no place asks for a name first; the unknown code is said on joining
  await page.goto("/s/ZZZZZ2");
  await page.getByTestId("nickname-input").fill("Eve");
  await page.getByTestId("nickname-submit").click();
  await expect(page.getByTestId("join-failed")).toContainText("There is no live session with the code ZZZZZ2.");
});
