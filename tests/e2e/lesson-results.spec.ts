// The teacher's results are never lost: a lesson changed before "Start a live session" starts from
// what is on the screen; after "End session" the page leads to the report and both CSV files; the
// session is on "My classes", whose export file carries its key to another browser.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { watchErrors } from "./helpers";

test("edits carried into the session; ended page → report and CSV; My classes and its key file", async ({
  browser,
}) => {
  const errors: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  watchErrors(page, errors, "teacher");
  page.on("dialog", (dialog) => void dialog.accept());

  // prepare: x1 → h1 becomes 0.9 on the lesson page, then start
  await page.goto("/e/what-is-passed-on");
  const title = await page.getByTestId("lesson-title").innerText();
  await page.getByTestId("edge-0-0-0").click();
  await page.getByTestId("weight-control-field").fill("0.9");
  await page.getByTestId("weight-control-field").press("Enter");
  await expect(page.getByTestId("inspector-arithmetic")).toContainText("0.9");
  await page.getByTestId("start-session").click();
  await expect(page).toHaveURL(/\/t\/[A-Z2-9]{6}$/);
  const code = new URL(page.url()).pathname.split("/").at(-1)!;
  await page.getByTestId("edge-0-0-0").click();
  await expect(page.getByTestId("weight-control-field")).toHaveValue("0.9");

  // end: the ended page offers the report, both CSV files and keeping the network
  await page.getByTestId("end-session").click();
  await expect(page.getByTestId("session-ended")).toBeVisible();
  await expect(page.getByTestId("save-session")).toBeVisible();
  for (const table of ["answers", "students"]) {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId(`ended-csv-${table}`).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`activation-lab-${code}-${table}.csv`);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  }
  await page.getByTestId("ended-report").click();
  await expect(page).toHaveURL(new RegExp(`/report/${code}$`));
  await expect(page.getByTestId("report-students")).toBeVisible();

  // My classes: the session with its lesson's title; its report opens from there
  await page.goto("/classes");
  const row = page.getByTestId(`class-${code}`);
  await expect(row).toContainText(title);
  await expect(row).toContainText(code);
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("classes-export").click()]);
  const exported = await file.path();

  // another browser: no key, the report asks for one; the imported file brings the session and its key
  const other = await browser.newContext();
  const laptop = await other.newPage();
  watchErrors(laptop, errors, "other browser");
  await laptop.goto(`/report/${code}`);
  await expect(laptop.getByTestId("report-key-form")).toBeVisible();
  await laptop.goto("/classes");
  await expect(laptop.getByTestId("classes-none")).toBeVisible();
  await laptop.getByTestId("classes-import").setInputFiles(exported!);
  await laptop.getByTestId(`class-${code}`).getByTestId("class-report").click();
  await expect(laptop).toHaveURL(new RegExp(`/report/${code}$`));
  await expect(laptop.getByTestId("report-students")).toBeVisible();

  // forgetting it takes it off the list
  await laptop.goto("/classes");
  laptop.on("dialog", (dialog) => void dialog.accept());
  await laptop.getByTestId(`class-${code}`).getByTestId("class-forget").click();
  await expect(laptop.getByTestId("classes-none")).toBeVisible();

  await other.close();
  await context.close();
  expect(errors).toEqual([]);
});
