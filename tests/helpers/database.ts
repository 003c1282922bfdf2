// The database a test's server runs on: a fresh SQLite file, or — with TEST_DATABASE=postgresql (the
// "postgresql" vitest project, vitest.config.ts) — a fresh PostgreSQL database of its own
// (tests/helpers/postgres.ts), created by the server's migrations and dropped by `remove()`. Tests
// that look at the stored rows behind the server's back use `query`/`run`, written once in SQL both
// engines read (`?` placeholders, double-quoted names).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { databaseTarget, type DatabaseTarget } from "../../server/db/url";
import { plannedTestDatabase } from "./postgres";

export type TestDatabaseKind = DatabaseTarget["provider"];

/** which engine the integration tests run on in this vitest project */
export const TEST_DATABASE: TestDatabaseKind = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";

export type Row = Record<string, unknown>;

export interface ScratchDatabase {
  /** the DATABASE_URL a server is started with */
  url: string;
  target: DatabaseTarget;
  /** rows of one statement; `?` placeholders; PostgreSQL's bigint counts come back as numbers */
  query(sql: string, ...params: unknown[]): Promise<Row[]>;
  /** one statement, no rows wanted */
  run(sql: string, ...params: unknown[]): Promise<void>;
  /** deletes the file (and its folder) or drops the database */
  remove(): Promise<void>;
}

export async function scratchDatabase(kind: TestDatabaseKind = TEST_DATABASE): Promise<ScratchDatabase> {
  if (kind === "postgresql") {
    const planned = plannedTestDatabase();
    const query = async (sql: string, ...params: unknown[]) => {
      const client = new pg.Client({ connectionString: planned.url });
      await client.connect();
      try {
        let n = 0;
        const result = await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        );
        return result.rows.map(numericCounts);
      } finally {
        await client.end();
      }
    };
    return {
      url: planned.url,
      target: databaseTarget(planned.url),
      query,
      run: async (sql, ...params) => void (await query(sql, ...params)),
      remove: planned.drop,
    };
  }
  const dir = await mkdtemp(join(tmpdir(), "activation-lab-test-"));
  return sqliteAt(join(dir, "test.db"), () => rm(dir, { recursive: true, force: true }));
}

/** A SQLite file at `file` (it need not exist yet: the server creates it). */
export function sqliteAt(file: string, remove: () => Promise<void> = async () => {}): ScratchDatabase {
  const open = <T>(run: (db: Sqlite.Database) => T): T => {
    const db = new Sqlite(file);
    try {
      return run(db);
    } finally {
      db.close();
    }
  };
  return {
    url: `file:${file}`,
    target: { provider: "sqlite", file },
    query: async (sql, ...params) => open((db) => db.prepare(sql).all(...params) as Row[]),
    run: async (sql, ...params) => void open((db) => db.prepare(sql).run(...params)),
    remove,
  };
}

/** pg answers COUNT(*) (a bigint) as a string: a number, as SQLite gives it */
function numericCounts(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = typeof value === "string" && /^(n|count)$/i.test(key) && /^\d+$/.test(value) ? Number(value) : value;
  }
  return out;
}
