// Writes the migrations for a change of prisma/schema.prisma, for both databases, from the schema
// as it is committed (or `--from REV`) to the schema as it is in the working tree:
//   node scripts/new-migration.mjs <name> [--from REV]
// → prisma/migrations/<timestamp>_<name>/migration.sql            (SQLite)
//   prisma/postgres/migrations/<timestamp>_<name>/migration.sql   (PostgreSQL)
// and prisma/postgres/schema.prisma derived anew. Needs no database: `prisma migrate diff` between
// two schema files (STACK.md: the schema engine cannot diff from a database through the adapters).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "./postgres-schema.mjs";

const [name, ...rest] = process.argv.slice(2);
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: node scripts/new-migration.mjs <name: a-z, 0-9, _> [--from REV]");
  process.exit(2);
}
const from = rest[0] === "--from" && rest[1] ? rest[1] : "HEAD";
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = mkdtempSync(join(tmpdir(), "activation-lab-migration-"));

const oldSqlite = execFileSync("git", ["show", `${from}:${SQLITE_SCHEMA}`], { encoding: "utf8" });
const newSqlite = readFileSync(SQLITE_SCHEMA, "utf8");
const schemas = {
  sqlite: { old: oldSqlite, next: newSqlite, out: "prisma/migrations" },
  postgres: {
    old: derivePostgresSchema(oldSqlite),
    next: derivePostgresSchema(newSqlite),
    out: "prisma/postgres/migrations",
  },
};
writeFileSync(POSTGRES_SCHEMA, schemas.postgres.next);

for (const [kind, { old, next, out }] of Object.entries(schemas)) {
  const oldFile = join(dir, `${kind}-old.prisma`);
  const newFile = join(dir, `${kind}-new.prisma`);
  writeFileSync(oldFile, old);
  writeFileSync(newFile, next);
  const sql = execFileSync(
    process.execPath,
    [
      "node_modules/prisma/build/index.js",
      "migrate",
      "diff",
      "--from-schema-datamodel",
      oldFile,
      "--to-schema-datamodel",
      newFile,
      "--script",
    ],
    { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", NO_COLOR: "1" } },
  );
  const script = sql.slice(Math.max(0, sql.indexOf("--")));
  const target = join(out, `${stamp}_${name}`);
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "migration.sql"), script);
  console.log(`wrote ${target}/migration.sql`);
}
