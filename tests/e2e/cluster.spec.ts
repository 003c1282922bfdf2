// A prediction round across two real server processes (issue 11): the production build served by
// server/index.ts twice, on one scratch PostgreSQL database and one Redis key prefix of this run's
// own (the school deployment in miniature: README "A school's deployment"). The teacher's browser
// is on process A (which so owns the session), two students' browsers on process B (which forwards
// their requests to A and gets A's broadcasts through the Redis adapter). PostgreSQL and Redis must
// be reachable (.ci/run starts them): without them this spec fails, it never skips.
import { spawn, type ChildProcess } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { formatFixed } from "../../lib/format";
import { lessonBySlug } from "../../lib/lessons";
import { referenceForwardRow } from "../../lib/network/reference";
import { PROJECT_ROOT } from "../../server/paths";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { connectTestRedis, TEST_REDIS_URL, type TestRedis } from "../helpers/redis";
import { studentJoins, teacherStartsSession, watchErrors } from "./helpers";

const NETWORK = lessonBySlug("what-is-passed-on")!.exercise.network;
/** h1's output at (0.5, −1): the round's hidden truth */
const TRUTH = referenceForwardRow(NETWORK, [0.5, -1]).layers[0]!.a[0]!;

interface AppProcess {
  url: string;
  child: ChildProcess;
}

/** The production server (as `npm start` runs it) on a free port; resolves with its URL once it listens. */
async function startApp(env: Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: "0", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`server exited with ${code} before listening:\n${out}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const port = /Activation Lab on http:\/\/localhost:(\d+)/.exec(out)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
  });
  child.stdout!.resume(); // keep draining its log
  return { url, child };
}

async function stopApp(app: AppProcess): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((resolve) => app.child.once("exit", resolve));
  app.child.kill("SIGTERM");
  const late = setTimeout(() => app.child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(late);
}

async function health(app: AppProcess) {
  return (await (await fetch(`${app.url}/api/health`)).json()) as {
    database: string;
    redis: string;
    ownedSessions: number;
  };
}

let db: TestDatabase;
let redis: TestRedis;
const apps: AppProcess[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await createTestDatabase("al_e2e"); // throws "PostgreSQL is not reachable …" without one
  redis = await connectTestRedis(); // throws "Redis is not reachable …" without one
  const env = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redis.prefix };
  // at once, as a school's servers start: one applies the migrations, the other waits for its lock
  apps.push(...(await Promise.all([startApp(env), startApp(env)])));
});

test.afterAll(async () => {
  await Promise.all(apps.map(stopApp));
  await redis?.close();
  await db?.drop();
});

async function answer(page: Page, text: string) {
  await page.getByTestId("round-answer-input").fill(text);
  await page.getByTestId("round-answer-input").press("Enter");
  await expect(page.getByTestId("round-mine")).toBeVisible();
}

test("a prediction round with the teacher on one process and two students on another", async ({ browser }) => {
  test.setTimeout(180_000);
  const [a, b] = apps as [AppProcess, AppProcess];
  const errors: string[] = [];

  const { teacher, code } = await teacherStartsSession(browser, "what-is-passed-on", errors, a.url);
  const ana = await studentJoins(browser, code, "Ana", undefined, b.url);
  const bo = await studentJoins(browser, code, "Bo", undefined, b.url);
  watchErrors(ana, errors, "Ana");
  watchErrors(bo, errors, "Bo");
  await expect(teacher.getByTestId("roster-entry")).toHaveCount(2);
  // two processes on PostgreSQL and Redis; the session is A's alone: B's students went through A
  const [healthA, healthB] = await Promise.all([health(a), health(b)]);
  expect([healthA, healthB].map((h) => [h.database, h.redis])).toEqual(Array(2).fill(["postgresql", "connected"]));
  expect([healthA.ownedSessions, healthB.ownedSessions]).toEqual([1, 0]);

  // ---- the teacher opens a round about h1 at (0.5, −1); the students on B see it, h1 hidden
  await teacher.getByTestId("teacher-round").getByText("Ask about a neuron").click();
  await teacher.getByTestId("round-neuron").selectOption("0:0");
  await teacher.getByTestId("round-kind").selectOption("output");
  await teacher.getByTestId("round-input-0").fill("0.5");
  await teacher.getByTestId("round-input-1").fill("-1");
  await teacher.getByTestId("round-open").click();
  await expect(teacher.getByTestId("round-answered")).toHaveText("0 of 2 answered");
  for (const student of [ana, bo]) {
    await expect(student.getByTestId("round-status")).toHaveAttribute("data-phase", "open");
    await expect(student.getByTestId("neuron-value-0-0")).toHaveText("?");
    await expect(student.locator("body")).not.toContainText(formatFixed(TRUTH));
  }

  // ---- both answer on B; the teacher on A sees who answered what
  await answer(ana, formatFixed(TRUTH));
  await answer(bo, "−0.5");
  await expect(teacher.getByTestId("round-answered")).toHaveText("2 of 2 answered");
  const roster = (name: string) => teacher.locator(`[data-testid="roster-entry"][data-name="${name}"]`);
  await expect(roster("Ana")).toContainText(`answered ${formatFixed(TRUTH)}`);
  await expect(roster("Bo")).toContainText("answered −0.500");

  // ---- reveal: the truth and each one's score on B
  await teacher.getByTestId("round-reveal").click();
  for (const page of [teacher, ana, bo]) {
    await expect(page.getByTestId("round-status")).toHaveAttribute("data-phase", "revealed");
    await expect(page.getByTestId("round-truth")).toContainText(formatFixed(TRUTH));
    await expect(page.getByTestId("neuron-value-0-0")).toHaveText(formatFixed(TRUTH));
  }
  await expect(ana.getByTestId("round-result")).toHaveAttribute("data-points", /^1\d\d\d$/); // 1000 + speed bonus
  await expect(ana.getByTestId("round-result")).toContainText("Right!");
  await expect(bo.getByTestId("round-result")).toHaveAttribute("data-points", "0");
  await expect(bo.getByTestId("round-standing")).toContainText("rank 2 of 2");

  expect(errors).toEqual([]);
});
