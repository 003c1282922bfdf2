// Brings the configured database up to date on start-up. SQLite: prisma/migrations through
// `prisma migrate deploy`, run as a child process of this Node (the CLI uses the WebAssembly schema
// engine: no native binary, no network); creates the file, and its directory, if they do not exist
// yet. PostgreSQL: prisma/postgres/migrations through server/db/migrate-postgres.ts.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { PROJECT_ROOT } from "../paths";
import { migratePostgres } from "./migrate-postgres";
import type { DatabaseTarget } from "./url";

export async function migrateDatabase(target: DatabaseTarget): Promise<void> {
  if (target.provider === "postgresql") await migratePostgres({ url: target.url });
  else await migrateSqlite({ file: target.file });
}

export interface MigrateOptions {
  /** absolute path of the SQLite file */
  file: string;
  timeoutMs?: number;
}

export async function migrateSqlite({ file, timeoutMs = 120_000 }: MigrateOptions): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const cli = join(PROJECT_ROOT, "node_modules", "prisma", "build", "index.js");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${file}`, // read by prisma.config.ts
    CHECKPOINT_DISABLE: "1", // no update check: the network may be closed
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    NO_COLOR: "1",
  };
  const output = await run(process.execPath, [cli, "migrate", "deploy"], { cwd: PROJECT_ROOT, env, timeoutMs });
  if (output.code !== 0) {
    throw new Error(`prisma migrate deploy failed (exit ${output.code}) for ${file}:\n${output.text.slice(-4000)}`);
  }
}

interface RunResult {
  code: number | null;
  text: string;
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    const collect = (chunk: Buffer) => (text += chunk.toString("utf8"));
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      text += `\n(killed after ${options.timeoutMs} ms)`;
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, text });
    });
  });
}
