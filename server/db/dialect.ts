// The SQL that differs between SQLite and PostgreSQL, for the stores' raw queries (Prisma's model
// API is the same on both). Kept to the few fragments the stores need, each with why it differs.
import { Prisma } from "../../generated/prisma/client";

export interface Dialect {
  provider: "sqlite" | "postgresql";
  /**
   * A float for a REAL / DOUBLE PRECISION column, bound as text on both: Prisma's driver adapters
   * bind a JS number with about 15 significant digits (0.41000000000000003 came back as 0.41, on
   * SQLite and on PostgreSQL alike — tests/integration/rounds-restart.test.ts), while both engines
   * convert the shortest round-trip text exactly.
   */
  real(value: number | null): Prisma.Sql;
  /** now, for a DateTime column written by a raw query (Prisma's own format on SQLite) */
  now(): Prisma.Sql;
  /** 1-based position of `needle` in `haystack` (0: absent): SQLite's instr, PostgreSQL's strpos */
  position(haystack: Prisma.Sql, needle: string): Prisma.Sql;
}

const sqlite: Dialect = {
  provider: "sqlite",
  real: (value) => Prisma.sql`${value === null ? null : String(value)}`,
  // `2026-11-28T00:53:45.262+00:00`: how Prisma itself stores a DateTime in SQLite
  now: () => Prisma.sql`${new Date().toISOString().replace("Z", "+00:00")}`,
  position: (haystack, needle) => Prisma.sql`instr(${haystack}, ${needle})`,
};

const postgresql: Dialect = {
  provider: "postgresql",
  real: (value) => Prisma.sql`${value === null ? null : String(value)}::double precision`,
  now: () => Prisma.sql`CURRENT_TIMESTAMP`,
  position: (haystack, needle) => Prisma.sql`strpos(${haystack}, ${needle})`,
};

export function dialectFor(provider: Dialect["provider"]): Dialect {
  return provider === "sqlite" ? sqlite : postgresql;
}
