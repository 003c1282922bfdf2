// "Be the network" in the database (LiveNetworkActivity, LiveNeuronAnswer: prisma/schema.prisma),
// for server/live/store.ts: the statements a write adds to the session's transaction, and the rows
// read back (every JSON column and every row parsed by its schema, never cast).
import { Prisma } from "../../generated/prisma/client";
import type { StoredActivities } from "../../lib/network-activity/book";
import {
  activityRecordSchema,
  submissionSchema,
  type ActivityRecord,
  type Submission,
} from "../../lib/network-activity/model";
import type { ActivityWrites } from "../../lib/session/network-activity";
import type { Db } from "../db/client";
import type { Dialect } from "../db/dialect";
import { check, readJson } from "../db/json";

/** Answers go in this many per INSERT (9 values each: well below SQLite's limit). */
const CHUNK = 200;

/** The statements that write `writes`: whole records (insert or replace), answers appended. */
export function activityStatements(
  prisma: Db,
  code: string,
  writes: Partial<ActivityWrites>,
  /** floats are bound as the database's dialect says (server/db/dialect.ts: exact on both) */
  real: Dialect["real"],
): Prisma.PrismaPromise<number>[] {
  const statements: Prisma.PrismaPromise<number>[] = [];
  for (const r of writes.activities ?? []) statements.push(upsertRecord(prisma, code, r, real));
  const answers = writes.submissions ?? [];
  for (let i = 0; i < answers.length; i += CHUNK) {
    const rows = answers.slice(i, i + CHUNK).map(
      ({ activityId, submission: s }) =>
        Prisma.sql`(${activityId}, ${s.seq}, ${s.participantId}, ${s.name}, ${s.layer}, ${s.index},
          ${real(s.z)}, ${real(s.a)}, ${real(s.at)})`,
    );
    statements.push(prisma.$executeRaw`
      INSERT INTO "LiveNeuronAnswer" ("activityId", "seq", "participantId", "name", "layer", "neuron", "z", "a", "at")
      VALUES ${Prisma.join(rows)}`);
  }
  return statements;
}

function upsertRecord(
  prisma: Db,
  code: string,
  r: ActivityRecord,
  real: Dialect["real"],
): Prisma.PrismaPromise<number> {
  return prisma.$executeRaw`
    INSERT INTO "LiveNetworkActivity" ("id", "sessionCode", "number", "record", "startedAt")
    VALUES (${r.id}, ${code}, ${r.number}, ${JSON.stringify(r)}, ${real(r.startedAt)})
    ON CONFLICT ("id") DO UPDATE SET "record" = excluded."record"`;
}

/** Every activity of a session with every answer, oldest first. */
export async function readActivities(prisma: Db, code: string): Promise<StoredActivities> {
  const rows = await prisma.liveNetworkActivity.findMany({ where: { sessionCode: code }, orderBy: { number: "asc" } });
  const records = rows.map((row) => readJson(activityRecordSchema, row.record, `network activity ${row.id} (record)`));
  const byActivity = new Map(records.map((r) => [r.id, [] as Submission[]]));
  if (records.length > 0) {
    const found = await prisma.liveNeuronAnswer.findMany({
      where: { activityId: { in: records.map((r) => r.id) } },
      orderBy: [{ activityId: "asc" }, { seq: "asc" }],
    });
    for (const row of found) {
      const { activityId, neuron, ...rest } = row;
      const submission = check(submissionSchema, { ...rest, index: neuron }, `neuron answer ${activityId}/${row.seq}`);
      byActivity.get(activityId)?.push(submission);
    }
  }
  return { records, submissions: Object.fromEntries(byActivity) };
}
