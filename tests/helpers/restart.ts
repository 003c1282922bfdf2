// For kill -9 tests: the real server (bench/realtime-server.ts: API + Socket.IO, no Next) in a
// child process on a given database (DATABASE_URL: a SQLite file or a PostgreSQL database), so that
// the test can kill it with SIGKILL and then start a server again (startTestServer) on the same one.
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../server/paths";

export interface ChildServer {
  url: string;
  process: ChildProcess;
}

/** Starts the server in a child process on `databaseUrl`; resolves once it listens. */
export async function startChildServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = fork(join(PROJECT_ROOT, "bench", "realtime-server.ts"), [], {
    cwd: PROJECT_ROOT,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env, DATABASE_FILE: "", DATABASE_URL: databaseUrl },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    child.on("message", (message: { type?: string; url?: string }) => {
      if (message.type === "listening" && message.url) resolve(message.url);
    });
  });
  return { url, process: child };
}

/** kill -9, and wait until the process has exited (no clean shutdown: no pending write is flushed). */
export async function killChildServer(child: ChildServer): Promise<void> {
  child.process.kill("SIGKILL");
  await new Promise((resolve) => child.process.once("exit", resolve));
}
