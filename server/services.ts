// Everything the routes and the live sockets use, created once by the composition root
// (server/app.ts) and handed to them: the exercise library (the one answer to "slug → lesson or
// saved exercise"), the live sessions, the report keys, the kernel. Only the store modules behind
// these touch Prisma; they run on SQLite or PostgreSQL alike (the few SQL differences: db/dialect.ts).
import type { Kernel } from "../lib/kernel/kernel";
import type { Database } from "./db/client";
import { createExerciseStore, type ExerciseStore } from "./exercises/store";
import { PrismaLiveStore, type LiveStore } from "./live/store";
import { createReportStore, type ReportStore } from "./reports/store";

export interface Services {
  /** the database, as the health check sees it */
  database: { kind: Database["provider"]; ping(): Promise<void> };
  exercises: ExerciseStore;
  sessions: LiveStore;
  reports: ReportStore;
  /** the one wasm kernel of this process (the API's forward pass, the rounds' truth) */
  kernel: Kernel;
}

export async function openServices(db: Database, kernel: Kernel): Promise<Services> {
  const sessions = new PrismaLiveStore(db);
  await sessions.prepare();
  return {
    database: { kind: db.provider, ping: () => db.ping() },
    exercises: createExerciseStore(db),
    sessions,
    reports: createReportStore(db.prisma),
    kernel,
  };
}
