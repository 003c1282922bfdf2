// prisma/postgres/schema.prisma is derived from prisma/schema.prisma (the one place models are
// written): same models, only the datasource provider and the generated client's folder differ.
// A Prisma schema file has one provider, so PostgreSQL needs its own file and its own generated
// client (generated/prisma-pg). `node scripts/postgres-schema.mjs` writes it; `--check` fails when
// the committed file is not what the SQLite schema derives (tests/unit/prisma-schemas.test.ts too).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgres/schema.prisma";

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.mjs: do not edit, change the
// SQLite schema and run \`node scripts/postgres-schema.mjs\`. Migrations: prisma/postgres/migrations
// (applied by server/db/migrate-postgres.ts; docs/architecture.md says how to write one).

`;

/** The PostgreSQL schema text for a SQLite schema text; throws when an expected line is missing. */
export function derivePostgresSchema(sqlite) {
  const swaps = [
    [/^(\s*output\s*=\s*)"\.\.\/generated\/prisma"$/m, '$1"../../generated/prisma-pg"'],
    [/^(\s*provider\s*=\s*)"sqlite"$/m, '$1"postgresql"'],
    [/^(\s*url\s*=\s*)"file:[^"]*"$/m, '$1"postgresql://unused"'],
  ];
  let text = sqlite;
  for (const [pattern, replacement] of swaps) {
    if (!pattern.test(text)) throw new Error(`${SQLITE_SCHEMA}: expected a line matching ${pattern}`);
    text = text.replace(pattern, replacement);
  }
  return HEADER + text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const derived = derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
  if (process.argv.includes("--check")) {
    if (readFileSync(POSTGRES_SCHEMA, "utf8") !== derived) {
      console.error(`${POSTGRES_SCHEMA} is out of date: run \`node scripts/postgres-schema.mjs\``);
      process.exit(1);
    }
  } else {
    writeFileSync(POSTGRES_SCHEMA, derived);
    console.log(`wrote ${POSTGRES_SCHEMA}`);
  }
}
