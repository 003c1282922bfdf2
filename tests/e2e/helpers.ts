// What the multi-browser e2e specs (live, rounds) share: the screen sizes, collecting each page's
// errors, the teacher starting a session, a student's phone and the nickname step of joining.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";

const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1280, height: 800 };

/**
 * Where a README screenshot goes: docs/screenshots/{name} when UPDATE_SCREENSHOTS=1 (refreshing the
 * README's pictures is a deliberate act, on a machine with the fonts: README "Screenshots"), else
 * the test's own output folder, so that a test run never changes tracked files.
 */
export function docsScreenshot(name: string): string {
  return process.env.UPDATE_SCREENSHOTS === "1" ? `docs/screenshots/${name}` : test.info().outputPath(name);
}

/** axe-core's serious and critical violations on the page, one line each (none: []). */
export async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Collects the page's uncaught errors and console errors into `into`, each marked with `who`. */
export function watchErrors(page: Page, into: string[], who: string) {
  page.on("pageerror", (error) => into.push(`${who}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") into.push(`${who}: ${message.text()}`);
  });
}

/**
 * The teacher, in a projector-sized browser context of its own, starts a session with the button on
 * lesson `slug`'s page (on `baseURL` when given: another server process, cluster.spec.ts); its
 * errors go to `errors` as "teacher". Returns the context, the teacher's page (on /t/CODE) and the
 * session's code.
 */
export async function teacherStartsSession(browser: Browser, slug: string, errors: string[], baseURL?: string) {
  const context = await browser.newContext({ viewport: PROJECTOR, ...(baseURL ? { baseURL } : {}) });
  const teacher = await context.newPage();
  watchErrors(teacher, errors, "teacher");
  await teacher.goto(`/e/${slug}`);
  await teacher.getByTestId("start-session").click();
  await expect(teacher).toHaveURL(/\/t\/[A-Z2-9]{6}$/);
  const code = new URL(teacher.url()).pathname.split("/").at(-1)!;
  return { context, teacher, code };
}

/**
 * A student's phone: a browser context of its own (own storage, own socket), touch, 2× pixels; on
 * `baseURL` when given (another server process: cluster.spec.ts), else the config's server.
 */
export async function openPhone(browser: Browser, baseURL?: string) {
  const context = await browser.newContext({
    viewport: PHONE,
    hasTouch: true,
    deviceScaleFactor: 2,
    ...(baseURL ? { baseURL } : {}),
  });
  const page = await context.newPage();
  return { context, page };
}

/** On a session's nickname form: joins as `name` and waits for the student's lab. */
export async function enterNickname(page: Page, name: string) {
  await page.getByTestId("nickname-input").fill(name);
  await page.getByTestId("nickname-submit").click();
  await expect(page.getByTestId("student-name")).toContainText(name);
  await expect(page.getByTestId("network-graph")).toBeVisible();
}

/** A student's phone on /s/CODE (in `lang` if given; on `baseURL` if given), joined as `name`: the page. */
export async function studentJoins(browser: Browser, code: string, name: string, lang?: string, baseURL?: string) {
  const { page } = await openPhone(browser, baseURL);
  await page.goto(`/s/${code}${lang ? `?lang=${lang}` : ""}`);
  await enterNickname(page, name);
  return page;
}

/** The projector view in a tab of the teacher's context; its errors go to `errors` as "projector". */
export async function openProjector(context: BrowserContext, code: string, errors: string[]) {
  const projector = await context.newPage();
  watchErrors(projector, errors, "projector");
  await projector.goto(`/t/${code}?view=projector`);
  await expect(projector.getByTestId("projector")).toBeVisible();
  return projector;
}

/**
 * The class the multi-browser specs use: the teacher starts a session from lesson `slug`, opens the
 * projector in a second tab, and Ana, Bo and 小陈 (in Chinese) join from their phones; every page's
 * errors go to `errors`.
 */
export async function classOfThree(browser: Browser, slug: string, errors: string[]) {
  const { context, teacher, code } = await teacherStartsSession(browser, slug, errors);
  const projector = await openProjector(context, code, errors);
  const ana = await studentJoins(browser, code, "Ana");
  const bo = await studentJoins(browser, code, "Bo");
  const chen = await studentJoins(browser, code, "小陈", "zh-CN");
  watchErrors(ana, errors, "Ana");
  watchErrors(bo, errors, "Bo");
  watchErrors(chen, errors, "Chen");
  await expect(teacher.getByTestId("roster-entry")).toHaveCount(3);
  return { context, teacher, projector, code, ana, bo, chen };
}
