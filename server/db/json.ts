// Reading a JSON column: the text is parsed, then checked with the schema of what it holds. A row
// that does not parse is a clear error naming the table, the row and the field — never a cast that
// lets a broken value travel on.
import type { z } from "zod";

export class StoredDataError extends Error {
  constructor(where: string, problem: string) {
    super(`${where} in the database does not parse: ${problem}`);
    this.name = "StoredDataError";
  }
}

/** `text` (a JSON column) as `schema` describes it; `where` names the row and column for the error. */
export function readJson<S extends z.ZodType>(schema: S, text: string, where: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new StoredDataError(where, error instanceof Error ? error.message : "not JSON");
  }
  return check(schema, value, where);
}

/** `value` (already read) as `schema` describes it, or a StoredDataError naming `where`. */
export function check<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw new StoredDataError(where, `${path}${issue?.message ?? "invalid"}`);
}
