// Three real server processes on one PostgreSQL database and one Redis: a class spread over all
// three (teacher on one, students on the others) sees one network, one version sequence, one round;
// kill -9 of the session's owner mid-round loses no acknowledged answer; a paused owner that wakes
// up after another process took over writes nothing. (Several processes: docs/architecture.md
// "Scale-out"; the database's side of the fence: fencing.test.ts.)
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { SessionReport } from "../../lib/rounds/report";
import type { ActionAck, AnswerAck, RoundAck, RoundStatusAck } from "../../lib/session/protocol";
import type { Action, SessionState } from "../../lib/session/rules";
import { startCluster, type TestCluster } from "../helpers/cluster";
import { createSession, LiveClient, type CreatedSession } from "../helpers/live";
import { storedSession } from "../helpers/stored";

// whole server processes, started and killed: far longer than a unit test on a busy 2-core machine
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let cluster: TestCluster;
const clients: LiveClient[] = [];

beforeAll(async () => {
  cluster = await startCluster(3);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await cluster?.stop();
});

function keep(client: LiveClient): LiveClient {
  clients.push(client);
  return client;
}

const bias = (neuron: number, value: number): Action => ({
  type: "edit",
  edit: { type: "setBias", layer: 0, neuron, value },
});

/** What every member sees alike of the session. */
const shared = (state: SessionState) => ({
  version: state.version,
  mode: state.mode,
  locks: state.locks,
  shared: state.shared,
  round: state.rounds?.current ? { id: state.rounds.current.id, phase: state.rounds.current.phase } : null,
});

async function openRound(teacher: LiveClient): Promise<string> {
  const opened = await teacher.request<RoundAck>("round", {
    op: "open",
    open: { round: { kind: "output", neuron: { layer: 1, index: 0 }, inputs: [0.5, 2] } },
  });
  if (!opened.ok || !opened.roundId) throw new Error(`open refused: ${JSON.stringify(opened)}`);
  return opened.roundId;
}

async function report(session: CreatedSession, url: string): Promise<SessionReport> {
  const response = await fetch(`${url}/api/reports/${session.code}`, {
    headers: { "x-report-key": session.teacherKey },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SessionReport;
}

async function ownersTotal(): Promise<number> {
  let total = 0;
  for (const [i, server] of cluster.servers.entries()) if (server) total += (await cluster.health(i)).ownedSessions;
  return total;
}

it("a class spread over three processes converges on one network, one version sequence, one round", async () => {
  const session = await createSession(cluster.url(1));
  const teacher = keep(await LiveClient.teacher(cluster.url(0), session));
  const students = await Promise.all(
    Array.from({ length: 6 }, (_, i) => LiveClient.student(cluster.url(i % 3), session.code, { name: `S${i}` })),
  );
  students.forEach(keep);
  const healths = await Promise.all([0, 1, 2].map((i) => cluster.health(i)));
  expect(healths.map((h) => [h.database, h.redis])).toEqual(Array(3).fill(["postgresql", "connected"]));
  expect(healths.reduce((sum, h) => sum + h.ownedSessions, 0)).toBe(1); // one owner
  await teacher.until(() => teacher.online.length === 6, "six students online");

  // teacher mode, then everyone edits the shared network (from all three processes)
  expect(await teacher.act(bias(0, 0.25))).toMatchObject({ ok: true });
  expect(await students[1]!.act(bias(0, 1))).toMatchObject({ ok: false, error: { code: "read_only" } });
  expect(await teacher.act({ type: "setMode", mode: "everyone" })).toMatchObject({ ok: true });
  const acks = await Promise.all(students.map((s, i) => s.act(bias(i % 2, i / 10))));
  expect(acks.every((a) => a.ok)).toBe(true);
  // a lock set on one process holds for a student on another
  expect(await teacher.act({ type: "lock", lock: { kind: "inputs" } })).toMatchObject({ ok: true });
  const locked = await students[2]!.act({ type: "edit", edit: { type: "setInputValue", input: 0, value: 3 } });
  expect(locked).toMatchObject({ ok: false, error: { code: "locked" } });
  // sandboxes: a student's private edit is theirs alone
  expect(await teacher.act({ type: "setMode", mode: "sandbox" })).toMatchObject({ ok: true });
  expect(await students[5]!.act(bias(1, 7))).toMatchObject({ ok: true });
  await teacher.until(() => teacher.state.sandboxes[students[5]!.participantId] !== undefined, "the sandbox");
  expect(teacher.state.sandboxes[students[5]!.participantId]!.network.layers[0]!.neurons[1]!.bias).toBe(7);

  // a prediction round with answers from all three processes
  const roundId = await openRound(teacher);
  const answers = await Promise.all(
    students.map((s, i) => s.request<AnswerAck>("answer", { roundId, value: 0.3 + i / 100 })),
  );
  expect(answers.every((a) => a.ok)).toBe(true);
  const status = await teacher.request<RoundStatusAck>("roundStatus", {});
  expect(status).toMatchObject({ ok: true, round: { roundId, answered: 6 } });
  expect((await teacher.request<RoundAck>("round", { op: "reveal", roundId })).ok).toBe(true);
  await teacher.until(() => teacher.state.rounds?.current?.phase === "revealed", "the reveal");

  // everyone converges: the same version and shared state, as folded from the broadcasts and as a resync says
  const members = [teacher, ...students];
  const version = teacher.state.version;
  await Promise.all(members.map((m) => m.untilVersion(version)));
  for (const member of members) {
    const folded = shared(member.state);
    await member.resync();
    expect(folded).toEqual(shared(member.state));
    expect(folded).toEqual(shared(teacher.state));
    expect(member.problems).toEqual([]);
  }
  expect(teacher.state.rounds?.current).toMatchObject({ id: roundId, phase: "revealed" });
  expect(teacher.state.rounds!.current!.reveal!.answered).toBe(6);
  const stored = await storedSession(cluster.db, session.code);
  expect(stored.state.success && stored.state.data.version).toBe(version);
});

it("kill -9 of the owner mid-round: another process takes over, no acknowledged answer is lost", async () => {
  const session = await createSession(cluster.url(0));
  // the first join makes its process the owner: the teacher's, on server 0
  const teacher = keep(await LiveClient.teacher(cluster.url(0), session));
  expect((await cluster.health(0)).ownedSessions).toBeGreaterThanOrEqual(1);
  const owner = 0;
  const students = await Promise.all(
    Array.from({ length: 12 }, (_, i) => LiveClient.student(cluster.url(i % 3), session.code, { name: `K${i}` })),
  );
  students.forEach(keep);
  const roundId = await openRound(teacher);
  await Promise.all(students.map((s) => s.untilVersion(teacher.state.version)));
  const value = (i: number) => 0.5 + i / 100;

  // answers in flight from every process, and the owner killed in the middle of them
  const sent = Promise.allSettled(
    students.map((s, i) => s.request<AnswerAck>("answer", { roundId, value: value(i) }, 20_000)),
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
  const killedAt = Date.now();
  await cluster.kill(owner);
  const settled = await sent;

  // the students on the surviving processes: acknowledged (forwarded again to the new owner) or
  // refused with a reason — never silently dropped
  const survivors = students.map((s, i) => ({ s, i })).filter(({ i }) => i % 3 !== owner);
  for (const { i } of survivors) {
    const result = settled[i]!;
    expect(result.status).toBe("fulfilled");
    if (result.status === "fulfilled" && !result.value.ok) expect(result.value.error.code).toBe("unavailable");
  }
  const acknowledged = new Set(
    settled.flatMap((result, i) => (result.status === "fulfilled" && result.value.ok ? [i] : [])),
  );
  // a new owner within a few seconds
  await vi.waitFor(async () => expect(await ownersTotal()).toBe(1), { timeout: 10_000, interval: 100 });
  const failoverMs = Date.now() - killedAt;
  expect(failoverMs).toBeLessThan(8_000);

  // the teacher and the students of the killed process come back through another one
  const url = cluster.url(1);
  const teacher2 = keep(await LiveClient.teacher(url, session));
  const back = new Map<number, LiveClient>();
  for (const [i, s] of students.entries()) {
    if (i % 3 !== owner) continue;
    s.close();
    const again = { name: `K${i}`, participantId: s.participantId, resumeToken: s.resumeToken };
    back.set(i, keep(await LiveClient.student(url, session.code, again)));
  }
  // whoever was not acknowledged sends again (an acknowledged one is there already)
  const member = (i: number) => back.get(i) ?? students[i]!;
  for (const [i] of students.entries()) {
    if (acknowledged.has(i)) continue;
    expect(await member(i).request<AnswerAck>("answer", { roundId, value: value(i) })).toMatchObject({ ok: true });
  }
  for (const [i] of students.entries()) {
    const mine = await member(i).request<RoundStatusAck>("roundStatus", {});
    expect(mine).toMatchObject({ ok: true, round: { mine: { value: value(i) } } });
  }
  expect((await teacher2.request<RoundAck>("round", { op: "reveal", roundId })).ok).toBe(true);
  await teacher2.until(() => teacher2.state.rounds?.current?.phase === "revealed", "the reveal");
  expect(teacher2.state.rounds!.current!.reveal!.answered).toBe(12);
  const round = (await report(session, cluster.url(2))).rounds.find((r) => r.id === roundId)!;
  expect(round.answered).toBe(12);
  const values = new Map(round.answers.map((a) => [a.participantId, a.value]));
  for (const [i] of students.entries()) expect(values.get(member(i).participantId)).toBe(value(i));
});

it("an owner paused past its lease wakes up to find another owner, and writes nothing over it", async () => {
  const paused = 1;
  const session = await createSession(cluster.url(paused));
  const teacher = keep(await LiveClient.teacher(cluster.url(paused), session));
  expect((await cluster.health(paused)).ownedSessions).toBeGreaterThanOrEqual(1);
  const near = keep(await LiveClient.student(cluster.url(paused), session.code, { name: "Near" }));
  const far = keep(await LiveClient.student(cluster.url(2), session.code, { name: "Far" }));
  expect(await teacher.act({ type: "setMode", mode: "everyone" })).toMatchObject({ ok: true });
  await far.untilVersion(teacher.state.version);

  const owner = cluster.servers[paused]!.process;
  owner.kill("SIGSTOP"); // frozen: no renewals, no answers, sockets open
  try {
    // an edit sent to the frozen owner's own socket, waiting in its buffer
    const stuck = near.request<ActionAck>("action", { action: bias(0, -3) }, 30_000).then(
      (ack) => ack,
      (error: unknown) => ({ ok: false as const, error: { code: String(error), message: "" } }),
    );
    // a student elsewhere edits: forwarded, unanswered, then asked of the process that took over
    const moved = await far.request<{ ok: boolean; version?: number }>("action", { action: bias(1, 4) }, 30_000);
    expect(moved).toMatchObject({ ok: true });
    owner.kill("SIGCONT");
    const late = await stuck;
    // the woken owner either stepped down first (the edit went to the new owner: applied once) or
    // tried to write with its old token (fenced off: refused with a reason)
    if (!late.ok) expect(late.error.code).toBe("unavailable");
    await vi.waitFor(async () => expect((await cluster.health(paused)).ownedSessions).toBe(0), { timeout: 5000 });
    await far.resync();
    const stored = await storedSession(cluster.db, session.code);
    if (!stored.state.success) throw new Error("the stored session does not parse");
    expect(stored.state.data.version).toBe(far.state.version);
    expect(stored.state.data.shared).toEqual(far.state.shared);
    expect(far.state.shared.network.layers[0]!.neurons[1]!.bias).toBe(4);
    expect(far.state.shared.network.layers[0]!.neurons[0]!.bias).toBe(late.ok ? -3 : 0.1);
  } finally {
    owner.kill("SIGCONT");
  }
});

it("a process that dies takes its students offline on the roster", async () => {
  const session = await createSession(cluster.url(1));
  const teacher = keep(await LiveClient.teacher(cluster.url(1), session));
  const gone = keep(await LiveClient.student(cluster.url(2), session.code, { name: "Gone" }));
  await teacher.until(() => teacher.online.includes(gone.participantId), "Gone online");
  await cluster.kill(2);
  // the owner looks for connections that no live process has (twice, some seconds apart)
  await teacher.until(() => !teacher.online.includes(gone.participantId), "Gone offline", 45_000);
});
