// Starts the real server (API + Socket.IO, no Next) on an ephemeral port with a fresh database —
// a SQLite file, or a PostgreSQL database of its own in the "postgresql" vitest project
// (tests/helpers/database.ts) — and stops it again.
import { startServer, type RunningServer, type StartOptions } from "../../server/app";
import { scratchDatabase, type ScratchDatabase } from "./database";

export interface TestServer extends RunningServer {
  /** the database it runs on (raw queries behind the server's back) */
  db: ScratchDatabase;
  /** close() and remove the database, if the server made it */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** the database (default: a fresh one, removed by stop(); one given here is the caller's to remove) */
  database?: ScratchDatabase;
  /** rate limits and budgets other than the defaults (server/limits/config.ts) */
  limits?: StartOptions["limits"];
  /** live-session tuning (e.g. a shorter roster delay) */
  live?: StartOptions["live"];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const db = options.database ?? (await scratchDatabase());
  const owned = options.database === undefined;
  let server: RunningServer;
  try {
    server = await startServer({
      port: 0,
      host: "127.0.0.1",
      databaseUrl: db.url,
      dev: true,
      withNext: false,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.live ? { live: options.live } : {}),
    });
  } catch (error) {
    if (owned) await db.remove();
    throw error;
  }
  return {
    ...server,
    url: `http://127.0.0.1:${server.port}`,
    db,
    async stop() {
      await server.close();
      if (owned) await db.remove();
    },
  };
}
