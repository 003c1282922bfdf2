// Opens the generated Prisma client on the configured database: a SQLite file through the
// better-sqlite3 driver adapter, or PostgreSQL through the pg adapter (STACK.md: Prisma 6.19.3, JS
// engine, no native binaries). Only the store modules use `prisma`; everything else goes through
// the services they build.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";
import { PrismaClient as PostgresClient } from "../../generated/prisma-pg/client";
import { dialectFor, type Dialect } from "./dialect";
import type { DatabaseTarget } from "./url";

/**
 * The client type the stores are written against. Both generated clients come from the same
 * models (prisma/postgres/schema.prisma is derived from prisma/schema.prisma, and a test checks
 * it), so they have the same model API; TypeScript only sees them differ in `$transaction`'s
 * isolation levels, which the stores do not pass.
 */
export type Db = PrismaClient;

export interface Database {
  provider: DatabaseTarget["provider"];
  prisma: Db;
  /** the few SQL fragments that differ between SQLite and PostgreSQL (raw queries only) */
  dialect: Dialect;
  /** Answers when the database does: a `SELECT 1` round trip. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens a SQLite file (a path, as before) or any database target. */
export async function openDatabase(target: DatabaseTarget | string): Promise<Database> {
  const where: DatabaseTarget = typeof target === "string" ? { provider: "sqlite", file: target } : target;
  const prisma = where.provider === "sqlite" ? sqliteClient(where.file) : postgresClient(where.url);
  await prisma.$connect();
  return {
    provider: where.provider,
    prisma,
    dialect: dialectFor(where.provider),
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    async close() {
      await prisma.$disconnect();
    },
  };
}

function sqliteClient(file: string): Db {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }) });
}

function postgresClient(connectionString: string): Db {
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString }) });
  // the one place the two generated clients meet: same models, see `Db`
  return client as unknown as Db;
}
