// Every page under its security headers (server/http/security-headers.ts): each answer carries a
// Content-Security-Policy with its own nonce, no framing and no referrer, and each page still does
// its job in Chromium — home (the kernel's numbers), a lesson, the library, the teacher's and a
// student's live pages, the report from the teacher's button and from a shared report link — with
// no CSP violation and no console error. The teacher's report link carries no key.
import { expect, test, type BrowserContext, type Page, type Response } from "@playwright/test";
import { enterNickname, openPhone, teacherStartsSession, watchErrors } from "./helpers";

/** Reports every CSP violation of the context's pages as a console error (besides Chromium's own). */
async function reportViolations(context: BrowserContext) {
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
}

const nonces = new Set<string>();

function expectSecurityHeaders(response: Response | null, what: string) {
  expect(response, what).not.toBeNull();
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, `${what}: a nonce`).toBeTruthy();
  expect(nonces.has(nonce!), `${what}: a fresh nonce`).toBe(false);
  nonces.add(nonce!);
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("no-referrer");
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expectSecurityHeaders(response, path);
}

test("every page works under its Content-Security-Policy, with no violation", async ({ browser }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  const visitor = await browser.newContext();
  await reportViolations(visitor);
  const page = await visitor.newPage();
  watchErrors(page, errors, "visitor");

  await visit(page, "/");
  await expect(page.getByTestId("neuron-output")).toHaveText("0.690"); // computed by the wasm kernel
  await visit(page, "/e/seed-neuron");
  await expect(page.getByTestId("network-graph")).toBeVisible();
  await expect(page.getByTestId("neuron-value-0-0")).toHaveText("0.690");
  await visit(page, "/library");
  await expect(page.getByTestId("library-entry").first()).toBeVisible();

  // the teacher starts a session from the lesson page: /t/CODE
  const { context: teacherContext, teacher, code } = await teacherStartsSession(browser, "seed-neuron", errors);
  await reportViolations(teacherContext);
  expectSecurityHeaders(await teacher.reload(), "/t/CODE"); // now with the violation reporter in place
  await expect(teacher.getByTestId("join-code")).toHaveText(code);

  // a student on a phone: /s/CODE, joined over the live connection
  const { context: phoneContext, page: phone } = await openPhone(browser);
  await reportViolations(phoneContext);
  watchErrors(phone, errors, "student");
  await visit(phone, `/s/${code}`);
  await enterNickname(phone, "Ana");
  await expect(teacher.getByTestId("roster-entry")).toHaveCount(1);

  // the report from the teacher's button: no key in its address
  const [report] = await Promise.all([teacherContext.waitForEvent("page"), teacher.getByTestId("report-link").click()]);
  watchErrors(report, errors, "report");
  await expect(report.getByTestId("report-students")).toContainText("Ana");
  expect(report.url()).toMatch(new RegExp(`/report/${code}$`));
  expect((await report.reload())?.headers()["content-security-policy"]).toContain("'nonce-");
  await expect(report.getByTestId("report-students")).toContainText("Ana");

  // a report link for a colleague: opens in another browser, and the key leaves the address bar
  await teacher.getByTestId("report-key").click();
  const shared = await teacher.getByRole("link", { name: /#key=/ }).getAttribute("href");
  expect(shared).toMatch(/#key=/);
  const colleague = await browser.newContext();
  await reportViolations(colleague);
  const theirs = await colleague.newPage();
  watchErrors(theirs, errors, "colleague");
  await visit(theirs, shared!);
  await expect(theirs.getByTestId("report-students")).toContainText("Ana");
  await expect(theirs).toHaveURL(new RegExp(`/report/${code}$`));
  await theirs.reload(); // kept for this tab
  await expect(theirs.getByTestId("report-students")).toContainText("Ana");

  expect(errors).toEqual([]);
  for (const context of [visitor, teacherContext, phoneContext, colleague]) await context.close();
});

test("no other site can show a page of the lab in a frame", async ({ page, baseURL }) => {
  await page.route("http://other.example/", (route) =>
    route.fulfill({ contentType: "text/html", body: `<iframe src="${baseURL}/"></iframe>` }),
  );
  await page.goto("http://other.example/"); // its load event waits for the frame's
  await expect(page.frameLocator("iframe").getByTestId("neuron-output")).toHaveCount(0);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame?.url()).not.toBe(`${baseURL}/`);
});
