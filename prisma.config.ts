// Prisma CLI configuration (Prisma 6.19, JS engine, SQLite through better-sqlite3; docs: STACK.md).
// This file disables Prisma's .env loading, so DATABASE_URL is read here directly.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, sqliteFilePath } from "./server/db/url";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const file = sqliteFilePath(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
    mkdirSync(dirname(file), { recursive: true }); // SQLite creates the file, not its directory
    return new PrismaBetterSQLite3({ url: file });
  },
});
