// Applies prisma/postgres/migrations to a PostgreSQL database on start-up. Prisma's own
// `migrate deploy` cannot do it here: through the pg driver adapter its WebAssembly schema engine
// fails on pg_catalog's `name` type (Prisma issue #27403; STACK.md). So this is the small,
// lock-guarded step STACK.md suggests, on the `pg` driver directly:
// - every process takes the same session-level advisory lock first: when several start at once,
//   one applies the migrations and the others wait, then find nothing left to do;
// - each pending migration runs in its own transaction together with its row in
//   `_activation_lab_migrations`, so a failure leaves no half-applied migration behind;
// - a migration that was applied but whose file changed since is refused (checksum), never
//   re-run: migrations are append-only.
// The database itself is created when it does not exist (two processes racing to create it is fine).
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { PROJECT_ROOT } from "../paths";
import { databaseName, redact, withDatabase } from "./url";

export const POSTGRES_MIGRATIONS = join(PROJECT_ROOT, "prisma", "postgres", "migrations");
const TABLE = "_activation_lab_migrations";
/** any fixed 64-bit number: the key every Activation Lab process locks while migrating */
const LOCK_KEY = 7_262_019_113_344_051n;

export interface PostgresMigrateOptions {
  url: string;
  /** default: prisma/postgres/migrations */
  dir?: string;
  /** how long to wait for the lock (another process migrating) before giving up; default 120 s */
  lockTimeoutMs?: number;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir: string = POSTGRES_MIGRATIONS): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  names.sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/** Applies the pending migrations; answers the names it applied (none when up to date). */
export async function migratePostgres(options: PostgresMigrateOptions): Promise<string[]> {
  const migrations = await readMigrations(options.dir);
  await ensureDatabase(options.url);
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await client.query(`SET lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs ?? 120_000))}`);
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY.toString()]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS "${TABLE}" (
        "name" TEXT PRIMARY KEY,
        "checksum" TEXT NOT NULL,
        "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP)`);
      const { rows } = await client.query<{ name: string; checksum: string }>(
        `SELECT "name", "checksum" FROM "${TABLE}"`,
      );
      const applied = new Map(rows.map((row) => [row.name, row.checksum]));
      const done: string[] = [];
      for (const migration of migrations) {
        const checksum = applied.get(migration.name);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) {
            throw new Error(
              `migration ${migration.name} was changed after it was applied to ${redact(options.url)}: ` +
                "migrations are append-only, write a new one instead",
            );
          }
          continue;
        }
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query(`INSERT INTO "${TABLE}" ("name", "checksum") VALUES ($1, $2)`, [
            migration.name,
            migration.checksum,
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`migration ${migration.name} failed on ${redact(options.url)}`, { cause: error });
        }
        done.push(migration.name);
      }
      return done;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY.toString()]);
    }
  } finally {
    await client.end();
  }
}

/** Creates the database named in `url` when it does not exist yet (from the `postgres` database). */
async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (error) {
    await probe.end().catch(() => {});
    if ((error as { code?: string }).code !== "3D000") throw error; // 3D000: no such database
  }
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  } catch (error) {
    // another process created it meanwhile: 42P04 (it existed when ours began), or 23505 (both
    // inserted the name at once: pg_database's unique index refused ours)
    const code = (error as { code?: string }).code;
    if (code !== "42P04" && code !== "23505") throw error;
  } finally {
    await admin.end();
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
