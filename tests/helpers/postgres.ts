// PostgreSQL for tests: every test file makes its own database (a unique name per run and file)
// on the server of TEST_POSTGRES_URL (default: the local one, trust auth, user postgres) and drops
// it afterwards, so two runs never collide. `.ci/run` makes sure the server runs.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { quoteIdentifier } from "../../server/db/migrate-postgres";
import { withDatabase } from "../../server/db/url";

/** The maintenance database of the test server (CREATE / DROP DATABASE are run there). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  name: string;
  url: string;
  /** drops the database, closing any connection still open to it */
  drop(): Promise<void>;
}

/** A unique database name: `al_test_<pid>_<random>` (lower case: no quoting surprises in psql). */
export function testDatabaseName(prefix = "al_test"): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (start it, or set TEST_POSTGRES_URL; .ci/run starts it)`,
      { cause: error },
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A name and URL for a database that does not exist yet (migrations create it), dropped by `drop`. */
export function plannedTestDatabase(prefix?: string): TestDatabase {
  const name = testDatabaseName(prefix);
  return {
    name,
    url: withDatabase(POSTGRES_ADMIN_URL, name),
    drop: () =>
      admin((client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)).then(() => {}),
  };
}

/** A new, empty database. */
export async function createTestDatabase(prefix?: string): Promise<TestDatabase> {
  const planned = plannedTestDatabase(prefix);
  await admin((client) => client.query(`CREATE DATABASE ${quoteIdentifier(planned.name)}`));
  return planned;
}

/** Runs `sql` (one or many statements) on the database of `url`. */
export async function runSql(url: string, sql: string): Promise<pg.QueryResult[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = (await client.query(sql)) as pg.QueryResult | pg.QueryResult[];
    return Array.isArray(result) ? result : [result];
  } finally {
    await client.end();
  }
}
