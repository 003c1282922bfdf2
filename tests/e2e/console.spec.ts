// The teacher's console and the phones at their real sizes (issue 14, items 1 and 2), with three
// students: the console fits 1366×768 without page scrolling and follows who answered what; the
// projector puts the network and a large heatmap side by side, hides the join code on demand and
// shows nobody's answer; a 390×844 phone shows the question above the fold, the editor folded
// while the teacher drives, and nothing to tap under 44 px. axe-core finds no serious or critical
// violation on any page, live pages included.
import { expect, test, type Page } from "@playwright/test";
import { axeProblems, docsScreenshot, enterNickname, openPhone, teacherStartsSession, watchErrors } from "./helpers";

async function inView(page: Page, testId: string) {
  const box = await page.getByTestId(testId).first().boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, `${testId} is drawn`).not.toBeNull();
  expect(box!.y, `${testId} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${testId} starts above the fold`).toBeLessThan(viewport.height - 40);
}

/** Every control a student taps, smaller than 44 px either way (WCAG 2.5.5). */
async function smallTargets(page: Page): Promise<string[]> {
  return page
    .locator(
      'main button:visible, main select:visible, main input:not([type="checkbox"]):visible, main summary:visible, main [role="button"]:visible',
    )
    .evaluateAll((nodes) =>
      nodes.flatMap((node) => {
        const r = node.getBoundingClientRect();
        const name = node.getAttribute("data-testid") ?? node.getAttribute("aria-label") ?? node.textContent?.trim();
        return r.width < 44 || r.height < 44
          ? [`${node.tagName} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`]
          : [];
      }),
    );
}

test("console at 1366×768, projector side by side, phones lesson-first, axe clean", async ({ browser }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const { context, teacher, code } = await teacherStartsSession(browser, "what-is-passed-on", errors);
  await teacher.setViewportSize({ width: 1366, height: 768 });
  const phones = [];
  for (const name of ["Ana", "Bo", "Chen"]) {
    const { page } = await openPhone(browser);
    watchErrors(page, errors, name);
    await page.goto(`/s/${code}`);
    await enterNickname(page, name);
    phones.push(page);
  }
  const [ana, bo, chen] = phones as [Page, Page, Page];
  await expect(teacher.getByTestId("roster-entry")).toHaveCount(3);

  // the console: one screen, no page scrolling; the lab, the activity, the class, the controls in view
  await expect
    .poll(() =>
      teacher.evaluate(() => {
        const tall = [...document.body.querySelectorAll<HTMLElement>("body > *, body > * > *")]
          .filter((e) => e.getBoundingClientRect().bottom > window.innerHeight + 1)
          .map((e) => `${e.tagName}[${e.getAttribute("data-testid") ?? e.className}]`);
        return { overflow: document.documentElement.scrollHeight - window.innerHeight, tall };
      }),
    )
    .toMatchObject({ overflow: 0 });
  for (const part of ["network-graph", "inspector", "teacher-round", "roster", "end-session", "join-code"]) {
    await inView(teacher, part);
  }

  // the projector: network and heatmap side by side; the code hides
  const projector = await context.newPage();
  watchErrors(projector, errors, "projector");
  await projector.setViewportSize({ width: 1366, height: 768 });
  await projector.goto(`/t/${code}?view=projector`);
  const graph = (await projector.getByTestId("network-graph").boundingBox())!;
  const heatmaps = (await projector.getByTestId("heatmaps").boundingBox())!;
  expect(heatmaps.x).toBeGreaterThanOrEqual(graph.x + graph.width - 1);
  expect(heatmaps.y).toBeLessThan(graph.y + graph.height);
  expect(heatmaps.width).toBeGreaterThan(400);
  await projector.getByTestId("hide-code").click();
  await expect(projector.getByTestId("join-code")).toHaveCount(0);
  expect(await axeProblems(projector)).toEqual([]);

  // a neuron the teacher locks carries a padlock on the phones' graph
  await teacher.getByTestId("lock-neuron").click();
  await expect(ana.getByTestId("neuron-lock-0-0")).toBeVisible();
  await expect(ana.getByTestId("neuron-0-0")).toHaveAttribute("aria-label", /locked by the teacher/);

  // phones while the teacher drives: the editor folded, the network and inspector first
  await expect(ana.getByTestId("editor-folded")).toBeVisible();
  await expect(ana.getByTestId("editor-folded")).not.toHaveAttribute("open");
  await inView(ana, "network-graph");
  expect(await smallTargets(ana)).toEqual([]);
  expect(await axeProblems(ana)).toEqual([]);

  // a round: the question above the fold on every phone; the console follows who answered what
  await teacher.getByTestId("round-script-1").click();
  for (const phone of phones) await inView(phone, "round-question");
  expect(await smallTargets(ana)).toEqual([]);
  await ana.getByTestId("round-answer-input").fill("0.6");
  await ana.getByTestId("round-answer-input").press("Enter");
  await bo.getByTestId("round-answer-input").fill("-1");
  await bo.getByTestId("round-answer-input").press("Enter");
  const row = (name: string) => teacher.locator(`[data-testid="roster-entry"][data-name="${name}"]`);
  await expect(row("Ana").getByTestId("roster-answer")).toHaveText("answered 0.6");
  await expect(row("Bo").getByTestId("roster-answer")).toHaveText("answered −1");
  await expect(row("Chen").getByTestId("roster-answer")).toHaveText("no answer yet");
  await expect(projector.getByTestId("roster-answer")).toHaveCount(0);
  await expect(projector.getByText("0.6", { exact: true })).toHaveCount(0);
  // the README's picture: the console as the teacher looks at it, each area at its top (the clicks
  // above scrolled the lab column down to the locks)
  await teacher.evaluate(() => {
    for (const element of document.querySelectorAll<HTMLElement>("*")) if (element.scrollTop > 0) element.scrollTop = 0;
  });
  await teacher.screenshot({ path: docsScreenshot("live-console.png") });
  // the teacher alone may look at the answer before the reveal (o1's z: 1·0.69 + 2·0.5 = 1.69)
  await teacher.getByTestId("round-preview").locator("summary").click();
  await expect(teacher.getByTestId("round-preview-value")).toHaveText("The right answer: 1.69");
  for (const page of [projector, ana]) await expect(page.getByTestId("round-preview")).toHaveCount(0);
  expect(await axeProblems(teacher)).toEqual([]);
  expect(await axeProblems(chen)).toEqual([]);

  // the pages around the lesson
  const other = await browser.newContext();
  const visitor = await other.newPage();
  for (const path of ["/", "/library", "/e/seed-neuron", "/classes", "/s", `/report/${code}`]) {
    await visitor.goto(path);
    await visitor.waitForLoadState("networkidle");
    expect(await axeProblems(visitor), path).toEqual([]);
  }
  await teacher.goto(`/report/${code}`);
  await expect(teacher.getByTestId("report-students")).toBeVisible();
  expect(await axeProblems(teacher)).toEqual([]);

  await other.close();
  for (const phone of phones) await phone.context().close();
  await context.close();
  expect(errors).toEqual([]);
});
