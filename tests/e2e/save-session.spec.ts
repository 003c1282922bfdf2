// The teacher keeps what the class built: a weight changed live, saved from the teacher page as a
// new exercise; its link opens in a fresh browser with the changed network, and the lesson's
// prepared rounds came along (their answer keys sealed: served to nobody, yet still run).
import { expect, test } from "@playwright/test";
import { teacherStartsSession } from "./helpers";

test("save the class's network from the teacher page, open its link elsewhere", async ({ browser }) => {
  const errors: string[] = [];
  const { context, teacher: page } = await teacherStartsSession(browser, "what-is-passed-on", errors);

  // the class changes a weight: x1 → h1 becomes 0.9
  await page.getByTestId("edge-0-0-0").click();
  await page.getByTestId("weight-control-field").fill("0.9");
  await page.getByTestId("weight-control-field").press("Enter");
  await expect(page.getByTestId("inspector-arithmetic")).toContainText("0.9");

  const panel = page.getByTestId("save-session");
  await panel.getByTestId("save-session-open").click();
  await panel.getByTestId("save-title").fill("Our class, week 3");
  await panel.getByTestId("save-submit").click();
  await expect(panel.getByTestId("share-result")).toBeVisible();
  await expect(panel.getByTestId("save-session-rounds")).toContainText("3 prepared rounds kept; 0 left out");
  const href = await panel.getByTestId("share-link").getAttribute("href");
  expect(href).toMatch(/^\/e\/our-class-week-3-/);
  const slug = href!.slice("/e/".length);

  // a colleague opens the link in a fresh browser: the title and the class's weight
  const colleague = await browser.newContext();
  const other = await colleague.newPage();
  await other.goto(href!);
  await expect(other.getByRole("heading", { level: 1 })).toContainText("Our class, week 3");
  const served = await other.request.get(`/api/exercises/${slug}`);
  const exercise = (await served.json()) as {
    network: { layers: { neurons: { weights: number[] }[] }[] };
    rounds: { kind: string; answer?: number }[];
  };
  expect(exercise.network.layers[0]!.neurons[0]!.weights[0]).toBe(0.9);
  expect(exercise.rounds.map((r) => r.kind)).toEqual(["choice", "z", "z"]);
  expect(exercise.rounds[0]).not.toHaveProperty("answer");
  await colleague.close();

  // the teacher's browser holds the edit key, yet reads no key either (a built-in lesson's keys are
  // served to nobody); a session started from the copy still runs the choice round
  const editKey = await page.evaluate(
    (name) => JSON.parse(localStorage.getItem(name) ?? "{}").editKey as string,
    `activation-lab:exercise-key:${slug}`,
  );
  const own = await page.request.get(`/api/exercises/${slug}`, { headers: { "x-edit-key": editKey } });
  expect(((await own.json()) as { rounds: { answer?: number }[] }).rounds[0]).not.toHaveProperty("answer");
  const again = await page.request.post("/api/sessions", { data: { exercise: slug } });
  expect(((await again.json()) as { withheldRounds: number[] }).withheldRounds).toEqual([]);
  await context.close();
  expect(errors).toEqual([]);
});
