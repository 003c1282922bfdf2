// DATABASE_URL (`file:./data/activation-lab.db`) → the SQLite file path. Relative paths are
// resolved against the project root (the working directory), as Prisma's CLI would.
import { isAbsolute, resolve } from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/activation-lab.db";

export function sqliteFilePath(databaseUrl: string, cwd: string = process.cwd()): string {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite "file:" URL, got "${databaseUrl}"`);
  }
  const path = databaseUrl.slice("file:".length).replace(/\?.*$/, "");
  if (!path || path === ":memory:") throw new Error(`DATABASE_URL must name a file, got "${databaseUrl}"`);
  return isAbsolute(path) ? path : resolve(cwd, path);
}
