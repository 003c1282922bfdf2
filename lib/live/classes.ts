// "My classes": the sessions a teacher ran in this browser (code, title, when, teacher key), and
// the file that carries them to another device. Pure: the browser's storage is lib/live/storage.ts.
// No accounts (docs/architecture.md "My classes"): whoever holds a session's teacher key is its
// teacher, so a list of keys is all a teacher needs to find every result again.
import { z } from "zod";
import { codeSchema } from "../session/protocol";
import { parseWith, type Parsed } from "../validation";

export const CLASSES_FILE_FORMAT = "activation-lab-classes/1";
/** More than a school year of lessons; an older entry drops off the end. */
export const MAX_CLASSES = 500;

export const keptClassSchema = z.strictObject({
  code: codeSchema,
  /** the lesson's title when it started (empty: not known, e.g. a key kept before the list) */
  title: z.string().max(200),
  /** when it started (ms, this browser's clock); 0: not known */
  startedAt: z.number().int().min(0),
  teacherKey: z.string().min(1).max(200),
});
export type KeptClass = z.infer<typeof keptClassSchema>;

const classesFileSchema = z.strictObject({
  format: z.literal(CLASSES_FILE_FORMAT),
  classes: z.array(keptClassSchema).max(MAX_CLASSES),
});

/**
 * One list from two: one entry per code, newest first. For a code in both, the entry of `into`
 * stays, taking the other's title or date only where its own is unknown (an imported file never
 * overwrites what this browser knows, and never loses what it does not).
 */
export function mergeClasses(into: readonly KeptClass[], from: readonly KeptClass[]): KeptClass[] {
  const byCode = new Map<string, KeptClass>();
  for (const entry of [...into, ...from]) {
    const known = byCode.get(entry.code);
    if (!known) byCode.set(entry.code, entry);
    else
      byCode.set(entry.code, {
        ...known,
        title: known.title || entry.title,
        startedAt: known.startedAt || entry.startedAt,
      });
  }
  return [...byCode.values()].sort((a, b) => b.startedAt - a.startedAt).slice(0, MAX_CLASSES);
}

/** The export file's text: the list as it is (it holds teacher keys: keep it like a password). */
export function classesFile(classes: readonly KeptClass[]): string {
  return `${JSON.stringify({ format: CLASSES_FILE_FORMAT, classes }, null, 2)}\n`;
}

/** An export file's text, checked: the classes it holds or a refusal naming what is wrong. */
export function parseClassesFile(text: string): Parsed<KeptClass[]> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: "invalid_file", message: "this is not a classes file (not JSON)" } };
  }
  const parsed = parseWith(classesFileSchema, "invalid_file", value);
  return parsed.ok ? { ok: true, value: parsed.value.classes } : parsed;
}

/** The stored list (JSON text), or [] for anything unreadable: entries that do not parse drop out. */
export function parseStoredClasses(text: string | null): KeptClass[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry) => {
      const parsed = keptClassSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
  } catch {
    return [];
  }
}
