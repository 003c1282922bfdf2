// Where live sessions are kept between writes: the LiveSession table (prisma/schema.prisma). A Room
// writes through this before it acknowledges anything, and reads a session back after a restart.
// The state goes in three JSON columns and a write carries only the columns that changed; every
// JSON column read back is parsed with its schema (a row that does not parse is an error, never a
// cast). SQL stays portable (INSERT … ON CONFLICT … DO UPDATE) except where SQLite is named.
import { z } from "zod";
import { Prisma } from "../../generated/prisma/client";
import { networkSchema } from "../../lib/network/schema";
import { roundRecordSchema, storedAnswerSchema, type RoundRecord, type StoredAnswer } from "../../lib/rounds/engine";
import { neuronWorkingSchema, roundQuestionSchema } from "../../lib/rounds/model";
import { serverDataSchema, emptyServerData, type ServerData } from "../../lib/session/authority";
import { raceEntrySchema } from "../../lib/race/model";
import type { RaceEntryWrite } from "../../lib/session/race";
import type { RoundWrites, StoredRounds } from "../../lib/session/rounds";
import { participantSchema, sessionStateSchema, type SessionState } from "../../lib/session/state";
import type { StoredActivities } from "../../lib/network-activity/book";
import type { Database, Db } from "../db/client";
import { activityStatements, readActivities } from "./activity-rows";
import { check, readJson } from "../db/json";

export interface StoredSession {
  code: string;
  teacherKeyHash: string;
  state: SessionState;
  server: ServerData;
  endedAt: Date | null;
  /** when the session was started (set by the store) */
  createdAt?: Date;
  /** the session's prediction rounds (absent: none) */
  rounds?: StoredRounds;
  /** the entries of the race on screen (absent: none) */
  race?: RaceEntryWrite[];
  /** operation ids applied, with their replies (absent: none) */
  operations?: Map<string, string>;
  /** the session's "Be the network" activities (absent: none) */
  activities?: StoredActivities;
}

/** Which parts of the state a write carries. */
export interface Dirty {
  core: boolean;
  participants: boolean;
  sandboxes: boolean;
  server: boolean;
}

/** The columns that changed from `previous` to `next` (by reference: values are immutable); null: none. */
export function changedParts(
  previous: { state: SessionState; server: ServerData },
  next: { state: SessionState; server: ServerData },
): Dirty | null {
  const before = previous.state;
  const state = next.state;
  const dirty: Dirty = {
    core: (Object.keys(state) as (keyof SessionState)[]).some(
      (key) => key !== "participants" && key !== "sandboxes" && state[key] !== before[key],
    ),
    participants: state.participants !== before.participants,
    sandboxes: state.sandboxes !== before.sandboxes,
    server: next.server !== previous.server,
  };
  return dirty.core || dirty.participants || dirty.sandboxes || dirty.server ? dirty : null;
}

export interface LiveStore {
  /** Creates a session; false when the code is taken (the caller draws another). */
  create(session: StoredSession): Promise<boolean>;
  load(code: string): Promise<StoredSession | null>;
  /**
   * Writes the parts of `state`/`server` marked dirty (none: `dirty` null) and the round changes,
   * all or nothing. Throws when the write fails.
   */
  save(
    code: string,
    state: SessionState,
    server: ServerData,
    dirty: Dirty | null,
    rounds?: RoundWrites,
    ops?: readonly OperationRow[],
  ): Promise<void>;
  end(code: string, at: Date): Promise<void>;
  /** Every round of a session with its answers, oldest first (the report reads them). */
  rounds(code: string): Promise<StoredRounds>;
  /** The operations applied to the session (id → the JSON of its reply), for answering retries. */
  operations(code: string): Promise<Map<string, string>>;
  /**
   * Several processes: makes `token` the session's fencing token, unless a newer one is there (or
   * no such session): false. From then on only a store `fenced(token)` writes to the session.
   */
  claim(code: string, token: number): Promise<boolean>;
  /** the session's fencing token now (null: no such session) */
  ownerEpoch(code: string): Promise<number | null>;
  /** This store, writing only while `token` is the session's newest fencing token. */
  fenced(token: number): LiveStore;
  /** Every "Be the network" activity of a session with every answer, oldest first. */
  activities(code: string): Promise<StoredActivities>;
}

/** An operation id written with its change (lib/session/protocol.ts `opIdSchema`). */
export interface OperationRow {
  opId: string;
  /** JSON of the acknowledgement it had */
  reply: string;
  /** ms since the epoch */
  at: number;
}

/** A write refused by the fencing token: another process owns the session now. */
export class FencedError extends Error {
  constructor(code: string, token: number) {
    super(`live session ${code}: another process owns it now (this one's token ${token} is old)`);
    this.name = "FencedError";
  }
}

/** operation ids are kept this long (a retry comes within seconds; a takeover deletes older ones) */
const OPERATIONS_KEPT_MS = 60 * 60_000;

/** Answers go into the database this many per INSERT (4 values each: well below SQLite's limit). */
const ANSWER_CHUNK = 500;

/** a fenced write that changes no column still updates the row: that is the fence's check */
const NOTHING: Dirty = { core: false, participants: false, sandboxes: false, server: false };

type Core = Omit<SessionState, "participants" | "sandboxes">;

function core(state: SessionState): Core {
  const { participants: _participants, sandboxes: _sandboxes, ...rest } = state;
  return rest;
}

/**
 * Live sessions in the Prisma database (SQLite or PostgreSQL: the raw SQL's few differences come
 * from the dialect). `prepare()` switches SQLite to WAL with
 * `synchronous=NORMAL`: a commit is then an append to the WAL without an fsync, which survives a
 * killed process (what write-through before ack is for) though not a power cut. Measured here:
 * an update of a small row went from ~3–19 ms (rollback journal, fsync) to ~0.3–0.7 ms.
 */
export class PrismaLiveStore implements LiveStore {
  private readonly prisma: Database["prisma"];
  private readonly dialect: Database["dialect"];

  /**
   * @param fence the fencing token every write must carry (null: one process, no fencing); the
   * UPDATE of the session's row carries it in its WHERE, so an old owner's write changes nothing
   */
  constructor(
    private readonly db: Pick<Database, "prisma" | "dialect">,
    private readonly fence: number | null = null,
  ) {
    this.prisma = db.prisma;
    this.dialect = db.dialect;
  }

  fenced(token: number): LiveStore {
    return new PrismaLiveStore(this.db, token);
  }

  async claim(code: string, token: number): Promise<boolean> {
    const claimed = await this.prisma.$executeRaw`
      UPDATE "LiveSession" SET "ownerEpoch" = ${token} WHERE "code" = ${code} AND "ownerEpoch" <= ${token}`;
    if (claimed !== 1) return false;
    await this.prisma.liveOperation.deleteMany({
      where: { sessionCode: code, at: { lt: Date.now() - OPERATIONS_KEPT_MS } },
    });
    return true;
  }

  async ownerEpoch(code: string): Promise<number | null> {
    const row = await this.prisma.liveSession.findUnique({ where: { code }, select: { ownerEpoch: true } });
    return row ? row.ownerEpoch : null;
  }

  async operations(code: string): Promise<Map<string, string>> {
    const rows = await this.prisma.liveOperation.findMany({ where: { sessionCode: code } });
    return new Map(rows.map((row) => [row.opId, row.reply]));
  }

  async prepare(): Promise<void> {
    if (this.dialect.provider !== "sqlite") return;
    await this.prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await this.prisma.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  }

  async create(session: StoredSession): Promise<boolean> {
    try {
      await this.prisma.liveSession.create({
        data: {
          code: session.code,
          teacherKeyHash: session.teacherKeyHash,
          state: JSON.stringify(core(session.state)),
          participants: JSON.stringify(session.state.participants),
          sandboxes: JSON.stringify(session.state.sandboxes),
          version: session.state.version,
          serverData: JSON.stringify(session.server),
          exerciseSlug: session.state.exerciseSlug,
          endedAt: session.endedAt,
        },
      });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === "P2002") return false; // unique constraint: code taken
      throw error;
    }
  }

  async load(code: string): Promise<StoredSession | null> {
    const row = await this.prisma.liveSession.findUnique({ where: { code } });
    if (!row) return null;
    const where = `live session ${code}`;
    const state = check(
      sessionStateSchema,
      {
        ...readJson(z.record(z.string(), z.unknown()), row.state, `${where} (state)`),
        participants: readJson(z.unknown(), row.participants, `${where} (participants)`),
        sandboxes: readJson(z.unknown(), row.sandboxes, `${where} (sandboxes)`),
      },
      where,
    );
    const stored = readJson(z.record(z.string(), z.unknown()), row.serverData, `${where} (serverData)`);
    // a row from before a field was added lacks it: its empty value
    const server = check(serverDataSchema, { ...emptyServerData(), ...stored }, `${where} (serverData)`);
    return {
      code: row.code,
      teacherKeyHash: row.teacherKeyHash,
      state,
      server,
      endedAt: row.endedAt,
      createdAt: row.createdAt,
      rounds: await this.rounds(code),
      race: state.race ? await this.raceEntries(state.race.id) : [],
      activities: await this.activities(code),
    };
  }

  /** The entries of one race, as written (each parsed with its schema). */
  async raceEntries(raceId: string): Promise<RaceEntryWrite[]> {
    const rows = await this.prisma.liveRaceEntry.findMany({ where: { raceId } });
    return rows.map((row) => {
      const where = `race entry ${row.raceId}/${row.participantId}`;
      return {
        raceId: row.raceId,
        participantId: check(participantSchema.shape.id, row.participantId, where),
        entry: readJson(raceEntrySchema, row.entry, where),
      };
    });
  }

  async save(
    code: string,
    state: SessionState,
    server: ServerData,
    dirty: Dirty | null,
    rounds?: RoundWrites,
    ops: readonly OperationRow[] = [],
  ): Promise<void> {
    const fence = this.fence;
    if (fence === null) {
      const statements = this.statements(this.prisma, code, state, server, dirty, rounds, ops);
      if (statements.length === 0) return;
      // a single statement is atomic by itself; several go in one transaction
      const counts = statements.length === 1 ? [await statements[0]!] : await this.prisma.$transaction(statements);
      if (dirty && counts[0] !== 1) throw new Error(`live session ${code} is not in the database`);
      return;
    }
    // fenced: the session's row is updated first, only while our token is the newest (that also
    // locks the row until the transaction ends, so a takeover's claim waits for it); 0 rows: another
    // process took the session over, and nothing of this write happens
    await this.prisma.$transaction(
      async (tx) => {
        const [update, ...rest] = this.statements(tx as Db, code, state, server, dirty ?? NOTHING, rounds, ops);
        if ((await update!) !== 1) throw new FencedError(code, fence);
        for (const statement of rest) await statement;
      },
      // Prisma's defaults (2 s to get a connection, 5 s in all) refused writes on a machine whose
      // CPUs were overbooked (bench:cluster, load 20 on 2 cores); a write that waits is still safe
      { maxWait: 10_000, timeout: 20_000 },
    );
  }

  /** The statements of one write: the session's row first (when dirty), then round and operation rows. */
  private statements(
    db: Db,
    code: string,
    state: SessionState,
    server: ServerData,
    dirty: Dirty | null,
    rounds: RoundWrites | undefined,
    ops: readonly OperationRow[],
  ): Prisma.PrismaPromise<number>[] {
    const statements: Prisma.PrismaPromise<number>[] = [];
    if (dirty) {
      // one raw UPDATE: about a quarter of the CPU time of updateMany (which also wraps itself in a
      // transaction) as measured here, and this is the hot path of every slider drag
      const sets = [Prisma.sql`"version" = ${state.version}`, Prisma.sql`"updatedAt" = ${this.dialect.now()}`];
      if (dirty.core) sets.push(Prisma.sql`"state" = ${JSON.stringify(core(state))}`);
      if (dirty.participants) sets.push(Prisma.sql`"participants" = ${JSON.stringify(state.participants)}`);
      if (dirty.sandboxes) sets.push(Prisma.sql`"sandboxes" = ${JSON.stringify(state.sandboxes)}`);
      if (dirty.server) sets.push(Prisma.sql`"serverData" = ${JSON.stringify(server)}`);
      const fenced = this.fence === null ? Prisma.empty : Prisma.sql` AND "ownerEpoch" = ${this.fence}`;
      statements.push(db.$executeRaw`UPDATE "LiveSession" SET ${Prisma.join(sets)} WHERE "code" = ${code}${fenced}`);
    }
    const real = this.dialect.real;
    for (const record of rounds?.records ?? []) statements.push(this.upsertRound(db, code, record));
    const answers = rounds?.answers ?? [];
    for (let i = 0; i < answers.length; i += ANSWER_CHUNK) {
      const rows = answers
        .slice(i, i + ANSWER_CHUNK)
        .map(
          (a) =>
            Prisma.sql`(${a.roundId}, ${a.participantId}, ${a.answer.name}, ${real(a.answer.value)}, ${real(a.answer.at)})`,
        );
      statements.push(db.$executeRaw`
        INSERT INTO "LiveAnswer" ("roundId", "participantId", "name", "value", "at") VALUES ${Prisma.join(rows)}
        ON CONFLICT ("roundId", "participantId") DO UPDATE
        SET "name" = excluded."name", "value" = excluded."value", "at" = excluded."at"`);
    }
    for (const row of rounds?.race ?? []) {
      statements.push(db.$executeRaw`
        INSERT INTO "LiveRaceEntry" ("raceId", "sessionCode", "participantId", "entry", "updatedAt")
        VALUES (${row.raceId}, ${code}, ${row.participantId}, ${JSON.stringify(row.entry)}, ${real(Date.now())})
        ON CONFLICT ("raceId", "participantId") DO UPDATE
        SET "entry" = excluded."entry", "updatedAt" = excluded."updatedAt"`);
    }
    if (rounds) statements.push(...activityStatements(db, code, rounds, real));
    if (ops.length > 0) {
      const rows = ops.map((op) => Prisma.sql`(${code}, ${op.opId}, ${op.reply}, ${real(op.at)})`);
      statements.push(db.$executeRaw`
        INSERT INTO "LiveOperation" ("sessionCode", "opId", "reply", "at") VALUES ${Prisma.join(rows)}
        ON CONFLICT ("sessionCode", "opId") DO NOTHING`);
    }
    return statements;
  }

  private upsertRound(db: Db, code: string, r: RoundRecord): Prisma.PrismaPromise<number> {
    const real = this.dialect.real;
    return db.$executeRaw`
      INSERT INTO "LiveRound" ("id", "sessionCode", "number", "question", "network", "working", "truth",
        "scriptIndex", "openedAt", "closesAt", "closedAt", "revealedAt", "clearedAt")
      VALUES (${r.id}, ${code}, ${r.number}, ${JSON.stringify(r.question)}, ${JSON.stringify(r.network)},
        ${JSON.stringify(r.working)}, ${real(r.truth)}, ${r.scriptIndex}, ${real(r.openedAt)}, ${real(r.closesAt)},
        ${real(r.closedAt)}, ${real(r.revealedAt)}, ${real(r.clearedAt)})
      ON CONFLICT ("id") DO UPDATE SET "closesAt" = excluded."closesAt", "closedAt" = excluded."closedAt",
        "revealedAt" = excluded."revealedAt", "clearedAt" = excluded."clearedAt"`;
  }

  async activities(code: string): Promise<StoredActivities> {
    return readActivities(this.prisma, code);
  }

  async end(code: string, at: Date): Promise<void> {
    const where = this.fence === null ? { code } : { code, ownerEpoch: this.fence };
    const { count } = await this.prisma.liveSession.updateMany({ where, data: { endedAt: at } });
    if (count === 0 && this.fence !== null) throw new FencedError(code, this.fence);
  }

  /** Every round of a session with its answers, oldest first (also what the report reads). */
  async rounds(code: string): Promise<StoredRounds> {
    const rows = await this.prisma.liveRound.findMany({ where: { sessionCode: code }, orderBy: { number: "asc" } });
    const records: RoundRecord[] = rows.map((row) => {
      const where = `live round ${row.id}`;
      return check(
        roundRecordSchema,
        {
          id: row.id,
          number: row.number,
          question: readJson(roundQuestionSchema, row.question, `${where} (question)`),
          scriptIndex: row.scriptIndex,
          network: readJson(networkSchema, row.network, `${where} (network)`),
          working: readJson(neuronWorkingSchema, row.working, `${where} (working)`),
          truth: row.truth,
          openedAt: row.openedAt,
          closesAt: row.closesAt,
          closedAt: row.closedAt,
          revealedAt: row.revealedAt,
          clearedAt: row.clearedAt,
        },
        where,
      );
    });
    const byRound = new Map(records.map((r) => [r.id, new Map<string, StoredAnswer>()]));
    if (records.length > 0) {
      const found = await this.prisma.liveAnswer.findMany({ where: { roundId: { in: records.map((r) => r.id) } } });
      for (const a of found) {
        const answer = check(storedAnswerSchema, { name: a.name, value: a.value, at: a.at }, `answer ${a.roundId}`);
        byRound.get(a.roundId)?.set(check(participantSchema.shape.id, a.participantId, "answer"), answer);
      }
    }
    const answers = Object.fromEntries([...byRound].map(([id, found]) => [id, Object.fromEntries(found)]));
    return { records, answers };
  }
}
