// A session code as a student types it: "k7pq 2m", "K7P-Q2M" → "K7PQ2M"; null when it cannot be one.
import { codeSchema } from "../session/protocol";

export function normalizeCode(input: string): string | null {
  const compact = input.replace(/[\s\-_.]/g, "").toUpperCase();
  const parsed = codeSchema.safeParse(compact);
  return parsed.success ? parsed.data : null;
}
