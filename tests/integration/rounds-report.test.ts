// The report of a live session over HTTP: keys (the teacher key, a report key, neither), the JSON
// report during and after the session, and the CSV downloads with quoting, BOM and Chinese names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOM, parseCsv } from "../../lib/rounds/csv";
import type { SessionReport } from "../../lib/rounds/report";
import type { AnswerAck, RoundAck } from "../../lib/session/protocol";
import { createSession, LiveClient, type CreatedSession } from "../helpers/live";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
const clients: LiveClient[] = [];
let session: CreatedSession;
let reportKey = "";
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  session = await createSession(server.url, "what-is-passed-on");
  const teacher = await LiveClient.teacher(server.url, session);
  clients.push(teacher);
  const names = ["Ana, the 1st", '"Bo"', "李雷", "=SUM(A1)"];
  const students = await Promise.all(names.map((name) => LiveClient.student(server.url, session.code, { name })));
  clients.push(...students);
  students.forEach((s, i) => (ids[names[i]!] = s.participantId));

  const round = (payload: unknown) => teacher.request<RoundAck>("round", payload);
  const answer = (i: number, roundId: string, value: number) =>
    students[i]!.request<AnswerAck>("answer", { roundId, value });
  // round 1: the lesson's choice round (answer: its output, index 2)
  const first = await round({ op: "open", open: { script: 0 } });
  if (!first.ok) throw new Error(JSON.stringify(first));
  await answer(0, first.roundId!, 2);
  await answer(1, first.roundId!, 0);
  await answer(2, first.roundId!, 2);
  await round({ op: "reveal", roundId: first.roundId! });
  // round 2: the lesson's z round, revealed
  const second = await round({ op: "open", open: { script: 1 } });
  if (!second.ok) throw new Error(JSON.stringify(second));
  await answer(0, second.roundId!, -0.5);
  await answer(2, second.roundId!, 100);
  await round({ op: "reveal", roundId: second.roundId! });
  // round 3: still open, with one answer
  const third = await round({ op: "open", open: { script: 2 } });
  if (!third.ok) throw new Error(JSON.stringify(third));
  await answer(3, third.roundId!, 0.25);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.stop();
});

const get = (path: string, key?: string) =>
  fetch(`${server.url}${path}`, { headers: key === undefined ? {} : { "x-report-key": key } });

describe("keys", () => {
  it("needs the teacher key or a report key", async () => {
    expect((await get(`/api/reports/${session.code}`)).status).toBe(401);
    const wrong = await get(`/api/reports/${session.code}`, "nope");
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: { code: "wrong_key" } });
    expect((await get(`/api/reports/ZZZZZZ`, "nope")).status).toBe(404);
    expect((await get(`/api/reports/${session.code}`, session.teacherKey)).status).toBe(200);
  });

  it("a report key is made with the teacher key, opens the report, and a new one replaces it", async () => {
    const refused = await fetch(`${server.url}/api/reports/${session.code}/key`, {
      method: "POST",
      headers: { "x-teacher-key": "nope" },
    });
    expect(refused.status).toBe(403);
    const make = () =>
      fetch(`${server.url}/api/reports/${session.code}/key`, {
        method: "POST",
        headers: { "x-teacher-key": session.teacherKey },
      });
    const old = (await (await make()).json()) as { reportKey: string; reportPath: string };
    const made = await make();
    expect(made.status).toBe(201);
    const body = (await made.json()) as { reportKey: string; reportPath: string };
    expect(body.reportPath).toBe(`/report/${session.code}#key=${body.reportKey}`);
    reportKey = body.reportKey;
    expect((await get(`/api/reports/${session.code}`, reportKey)).status).toBe(200);
    expect((await get(`/api/reports/${session.code}?key=${encodeURIComponent(reportKey)}`)).status).toBe(200);
    expect((await get(`/api/reports/${session.code}`, old.reportKey)).status).toBe(403);
  });
});

describe("the report", () => {
  it("per round: truth, spread, each answer and its score; a running round shows only how many answered", async () => {
    const report = (await (await get(`/api/reports/${session.code}`, session.teacherKey)).json()) as SessionReport;
    expect(report.rounds.map((r) => [r.number, r.kind, r.status, r.answered])).toEqual([
      [1, "choice", "revealed", 3],
      [2, "z", "revealed", 2],
      [3, "z", "open", 1],
    ]);
    const [first, second, third] = report.rounds;
    expect(first!.truth).toBe(2);
    expect(first!.spread).toMatchObject({ counts: [1, 0, 2, 0], right: 2 });
    expect(first!.answers.map((a) => [a.name, a.value, a.points])).toEqual([
      ['"Bo"', 0, 0],
      ["Ana, the 1st", 2, 1000],
      ["李雷", 2, 1000],
    ]);
    expect(second!.truth).toBeCloseTo(second!.working!.z, 12);
    expect(third!.truth).toBeNull();
    expect(third!.answers).toEqual([]);
    expect(JSON.stringify(third)).not.toContain("0.25");
    // per student: ranks with ties, totals, removed flags
    const students = Object.fromEntries(report.students.map((s) => [s.name, s]));
    const anaSecond = second!.answers.find((a) => a.name === "Ana, the 1st")!;
    expect(students["Ana, the 1st"]).toMatchObject({ total: 1000 + anaSecond.points, answered: 2, right: 1 });
    expect(students["李雷"]).toMatchObject({ total: 1000, answered: 2, right: 1, streak: 0, bestStreak: 1 });
    expect(students['"Bo"']).toMatchObject({ total: 0, answered: 1 });
    expect(students["=SUM(A1)"]).toMatchObject({ total: 0, answered: 0 });
    expect(report.students.map((s) => s.rank)).toEqual([...report.students.map((s) => s.rank)].sort((a, b) => a - b));
  });

  it("answers.csv: BOM, CRLF, quoted commas and quotes, defused formulas, one row per answer of a revealed round", async () => {
    const response = await get(`/api/reports/${session.code}/answers.csv`, reportKey);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain(`activation-lab-${session.code}-answers.csv`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toContain('"Ana, the 1st"');
    expect(text).toContain('"""Bo"""');
    expect(text.split("\r\n").length).toBe(1 + 5 + 1); // header, 5 answers, the empty end
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      "round",
      "kind",
      "neuron",
      "inputs",
      "question",
      "status",
      "truth",
      "student",
      "answer",
      "error",
      "points",
      "speed_bonus",
      "score",
      "seconds",
      "exercise",
    ]);
    const byStudent = rows.slice(1).filter((r) => r[0] === "1");
    expect(byStudent.map((r) => [r[7], r[8], r[6], r[10]])).toEqual([
      ['"Bo"', "its inputs", "its output", "0"],
      ["Ana, the 1st", "its output", "its output", "1000"],
      ["李雷", "its output", "its output", "1000"],
    ]);
    const z = rows.slice(1).filter((r) => r[0] === "2");
    expect(z.map((r) => r[8])).toEqual(["-0.5", "100"]);
    expect(Number(z[0]![9])).toBeCloseTo(-0.5 - Number(z[0]![6]), 12);
    // in Chinese
    const zh = await (await get(`/api/reports/${session.code}/answers.csv?lang=zh-CN`, reportKey)).text();
    expect(zh).toContain("h1 的输出");
  });

  it("students.csv: every student once, the formula-like name as text", async () => {
    const text = await (await get(`/api/reports/${session.code}/students.csv`, session.teacherKey)).text();
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(["rank", "student", "total", "rounds_answered", "right", "best_streak", "removed"]);
    expect(
      rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['"Bo"', "'=SUM(A1)", "Ana, the 1st", "李雷"].sort());
    expect((await get(`/api/reports/${session.code}/students.csv`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/reports/${session.code}/students.csv`, { method: "POST" })).status).toBe(
      405,
    );
  });
});
