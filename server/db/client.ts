// Opens the generated Prisma client on a SQLite file through the better-sqlite3 driver adapter.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client";

export type Db = PrismaClient;

export interface Database {
  prisma: Db;
  /** Answers when the database does: a `SELECT 1` round trip. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(file: string): Promise<Database> {
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }) });
  await prisma.$connect();
  return {
    prisma,
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    async close() {
      await prisma.$disconnect();
    },
  };
}
