// Property-based fuzzing of a live session (issue 9, item 2): thousands of random and hostile
// actions, round requests, answers and joins from every role — prototype keys as ids, huge and
// non-finite numbers, wrong types, out-of-range indexes, unknown ids, random JSON — against
//   1. the pure session rules (lib/session: rules, rounds, authority) behind the server's parse,
//   2. a real Room with an in-memory store (the high-volume part),
//   3. a real server with a real SQLite file, driven through real socket.io-clients.
// After every step: the state parses with its schema (the server's round book with its own), a
// refusal changed nothing, no ack is `internal`, versions never go back and move by at most one,
// and what members fold from the events equals the server's state.
//
// `npm test` runs it with a fixed seed. A longer run (FUZZ_RUNS scales every part; FUZZ_SEED picks
// another seed; a failure prints the seed and the shrunk counterexample to replay):
//   FUZZ_RUNS=2000 npx vitest run tests/integration/session-fuzz.test.ts
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sessionScript, type ScriptRound } from "../../lib/exercise/answer-keys";
import { lessonBySlug } from "../../lib/lessons";
import { referenceForward } from "../../lib/network/reference";
import { actionTransition, emptyServerData, type Effect, type SessionValue } from "../../lib/session/authority";
import { transitionProblem } from "../../lib/session/check";
import { CLIENT_REQUESTS, foldApplied, foldSandbox, type ResyncAck } from "../../lib/session/protocol";
import {
  applyAnswer,
  applyRoundRequest,
  emptyServerRounds,
  serverRoundsSchema,
  type RoundContext,
} from "../../lib/session/rounds";
import { newSession, sessionStateSchema, type Actor, type SessionState } from "../../lib/session/rules";
import type { Refusal } from "../../lib/validation";
import { lessonWithAnswerKeys } from "../../server/lessons/answer-keys";
import { Room } from "../../server/live/room";
import { hashSecret } from "../../server/live/secrets";
import { actionRequestArb, answerArb, idArb, nameArb, resolve, roundRequestArb, wrongTypeArb } from "../helpers/fuzz";
import { createSession, LiveClient, MemoryLiveStore, RecordingTransport, request } from "../helpers/live";
import { startTestServer, type TestServer } from "../helpers/server";
import { storedSession } from "../helpers/stored";

vi.setConfig({ testTimeout: 600_000 });

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const settings = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

// a lesson with scripted rounds (a choice round among them: its key is on the server only), and one
// more round whose key this session may not use (withheld)
const LESSON = lessonBySlug("what-is-passed-on")!;
const LESSON_ORIGIN = { kind: "lesson" as const, slug: LESSON.slug };
const SCRIPT: ScriptRound[] = [
  ...sessionScript(lessonWithAnswerKeys(LESSON), [], LESSON_ORIGIN, () => true),
  ...sessionScript(lessonWithAnswerKeys(LESSON), [], LESSON_ORIGIN, () => false).filter((entry) => entry.withheld),
];
const LAB = { network: LESSON.exercise.network, inputValues: LESSON.exercise.network.inputs.map(() => 1) };

/** Who sends a step: the teacher, the nth student who joined, or someone who never did. */
type By = "teacher" | number | { stranger: string };
const byArb: fc.Arbitrary<By> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<By>("teacher") },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 1, arbitrary: idArb.map((id): By => ({ stranger: id })) },
);

/** Answers come mostly from students who joined (else hardly any would be taken). */
const answerByArb: fc.Arbitrary<By> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 1 }) },
  { weight: 2, arbitrary: byArb },
);

/** Round requests come mostly from the teacher (else hardly a round would open). */
const roundByArb: fc.Arbitrary<By> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<By>("teacher") },
  { weight: 2, arbitrary: byArb },
);

type Step =
  | { kind: "action" | "round" | "answer"; by: By; payload: unknown }
  | { kind: "join"; name: string; resume: boolean }
  | { kind: "time"; ms: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({ kind: fc.constant("action" as const), by: byArb, payload: actionRequestArb() }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant("round" as const), by: roundByArb, payload: roundRequestArb() }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("answer" as const), by: answerByArb, payload: answerArb() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("join" as const), name: nameArb, resume: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("time" as const), ms: fc.integer({ min: 0, max: 700_000 }) }) },
);
// "max": fast-check's default size keeps arrays short; a session needs a few dozen steps to get deep
const stepsArb = fc.array(stepArb, { minLength: 5, maxLength: 40, size: "max" });

function actorOf(by: By, participants: readonly string[]): Actor {
  if (by === "teacher") return { role: "teacher" };
  if (typeof by === "number") return { role: "student", id: participants[by] ?? "nobody" };
  return { role: "student", id: by.stranger };
}

function expectNamedRefusal(error: Refusal | undefined, where: string) {
  expect(typeof error?.code, where).toBe("string");
  expect(error?.code, `${where}: ${error?.message}`).not.toBe("internal");
}

function expectValidState(state: SessionState, where: string) {
  const parsed = sessionStateSchema.safeParse(state);
  expect(parsed.success, `${where}: ${parsed.success ? "" : JSON.stringify(parsed.error.issues[0])}`).toBe(true);
}

/** What the teacher's client makes of a change's events: it must be the server's new state. */
function foldEffects(state: SessionState, effects: readonly Effect[]): SessionState {
  let folded = state;
  for (const effect of effects) {
    if (effect.type === "applied") {
      const result = foldApplied(folded, effect.event);
      if (!result.ok) throw new Error(`fold: ${result.reason} ${JSON.stringify(result.error)}`);
      folded = result.state;
    } else if (effect.type === "sandbox") {
      folded = foldSandbox(folded, effect.event);
    }
  }
  return folded;
}

/** How many steps of each kind were accepted: the fuzz must reach deep, not only be refused. */
class Coverage {
  readonly accepted = new Map<string, number>();
  count(kind: string): void {
    this.accepted.set(kind, (this.accepted.get(kind) ?? 0) + 1);
  }
  expectReached(kinds: readonly string[]): void {
    for (const kind of kinds) expect(this.accepted.get(kind) ?? 0, `accepted ${kind}`).toBeGreaterThan(0);
  }
}

/** The kind of an accepted step, as coverage counts it (a round request by its op). */
function kindOf(step: Step, payload: unknown): string {
  if (step.kind !== "round") return step.kind;
  const op = (payload as { op?: unknown } | null)?.op;
  return `round:${typeof op === "string" ? op : "?"}`;
}

const REACHED = ["action", "answer", "round:open", "round:close", "round:reveal", "round:clear", "round:leaderboard"];

describe("the pure session rules", () => {
  it("hostile actions, round requests and answers from every role keep the session whole", () => {
    const coverage = new Coverage();
    fc.assert(
      fc.property(stepsArb, (steps) => {
        let value: SessionValue = {
          state: {
            ...newSession("FUZZED", LAB, LESSON.slug),
            participants: [
              { id: "p-ana", name: "Ana", joinedAt: 0 },
              { id: "p-bo", name: "Bo", joinedAt: 0 },
            ],
          },
          server: emptyServerData(),
          rounds: emptyServerRounds(),
        };
        let ids = 0;
        const context: RoundContext = {
          now: 1_000,
          forward: referenceForward,
          newId: () => `round-${++ids}`,
          script: SCRIPT,
        };
        for (const [i, step] of steps.entries()) {
          if (step.kind === "time") context.now += step.ms;
          if (step.kind === "join" || step.kind === "time") continue;
          const where = `step ${i} ${step.kind}`;
          const participants = value.state.participants.map((p) => p.id);
          const actor = actorOf(step.by, participants);
          const payload = resolve(step.payload, { participants, round: value.rounds.current?.id ?? null });
          const before = JSON.stringify(value.state);
          let outcome;
          if (step.kind === "action") {
            const parsed = CLIENT_REQUESTS.action(payload);
            outcome = parsed.ok ? actionTransition(value, parsed.value.action, actor) : parsed;
          } else if (step.kind === "round") {
            const parsed = CLIENT_REQUESTS.round(payload);
            outcome = parsed.ok ? applyRoundRequest(value, parsed.value, actor, context) : parsed;
          } else {
            const parsed = CLIENT_REQUESTS.answer(payload);
            outcome = parsed.ok ? applyAnswer(value, parsed.value, actor, context.now) : parsed;
          }
          expect(JSON.stringify(value.state), `${where}: the rules changed their input`).toBe(before);
          if (!outcome.ok) {
            expectNamedRefusal(outcome.error, where);
            continue;
          }
          const next = outcome.transition.value;
          expect(transitionProblem(value, next, outcome.transition.writes), where).toBeNull();
          expectValidState(next.state, where);
          expect(serverRoundsSchema.safeParse(next.rounds).success, `${where}: round book`).toBe(true);
          expect(next.state.version - value.state.version, where).toBeGreaterThanOrEqual(0);
          expect(next.state.version - value.state.version, where).toBeLessThanOrEqual(1);
          const folded = foldEffects(value.state, outcome.transition.effects);
          expect(folded, `${where}: what members fold`).toEqual(next.state);
          coverage.count(kindOf(step, payload));
          value = next;
        }
      }),
      settings(RUNS * 4),
    );
    coverage.expectReached(REACHED);
  });
});

describe("a real Room", () => {
  it("never answers `internal`, never stores or shows an invalid session, and a refusal changes nothing", async () => {
    const coverage = new Coverage();
    await fc.assert(
      fc.asyncProperty(stepsArb, async (steps) => {
        const store = new MemoryLiveStore();
        const code = "FUZZED";
        await store.create({
          code,
          teacherKeyHash: hashSecret("key"),
          state: newSession(code, LAB, LESSON.slug),
          server: { ...emptyServerData(), script: SCRIPT },
          endedAt: null,
        });
        let now = 1_000_000;
        const logged: string[] = [];
        const room = (await Room.load(code, store, new RecordingTransport(), {
          now: () => now,
          rosterDelayMs: 1,
          progressDelayMs: 1,
          maxParticipants: 6,
          logError: (message, error) => logged.push(`${message} ${String(error)}`),
        }))!;
        const teacher: Actor = { role: "teacher" };
        const places: { participantId: string; resumeToken: string }[] = [];
        for (const name of ["Ana", "Bo"]) {
          const joined = await room.joinStudent({ name });
          if (joined.ok) places.push(joined);
        }
        let version = room.version;
        try {
          for (const [i, step] of steps.entries()) {
            const where = `step ${i} ${step.kind}`;
            if (step.kind === "time") {
              now += step.ms;
              continue;
            }
            const seen = JSON.stringify(room.snapshot(teacher).state);
            const stored = store.rows.get(code);
            const participants = places.map((p) => p.participantId);
            let ack: { ok: true } | { ok: false; error: Refusal };
            if (step.kind === "join") {
              // back with a place that works, or one a prototype would answer
              const place = step.resume ? (places[0] ?? { participantId: "__proto__", resumeToken: "x" }) : {};
              const joined = await room.joinStudent({ name: step.name, ...place });
              if (joined.ok && !joined.resumed) places.push(joined);
              ack = joined;
            } else {
              const actor = actorOf(step.by, participants);
              const round = room.snapshot(teacher).state.rounds?.current?.id ?? null;
              const payload = resolve(step.payload, { participants, round });
              if (step.kind === "action") {
                const parsed = CLIENT_REQUESTS.action(payload);
                ack = parsed.ok ? await room.apply(parsed.value.action, actor, parsed.value) : parsed;
              } else if (step.kind === "round") {
                const parsed = CLIENT_REQUESTS.round(payload);
                // the socket layer lets only the teacher's `round` through (tests/integration/rounds.test.ts)
                if (actor.role !== "teacher") continue;
                ack = parsed.ok ? await room.round(parsed.value) : parsed;
              } else {
                const parsed = CLIENT_REQUESTS.answer(payload);
                ack = parsed.ok ? await room.answer(actor, parsed.value) : parsed;
              }
            }
            if (!ack.ok) {
              expectNamedRefusal(ack.error, where);
              expect(JSON.stringify(room.snapshot(teacher).state), `${where}: a refusal changed the state`).toBe(seen);
              expect(store.rows.get(code), `${where}: a refusal wrote`).toBe(stored);
            } else {
              coverage.count(
                step.kind === "join" ? "join" : kindOf(step, resolve(step.payload, { participants, round: null })),
              );
            }
            const state = room.snapshot(teacher).state;
            expectValidState(state, where);
            expect(state.version, where).toBeGreaterThanOrEqual(version);
            expect(state.version - version, where).toBeLessThanOrEqual(1);
            version = state.version;
            const written = (await store.load(code))!;
            expectValidState(written.state, `${where} (stored)`);
            expect(written.state).toEqual(state);
            expect(room.roundStatus(teacher).ok).toBe(true);
          }
          expect(logged).toEqual([]);
        } finally {
          await room.close();
        }
      }),
      settings(RUNS),
    );
    coverage.expectReached(["join", ...REACHED]);
  });
});

describe("a real server with a real SQLite file, through real sockets", () => {
  let server: TestServer;
  beforeAll(async () => {
    // the rate limits would refuse most of the fuzz (they have tests of their own)
    const plenty = { rate: 100_000, burst: 100_000 };
    server = await startTestServer({
      limits: {
        live: {
          socket: plenty,
          addressEvents: plenty,
          sessionEvents: plenty,
          sessionFanOut: plenty,
          addressConnections: plenty,
          addressJoins: plenty,
          sessionJoins: plenty,
        },
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const rawArb = fc.record({
    kind: fc.constant("raw" as const),
    event: fc.constantFrom("join", "action", "round", "answer", "resync", "roundStatus", "__proto__", "toString"),
    payload: fc.oneof(wrongTypeArb, fc.anything({ maxDepth: 2 })),
  });
  const socketStepsArb = fc.array(fc.oneof({ weight: 8, arbitrary: stepArb }, { weight: 1, arbitrary: rawArb }), {
    minLength: 5,
    maxLength: 60,
    size: "max",
  });

  it("random and hostile events from a teacher and students: no `internal`, nobody drifts, a valid session stored", async () => {
    const session = await createSession(server.url, LESSON.slug);
    const teacher = await LiveClient.teacher(server.url, session);
    const students = await Promise.all(
      ["Ana", "Bo", "Cy"].map((name) => LiveClient.student(server.url, session.code, { name })),
    );
    const clients = [teacher, ...students];
    try {
      await fc.assert(
        fc.asyncProperty(socketStepsArb, async (steps) => {
          for (const [i, step] of steps.entries()) {
            const where = `step ${i} ${step.kind}`;
            if (step.kind === "time" || step.kind === "join") continue;
            let ack: { ok: boolean; error?: Refusal } | null;
            if (step.kind === "raw") {
              const sender = clients[i % clients.length]!;
              ack = await request<{ ok: boolean; error?: Refusal }>(
                sender.socket,
                step.event,
                step.payload,
                2000,
              ).catch(
                () => null, // an unknown event gets no ack at all
              );
            } else {
              const by = step.by;
              const client = by === "teacher" ? teacher : students[typeof by === "number" ? by % 3 : 0]!;
              const participants = students.map((s) => s.participantId);
              const payload = resolve(step.payload, { participants, round: teacher.state.rounds?.current?.id ?? null });
              ack = await request<{ ok: boolean; error?: Refusal }>(client.socket, step.kind, payload);
            }
            if (ack && !ack.ok) expectNamedRefusal(ack.error, where);
          }
          // every member's folded copy agrees with a fresh snapshot taken in the same turn (a
          // removed student has left: nothing to compare)
          for (const client of clients) {
            if (client.removed.length > 0) continue;
            const folded: { state?: SessionState } = {};
            const ack = await client.requestThen<ResyncAck>("resync", {}, () => (folded.state = client.state));
            expect(ack.ok, JSON.stringify(ack)).toBe(true);
            if (!ack.ok || !folded.state) continue;
            expectValidState(ack.snapshot.state, "snapshot");
            const teacherView = client === teacher;
            expect(comparable(folded.state, teacherView)).toEqual(comparable(ack.snapshot.state, teacherView));
            expect(client.problems).toEqual([]);
          }
          const stored = await storedSession(server.db, session.code);
          expect(stored.state.success).toBe(true);
          expect(stored.server.ok).toBe(true);
        }),
        settings(Math.max(1, Math.round(RUNS / 6))),
      );
    } finally {
      for (const client of clients) client.close();
    }
  });
});

/**
 * What a member's folded copy must agree on with a snapshot: everything but the roster (gathered
 * on a timer) and, for a student, the sandboxes of others (a spotlight's sandbox stays folded in
 * after the spotlight moves on; a snapshot holds only the current one).
 */
function comparable(state: SessionState, teacher: boolean): Partial<SessionState> {
  const { participants: _participants, sandboxes, ...rest } = state;
  return teacher ? { ...rest, sandboxes } : rest;
}
