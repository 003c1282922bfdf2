// The exercise library in the browser: /library lists the built-in lessons then public exercises
// (search, sort, forked-from); import (pasted and as a file) validates before saving; the share
// link opens in a fresh browser; fork and export from the library; and, where the lesson page
// shows the save/share actions, saving from a lesson view.
import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { CreatedExercise } from "../../lib/api/exercises";
import { EXERCISE_FORMAT } from "../../lib/exercise/schema";
import { LESSONS } from "../../lib/lessons";
import type { Network } from "../../lib/network/schema";

const NETWORK: Network = {
  format: "activation-lab/network@1",
  inputs: ["x1", "x2"],
  layers: [
    { activation: "relu", neurons: [{ weights: [1, 1], bias: -1, label: "h1" }] },
    { activation: "step", neurons: [{ weights: [2], bias: -0.5, label: "o1" }] },
  ],
};

function exerciseFile(title: string) {
  return {
    format: EXERCISE_FORMAT,
    title,
    description: "Make o1 fire only when both inputs are on.",
    locale: "en",
    network: NETWORK,
    inputValues: [1, 0],
    rounds: [{ kind: "fires", neuron: { layer: 1, index: 0 }, inputs: [1, 1] }],
  };
}

async function save(request: APIRequestContext, body: object): Promise<CreatedExercise> {
  const response = await request.post("/api/exercises", { data: body });
  expect(response.status()).toBe(201);
  return (await response.json()) as CreatedExercise;
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  return errors;
}

const entries = (page: Page) => page.getByTestId("library-entry");
const entry = (page: Page, slug: string) => page.locator(`[data-testid="library-entry"][data-slug="${slug}"]`);

test("lists the built-in lessons first, then public exercises; searches and sorts", async ({ page, request }) => {
  const errors = watchErrors(page);
  const tag = `Wombat${Date.now().toString(36)}`;
  const alpha = await save(request, { ...exerciseFile(`${tag} alpha`), authorName: "Ms. Rivera" });
  const beta = await save(request, exerciseFile(`${tag} beta`));
  const hidden = await save(request, { ...exerciseFile(`${tag} hidden`), visibility: "unlisted" });
  for (const _ of [1, 2]) {
    const fork = await request.post(`/api/exercises/${beta.slug}/fork`, { data: { title: `${tag} copy` } });
    expect(fork.status()).toBe(201);
  }

  await page.goto("/library");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Exercise library");
  await expect(entries(page).first()).toBeVisible();
  const slugs = await entries(page).evaluateAll((items) => items.map((item) => item.getAttribute("data-slug")));
  expect(slugs.slice(0, LESSONS.length)).toEqual(LESSONS.map((lesson) => lesson.slug));
  await expect(entries(page).first()).toContainText("Built-in lesson");
  await expect(entries(page).first().getByRole("link").first()).toHaveAttribute("href", `/e/${LESSONS[0]!.slug}`);

  // search by title (as you type), newest first; the unlisted one never shows
  await page.getByTestId("library-search").fill(tag.toLowerCase());
  await expect(entries(page)).toHaveCount(4);
  await expect(entries(page).nth(2)).toHaveAttribute("data-slug", beta.slug);
  await expect(entries(page).nth(3)).toHaveAttribute("data-slug", alpha.slug);
  await expect(entry(page, hidden.slug)).toHaveCount(0);
  await expect(entry(page, alpha.slug)).toContainText("by Ms. Rivera");
  await expect(entry(page, alpha.slug)).toContainText(alpha.code);
  await expect(entries(page).first().getByTestId("entry-forked-from")).toHaveText(`Forked from ${tag} beta`);
  await expect(entry(page, beta.slug)).toContainText("2 forks");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${tag.toLowerCase()}`));

  // most forked first
  await page.getByTestId("library-sort").selectOption("forks");
  await expect(entries(page).first()).toHaveAttribute("data-slug", beta.slug);
  await expect(page).toHaveURL(/sort=forks/);

  // open by code
  await page.getByTestId("library-code").fill(alpha.code.toLowerCase());
  await page.getByTestId("library-code").press("Enter");
  await expect(page).toHaveURL(new RegExp(`/e/${alpha.slug}$`));
  await expect(page.getByTestId("lesson-title")).toHaveText(`${tag} alpha`);
  expect(errors).toEqual([]);
});

test("import → share link in a fresh browser → fork → export → import the export", async ({
  page,
  browser,
  request,
}, testInfo) => {
  const errors = watchErrors(page);
  const title = `Imported AND ${Date.now().toString(36)}`;
  await page.goto("/library");
  await page.getByTestId("library-import").click();

  // a broken file is refused here, naming the field, and nothing is saved
  const broken = exerciseFile(title);
  broken.network = structuredClone(NETWORK);
  broken.network.layers[0]!.neurons[0]!.weights = [1];
  await page.getByTestId("import-text").fill(JSON.stringify(broken));
  await page.getByTestId("import-submit").click();
  await expect(page.getByTestId("import-error")).toContainText("network.layers.0.neurons.0.weights");
  await page.getByTestId("import-text").fill("{ not json");
  await page.getByTestId("import-submit").click();
  await expect(page.getByTestId("import-error")).toContainText("not valid JSON");
  const none = await request.get(`/api/exercises?q=${encodeURIComponent(title)}`);
  expect((await none.json()).exercises).toEqual([]);

  // a valid one is saved; the page shows the share link and the short code
  await page.getByTestId("import-text").fill(JSON.stringify(exerciseFile(title), null, 2));
  await page.getByTestId("import-submit").click();
  const result = page.getByTestId("share-result");
  await expect(result).toContainText("Imported and saved.");
  const href = (await page.getByTestId("share-link").getAttribute("href"))!;
  expect(href).toMatch(/^\/e\/imported-and-[a-z0-9]+-[a-z0-9]{5}$/);
  const slug = href.slice("/e/".length);
  await expect(page.getByTestId("share-link")).toHaveText(new URL(href, page.url()).href);
  const code = (await page.getByTestId("share-code").textContent())!;
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  // this browser keeps the edit key
  const held = await page.evaluate((s) => localStorage.getItem(`activation-lab:exercise-key:${s}`), slug);
  expect(JSON.parse(held!)).toMatchObject({ code, editKey: expect.any(String) });

  // the share link (and the code) in a fresh browser context: no cookies, no storage
  const other = await browser.newContext();
  try {
    const fresh = await other.newPage();
    const freshErrors = watchErrors(fresh);
    await fresh.goto(href);
    await expect(fresh.getByTestId("lesson-title")).toHaveText(title);
    await fresh.goto(`/e/${code}`);
    await expect(fresh.getByTestId("lesson-title")).toHaveText(title);

    // fork it from the library
    await fresh.goto(`/library?q=${encodeURIComponent(title)}`);
    await expect(entries(fresh)).toHaveCount(1);
    await entry(fresh, slug).getByTestId("entry-fork").click();
    await expect(fresh.getByTestId("share-result")).toContainText("Forked");
    const forkHref = (await fresh.getByTestId("share-link").getAttribute("href"))!;
    const forkSlug = forkHref.slice("/e/".length);
    expect(forkSlug).not.toBe(slug);
    await expect(entries(fresh)).toHaveCount(2);
    await expect(entry(fresh, forkSlug).getByTestId("entry-forked-from")).toHaveText(`Forked from ${title}`);
    const forkMeta = await (await request.get(`/api/exercises/${forkSlug}/meta`)).json();
    expect(forkMeta.forkedFrom).toEqual({ slug, title, builtIn: false });
    expect(await fresh.evaluate(() => Object.keys(localStorage))).toEqual([`activation-lab:exercise-key:${forkSlug}`]);

    // export: a download of the pretty-printed exercise file, named after the slug
    const downloading = fresh.waitForEvent("download");
    await entry(fresh, slug).getByTestId("entry-export").click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${slug}.json`);
    const file = testInfo.outputPath(`${slug}.json`);
    await download.saveAs(file);
    const text = await readFile(file, "utf8");
    expect(text).toContain('\n  "title": ');
    const exported = JSON.parse(text);
    const stored = await (await request.get(`/api/exercises/${slug}`)).json();
    expect(exported).toEqual(stored);
    expect(exported.network).toEqual(NETWORK);

    // import the exported file: a new exercise with an equal network
    await fresh.getByTestId("library-import").click();
    await fresh.getByTestId("import-file").setInputFiles(file);
    await expect(fresh.getByTestId("import-text")).toHaveValue(text);
    await fresh.getByTestId("import-submit").click();
    await expect(fresh.getByTestId("share-result")).toContainText("Imported and saved.");
    const againSlug = (await fresh.getByTestId("share-link").getAttribute("href"))!.slice("/e/".length);
    expect(againSlug).not.toBe(slug);
    const again = await (await request.get(`/api/exercises/${againSlug}`)).json();
    expect(again).toEqual(exported);
    expect(freshErrors).toEqual([]);
  } finally {
    await other.close();
  }
  expect(errors).toEqual([]);
});

test("saves from a lesson view, shares the link, and saves changes with the key", async ({ page, browser }) => {
  // a lesson with a choice round: its answer key is not in the page, and the saved copy keeps it
  // sealed — served to nobody (a built-in lesson's keys never are), yet its session runs the round
  await page.goto("/e/what-is-passed-on");
  await expect(page.getByTestId("lesson-title")).toBeVisible();
  const actions = page.getByTestId("exercise-actions");

  await actions.getByTestId("save-new").click();
  const title = `My seed ${Date.now().toString(36)}`;
  await actions.getByTestId("save-title").fill(title);
  await actions.getByTestId("save-submit").click();
  await expect(actions.getByTestId("share-result")).toContainText("Saved as a new exercise.");
  const href = (await actions.getByTestId("share-link").getAttribute("href"))!;
  const slug = href.slice("/e/".length);
  const editKey = await page.evaluate(
    (name) => (JSON.parse(localStorage.getItem(name) ?? "{}") as { editKey: string }).editKey,
    `activation-lab:exercise-key:${slug}`,
  );
  const own = (await (
    await page.request.get(`/api/exercises/${slug}`, { headers: { "x-edit-key": editKey } })
  ).json()) as {
    title: string;
    rounds: { kind: string; answer?: number }[];
  };
  expect(own.title).toBe(title);
  expect(own.rounds.find((r) => r.kind === "choice")).not.toHaveProperty("answer");
  const session = await page.request.post("/api/sessions", { data: { exercise: slug } });
  expect(((await session.json()) as { withheldRounds: number[] }).withheldRounds).toEqual([]);

  // the saver's browser can save changes; a fresh one can only fork
  await page.goto(href);
  await expect(page.getByTestId("lesson-title")).toHaveText(title);
  await expect(page.getByTestId("save-changes")).toBeEnabled();
  await page.getByTestId("save-changes").click();
  await expect(page.getByTestId("share-result")).toContainText("revision 2");

  const other = await browser.newContext();
  try {
    const fresh = await other.newPage();
    await fresh.goto(href);
    await expect(fresh.getByTestId("lesson-title")).toHaveText(title);
    await expect(fresh.getByTestId("save-changes")).toBeDisabled();
    await fresh.getByTestId("fork").click();
    await expect(fresh.getByTestId("share-result")).toContainText("Forked");
    const downloading = fresh.waitForEvent("download");
    await fresh.getByTestId("export").click();
    expect((await downloading).suggestedFilename()).toBe(`${href.slice("/e/".length)}.json`);
  } finally {
    await other.close();
  }
});
