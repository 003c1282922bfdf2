// Starts the real server (API + Socket.IO, no Next) on an ephemeral port with a fresh SQLite file
// in a temporary directory, and stops it again.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer, type StartOptions } from "../../server/app";

export interface TestServer extends RunningServer {
  /** the temporary directory holding the database */
  dir: string;
  /** close() and remove the temporary directory */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** database file (default: `<fresh temp dir>/test.db`) */
  databaseFile?: string;
  /** rate limits and budgets other than the defaults (server/limits/config.ts) */
  limits?: StartOptions["limits"];
  /** live-session tuning (e.g. a shorter roster delay) */
  live?: StartOptions["live"];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), "activation-lab-test-"));
  const databaseFile = options.databaseFile ?? join(dir, "test.db");
  let server: RunningServer;
  try {
    server = await startServer({
      port: 0,
      host: "127.0.0.1",
      databaseUrl: `file:${databaseFile}`,
      dev: true,
      withNext: false,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.live ? { live: options.live } : {}),
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...server,
    url: `http://127.0.0.1:${server.port}`,
    dir,
    async stop() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
