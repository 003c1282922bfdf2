// Property-based fuzzing of the race (beside tests/integration/session-fuzz.test.ts, which it
// follows): random and hostile race requests and entries from every role — prototype keys as ids,
// wrong types, out-of-range and non-finite numbers, networks of the wrong shape, reports too fast
// — against a Room with its store. After every step: no `internal`, nothing logged, the state and
// the race book parse with their schemas, a refusal changes nothing, the stored state is the
// state, and the entries read back from the store are the book's.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { ACTIVATION_IDS } from "../../lib/network/activations";
import { NETWORK_FORMAT, type Network } from "../../lib/network/schema";
import { raceStartNetwork } from "../../lib/race/run";
import { emptyServerData } from "../../lib/session/authority";
import { CLIENT_REQUESTS } from "../../lib/session/protocol";
import { loadServerRace, serverRaceSchema } from "../../lib/session/race";
import { newSession, sessionStateSchema, type Actor } from "../../lib/session/rules";
import type { Refusal } from "../../lib/validation";
import { Room } from "../../server/live/room";
import { race as raceRequest, raceEntry, raceStatus } from "../../server/live/room-race";
import { hashSecret } from "../../server/live/secrets";
import { idArb, numberArb, resolve, wrongTypeArb } from "../helpers/fuzz";
import { MemoryLiveStore, RecordingTransport } from "../helpers/live";

vi.setConfig({ testTimeout: 600_000 });

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

const NET: Network = {
  format: NETWORK_FORMAT,
  inputs: ["x1", "x2"],
  layers: [
    { activation: "tanh", neurons: [0, 1, 2].map(() => ({ weights: [0.5, -0.5], bias: 0 })) },
    { activation: "sigmoid", neurons: [{ weights: [1, 1, 1], bias: 0 }] },
  ],
};

/** `$net`: a network of the race's shape with the activations `$netA`; else whatever came. */
const networkArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constant("$net") },
  { weight: 1, arbitrary: fc.constant(NET) },
  { weight: 1, arbitrary: wrongTypeArb },
);
const activationArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ACTIVATION_IDS) },
  { weight: 1, arbitrary: fc.constantFrom("swish", "__proto__") },
);
const pointsArb = fc.oneof(
  // rising epochs from somewhere (a later report must start past the last one)
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
      )
      .map(([from, n, loss]) => Array.from({ length: n }, (_, i) => ({ epoch: from + i, testLoss: loss }))),
  },
  {
    weight: 1,
    arbitrary: fc.array(
      fc.record({ epoch: fc.oneof(fc.integer({ min: 0, max: 60 }), numberArb), testLoss: numberArb }),
      { maxLength: 60 },
    ),
  },
);
const raceIdArb = fc.oneof({ weight: 5, arbitrary: fc.constant("$round") }, { weight: 1, arbitrary: idArb });

const raceArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    op: fc.constant("start"),
    start: fc.record({
      data: fc.record({
        kind: fc.constantFrom("xor", "circle", "spiral", "xor", "custom"),
        points: fc.oneof({ weight: 4, arbitrary: fc.constant(40) }, { weight: 1, arbitrary: numberArb }),
        seed: fc.integer({ min: 0, max: 5 }),
      }),
      epochs: fc.oneof({ weight: 4, arbitrary: fc.constant(50) }, { weight: 1, arbitrary: numberArb }),
    }),
  }),
  fc.record({ op: fc.constantFrom("stop", "clear"), raceId: raceIdArb }),
  fc.record({ op: fc.constant("spotlight"), raceId: raceIdArb, participantId: fc.oneof(idArb, fc.constant(null)) }),
  wrongTypeArb,
);

const entryArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    op: fc.constant("enter"),
    raceId: raceIdArb,
    choices: fc.record({
      activations: fc.oneof(
        { weight: 3, arbitrary: fc.array(fc.constantFrom(...ACTIVATION_IDS), { minLength: 2, maxLength: 2 }) },
        { weight: 1, arbitrary: fc.array(activationArb, { minLength: 1, maxLength: 3 }) },
      ),
      learningRate: fc.oneof(fc.constant(0.1), numberArb),
    }),
  }),
  fc.record(
    { op: fc.constant("progress"), raceId: raceIdArb, points: pointsArb, network: networkArb },
    { requiredKeys: ["op", "raceId", "points"] },
  ),
  fc.record({
    op: fc.constant("submit"),
    raceId: raceIdArb,
    network: networkArb,
    epochs: fc.oneof(fc.integer({ min: 0, max: 60 }), numberArb),
    reportedLoss: fc.oneof(numberArb, fc.constant(null)),
  }),
  wrongTypeArb,
);

type By = "teacher" | "p0" | "p1" | "ghost";
const byArb = fc.constantFrom<By>("teacher", "p0", "p0", "p1", "ghost");
/** Race requests come mostly from the teacher (else hardly a race would start). */
const raceByArb = fc.constantFrom<By>("teacher", "teacher", "teacher", "p0", "ghost");
const stepArb = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("race" as const), by: raceByArb, payload: raceArb }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("entry" as const), by: byArb, payload: entryArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("time" as const), ms: fc.constantFrom(10, 300, 300, 1500) }) },
);

describe("the race under hostile requests", () => {
  it("never answers `internal`, never keeps an invalid race, and a refusal changes nothing", async () => {
    const accepted = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 5, maxLength: 40 }), async (steps) => {
        const store = new MemoryLiveStore();
        const code = "RACEFZ";
        await store.create({
          code,
          teacherKeyHash: hashSecret("key"),
          state: newSession(code, { network: NET, inputValues: [1, 1] }),
          server: emptyServerData(),
          endedAt: null,
        });
        let now = 1_000_000;
        const logged: string[] = [];
        const room = (await Room.load(code, store, new RecordingTransport(), {
          now: () => now,
          logError: (message, error) => logged.push(`${message} ${String(error)}`),
        }))!;
        const teacher: Actor = { role: "teacher" };
        const ids: string[] = [];
        for (const name of ["Ana", "Bo"]) {
          const joined = await room.joinStudent({ name });
          if (joined.ok) ids.push(joined.participantId);
        }
        // the activations each student entered last: `$net` is their network
        const entered = new Map<string, string[]>();
        // most runs start with a race on screen (the steps may stop, clear and start others)
        if (steps.length % 4 !== 0) {
          const started = await raceRequest(room, {
            op: "start",
            start: { data: { kind: "xor", points: 40, seed: 1 }, epochs: 50 },
          });
          expect(started.ok).toBe(true);
          // and with Ana in it
          const choices = { activations: ["tanh" as const, "sigmoid" as const], learningRate: 0.1 };
          const raceId = room.snapshot(teacher).state.race!.id;
          expect((await raceEntry(room, { role: "student", id: ids[0]! }, { op: "enter", raceId, choices })).ok).toBe(
            true,
          );
          entered.set(ids[0]!, choices.activations);
          now += 1000;
        }
        try {
          for (const [i, step] of steps.entries()) {
            if (step.kind === "time") {
              now += step.ms;
              continue;
            }
            const where = `step ${i} ${step.kind} by ${step.by}`;
            const before = JSON.stringify(room.snapshot(teacher).state);
            const race = room.snapshot(teacher).state.race;
            const actor: Actor =
              step.by === "teacher"
                ? teacher
                : { role: "student", id: step.by === "ghost" ? "__proto__" : (ids[Number(step.by[1])] ?? "nobody") };
            const activations = actor.role === "student" ? entered.get(actor.id) : undefined;
            const net = race && activations ? raceStartNetwork(race, activations as never) : NET;
            const payload = JSON.parse(
              JSON.stringify(resolve(step.payload, { participants: ids, round: race?.id ?? null }) ?? null),
              (_key, value: unknown) => (value === "$net" ? net : value),
            );
            let ack: { ok: true } | { ok: false; error: Refusal };
            if (step.kind === "race") {
              const parsed = CLIENT_REQUESTS.race(payload);
              // the socket layer lets only the teacher's `race` through
              ack = !parsed.ok
                ? parsed
                : actor.role === "teacher"
                  ? await raceRequest(room, parsed.value)
                  : { ok: false, error: { code: "not_allowed", message: "" } };
            } else {
              const parsed = CLIENT_REQUESTS.raceEntry(payload);
              ack = parsed.ok ? await raceEntry(room, actor, parsed.value) : parsed;
              if (ack.ok && parsed.ok && parsed.value.op === "enter" && actor.role === "student") {
                entered.set(actor.id, parsed.value.choices.activations);
              }
            }
            if (!ack.ok) {
              expect(ack.error.code, where).not.toBe("internal");
              expect(JSON.stringify(room.snapshot(teacher).state), `${where}: a refusal changed nothing`).toBe(before);
            } else {
              const kind = `${step.kind}:${(payload as { op: string }).op}`;
              accepted.set(kind, (accepted.get(kind) ?? 0) + 1);
            }
            const state = room.snapshot(teacher).state;
            expect(sessionStateSchema.safeParse(state).success, where).toBe(true);
            const written = (await store.load(code))!;
            expect(written.state, `${where}: stored`).toEqual(state);
            const status = raceStatus(room, teacher);
            expect(status.ok).toBe(true);
            const book = loadServerRace(written.state, written.race);
            expect(serverRaceSchema.safeParse(book).success, `${where}: book`).toBe(true);
            expect(status.ok && status.entries.length, `${where}: entries stored`).toBe(
              Object.keys(book.entries).length,
            );
          }
          expect(logged).toEqual([]);
        } finally {
          await room.close();
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    for (const kind of ["race:stop", "race:spotlight", "entry:enter", "entry:progress", "entry:submit"]) {
      expect(accepted.get(kind) ?? 0, `accepted ${kind}`).toBeGreaterThan(0);
    }
  });
});
