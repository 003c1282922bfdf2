// DATABASE_URL → which database: a SQLite file (`file:./data/activation-lab.db`, the default) or a
// PostgreSQL server (`postgresql://user:password@host:5432/name`). Relative SQLite paths are
// resolved against the working directory (the project root), as Prisma's CLI would.
import { isAbsolute, resolve } from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/activation-lab.db";

export type DatabaseTarget = { provider: "sqlite"; file: string } | { provider: "postgresql"; url: string };

export function databaseTarget(databaseUrl: string, cwd: string = process.cwd()): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    let parsed: URL;
    try {
      parsed = new URL(databaseUrl);
    } catch {
      throw new Error(`DATABASE_URL is not a valid PostgreSQL URL: "${redact(databaseUrl)}"`);
    }
    if (parsed.pathname.length <= 1) {
      throw new Error(`DATABASE_URL must name a database (postgresql://host:5432/NAME), got "${redact(databaseUrl)}"`);
    }
    return { provider: "postgresql", url: databaseUrl };
  }
  return { provider: "sqlite", file: sqliteFilePath(databaseUrl, cwd) };
}

export function sqliteFilePath(databaseUrl: string, cwd: string = process.cwd()): string {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite "file:" URL or a "postgresql://" URL, got "${redact(databaseUrl)}"`);
  }
  const path = databaseUrl.slice("file:".length).replace(/\?.*$/, "");
  if (!path || path === ":memory:") throw new Error(`DATABASE_URL must name a file, got "${databaseUrl}"`);
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** The URL without its password, for error messages and logs. */
export function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]+):[^@]*@/i, "$1:***@");
}

/** A PostgreSQL URL with another database name (create/drop databases from the maintenance one). */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** The database name of a PostgreSQL URL. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}
