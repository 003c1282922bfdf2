// SQLite and PostgreSQL have the same models: prisma/postgres/schema.prisma is derived from
// prisma/schema.prisma (scripts/postgres-schema.mjs), and the committed file is what it derives.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script without type declarations
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "../../scripts/postgres-schema.mjs";

const derive = derivePostgresSchema as (sqlite: string) => string;

/** The schema without its generator and datasource blocks: the models. */
function models(text: string): string {
  return text
    .replace(/^\/\/.*$/gm, "")
    .replace(/^(generator|datasource) \w+ \{[^}]*\}/gm, "")
    .trim();
}

it("the committed PostgreSQL schema is the one derived from the SQLite schema", () => {
  const sqlite = readFileSync(SQLITE_SCHEMA as string, "utf8");
  expect(readFileSync(POSTGRES_SCHEMA as string, "utf8")).toBe(derive(sqlite));
});

it("the two schemas differ only in their provider and generated client", () => {
  const sqlite = readFileSync(SQLITE_SCHEMA as string, "utf8");
  const postgres = readFileSync(POSTGRES_SCHEMA as string, "utf8");
  expect(models(postgres)).toBe(models(sqlite));
  expect(postgres).toMatch(/provider = "postgresql"/);
  expect(postgres).toMatch(/output\s+= "\.\.\/\.\.\/generated\/prisma-pg"/);
});
