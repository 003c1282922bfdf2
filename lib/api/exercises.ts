// The bodies and answers of the exercise library API (docs/api.md, "Exercises"). Pure: parses
// untrusted bodies and query strings into values or a named refusal with a dotted path. The
// exercise itself is always validated by parseExercise (lib/exercise/schema.ts), the one source.
import { z } from "zod";
import { EXERCISE_FORMAT, parseExercise, type Exercise, type Locale } from "../exercise/schema";
import { t } from "../i18n/translate";
import { parseWith, refuseField, type Parsed } from "../validation";

/** 1 MiB: a full-size exercise (8 layers of 16 neurons, 50 rounds with text) fits many times over. */
export const EXERCISE_BODY_LIMIT = 1024 * 1024;
/** Most entries one `GET /api/exercises` answers with. */
export const MAX_LIST_LIMIT = 50;
export const DEFAULT_LIST_LIMIT = 20;
export const VISIBILITIES = ["public", "unlisted"] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const LIST_SORTS = ["newest", "forks"] as const;
export type ListSort = (typeof LIST_SORTS)[number];
/** The header that carries an exercise's edit key on `PUT` and `DELETE`. */
export const EDIT_KEY_HEADER = "x-edit-key";
export const AUTHOR_NAME_MAX = 60;

/** The fields of an exercise file that a create or update body carries at its top level. */
const EXERCISE_KEYS = [
  "format",
  "title",
  "description",
  "locale",
  "translations",
  "network",
  "inputValues",
  "rounds",
] as const;

/** absent → undefined (update: unchanged); null or blank → null (no name) */
export const authorName = z
  .string({ error: "must be a string or null" })
  .trim()
  .max(AUTHOR_NAME_MAX, `must be at most ${AUTHOR_NAME_MAX} characters`)
  .nullable()
  .optional()
  .transform((name) => (name === undefined ? undefined : name || null));
export const visibility = z.enum(VISIBILITIES, { error: `must be one of ${VISIBILITIES.join(", ")}` });
const baseRevision = z
  .number({ error: "must be the revision number the change was made on" })
  .int("must be an integer")
  .min(1, "must be at least 1");

const createMetaSchema = z.object({ authorName, visibility: visibility.optional() });
const updateMetaSchema = z.object({ authorName, visibility: visibility.optional(), baseRevision });

export interface ExerciseFields {
  exercise: Exercise;
  /** undefined: not given (create: none; update: unchanged); null: no name */
  authorName?: string | null;
  /** undefined: not given (create: public; update: unchanged) */
  visibility?: Visibility;
}

export interface UpdateFields extends ExerciseFields {
  baseRevision: number;
}

/** `POST /api/exercises`: `{"title", "description"?, "network", "rounds"?, …, "authorName"?, "visibility"?}`. */
export function parseCreateExercise(body: unknown): Parsed<ExerciseFields> {
  const meta = parseEnvelope(body, ["authorName", "visibility"], createMetaSchema);
  if (!meta.ok) return meta;
  const exercise = parseExerciseFields(body as Record<string, unknown>);
  if (!exercise.ok) return exercise;
  return { ok: true, value: { exercise: exercise.value, ...meta.value } };
}

/** `PUT /api/exercises/:slug`: the create body plus `"baseRevision"`; it replaces the exercise. */
export function parseUpdateExercise(body: unknown): Parsed<UpdateFields> {
  const meta = parseEnvelope(body, ["authorName", "visibility", "baseRevision"], updateMetaSchema);
  if (!meta.ok) return meta;
  const exercise = parseExerciseFields(body as Record<string, unknown>);
  if (!exercise.ok) return exercise;
  return { ok: true, value: { exercise: exercise.value, ...meta.value } };
}

export interface ForkFields {
  title?: string;
  authorName?: string | null;
  visibility?: Visibility;
}

/** A new title in a request's envelope (fork, saving a session). */
export const titleField = z
  .string({ error: "must be a string" })
  .trim()
  .min(1, "must not be empty")
  .max(120, "must be at most 120 characters");

const forkSchema = z.strictObject({
  title: titleField.optional(),
  authorName,
  visibility: visibility.optional(),
});

/** `POST /api/exercises/:slug/fork`: an optional `{"title"?, "authorName"?, "visibility"?}`. */
/**
 * A fork's titles when the request names none: the source's, marked as its `n`th copy in each
 * language it has ("AND gate (copy)", "AND gate (copy 2)", "与门（副本 2）"), so that forks do not
 * pile up in the library under one name. At most 120 characters: the source's part is shortened.
 */
export function forkTitles(exercise: Exercise, n: number): Exercise {
  const mark = (title: string, locale: Locale) => {
    const suffix = n <= 1 ? t(locale, "library", "fork.copy") : t(locale, "library", "fork.copyN", { n });
    return `${title.slice(0, 120 - suffix.length).trimEnd()}${suffix}`;
  };
  const translations = exercise.translations
    ? Object.fromEntries(
        Object.entries(exercise.translations).map(([locale, text]) => [
          locale,
          text && { ...text, title: mark(text.title, locale as Locale) },
        ]),
      )
    : undefined;
  return {
    ...exercise,
    title: mark(exercise.title, exercise.locale),
    ...(translations ? { translations } : {}),
  };
}

export function parseForkRequest(body: unknown): Parsed<ForkFields> {
  if (body === undefined || body === null) return { ok: true, value: {} };
  const parsed = parseWith(forkSchema, "invalid_request", body);
  if (!parsed.ok && parsed.error.path === "title")
    return { ok: false, error: { ...parsed.error, code: "invalid_exercise" } };
  return parsed;
}

export interface ListQuery {
  q: string;
  sort: ListSort;
  limit: number;
  offset: number;
}

const listQuerySchema = z.strictObject({
  q: z.string().trim().max(120, "must be at most 120 characters").default(""),
  sort: z.enum(LIST_SORTS, { error: `must be one of ${LIST_SORTS.join(", ")}` }).default("newest"),
  limit: z.coerce
    .number({ error: "must be a number" })
    .int("must be an integer")
    .min(1, "must be at least 1")
    .max(MAX_LIST_LIMIT, `must be at most ${MAX_LIST_LIMIT}`)
    .default(DEFAULT_LIST_LIMIT),
  offset: z.coerce
    .number({ error: "must be a number" })
    .int("must be an integer")
    .min(0, "must be at least 0")
    .max(1_000_000, "must be at most 1000000")
    .default(0),
});

/** `GET /api/exercises?q=&sort=newest|forks&limit=&offset=`. */
export function parseListQuery(query: URLSearchParams): Parsed<ListQuery> {
  const raw = new Map<string, string>();
  for (const [key, value] of query) {
    if (raw.has(key)) return refuseField("invalid_query", key, "is given more than once");
    raw.set(key, value);
  }
  return parseWith(listQuerySchema, "invalid_query", Object.fromEntries(raw));
}

// ---------------------------------------------------------------------------------------------
// Answers

export interface ExerciseLink {
  slug: string;
  title: string;
  builtIn: boolean;
}

/** `GET /api/exercises/:slug/meta`: what the server knows about an exercise beyond its file. */
export interface ExerciseMeta {
  /** null for built-in lessons */
  id: string | null;
  slug: string;
  /** the short share code; null for built-in lessons */
  code: string | null;
  /** the exercise's page: `/e/{slug}` */
  url: string;
  builtIn: boolean;
  authorName: string | null;
  visibility: Visibility;
  forkedFrom: ExerciseLink | null;
  forkCount: number;
  /** 1 on creation, +1 per saved change; 0 for built-in lessons */
  revision: number;
  createdAt: string | null;
  updatedAt: string | null;
}

/** The header of `GET /api/exercises/:slug` that names the revision of the file it answers with. */
export const REVISION_HEADER = "x-exercise-revision";

export interface ExerciseSummary {
  slug: string;
  code: string | null;
  url: string;
  title: string;
  description: string;
  locale: Exercise["locale"];
  translations?: Exercise["translations"];
  builtIn: boolean;
  authorName: string | null;
  forkedFrom: ExerciseLink | null;
  forkCount: number;
  createdAt: string | null;
}

export interface ExerciseList {
  exercises: ExerciseSummary[];
  /** pass as `offset` for the next page; null on the last page */
  nextOffset: number | null;
}

/** `201` of create and fork. `editKey` is shown this once: only its hash is stored. */
export interface CreatedExercise {
  id: string;
  slug: string;
  url: string;
  editKey: string;
  code: string;
  revision: number;
  forkedFrom: ExerciseLink | null;
}

/** `200` of update. */
export interface UpdatedExercise {
  id: string;
  slug: string;
  url: string;
  code: string | null;
  revision: number;
}

export function exerciseUrl(slug: string): string {
  return `/e/${encodeURIComponent(slug)}`;
}

// ---------------------------------------------------------------------------------------------
// Files

/** An exported file's text: pretty-printed JSON with a final newline. */
export function exerciseFileText(exercise: Exercise): string {
  return JSON.stringify(exercise, null, 2) + "\n";
}

/** `relu-dead-neurons.json`; a title stands in for the slug of an exercise not saved yet. */
export function exerciseFileName(slugOrTitle: string): string {
  const name = /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slugOrTitle) ? slugOrTitle : kebab(slugOrTitle);
  return `${name || "exercise"}.json`;
}

/** Reads an imported file or pasted text: JSON, then parseExercise (refusals name the field). */
export function parseExerciseText(text: string): Parsed<Exercise> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : "parse error";
    return { ok: false, error: { code: "invalid_json", message: `not valid JSON (${detail})` } };
  }
  const parsed = parseExercise(value);
  if (!parsed.ok && parsed.error.path?.startsWith("network")) {
    return { ok: false, error: { ...parsed.error, code: "invalid_network" } };
  }
  return parsed;
}

/** Lowercase ASCII words joined by hyphens, at most 48 characters: `The seed neuron!` → `the-seed-neuron`. */
export function kebab(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
}

// ---------------------------------------------------------------------------------------------

/** Checks the body is an object whose keys are exercise fields or `metaKeys`, then parses those. */
function parseEnvelope<S extends z.ZodType>(body: unknown, metaKeys: readonly string[], schema: S): Parsed<z.infer<S>> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return { ok: false, error: { code: "invalid_request", message: "the body must be a JSON object" } };
  }
  const allowed = new Set<string>([...EXERCISE_KEYS, ...metaKeys]);
  const unknown = Object.keys(body).find((key) => !allowed.has(key));
  if (unknown !== undefined) return refuseField("invalid_request", unknown, "unknown field");
  const meta: Record<string, unknown> = {};
  for (const key of metaKeys) {
    if (Object.hasOwn(body, key)) meta[key] = (body as Record<string, unknown>)[key];
  }
  if (metaKeys.includes("baseRevision") && !("baseRevision" in meta)) {
    return refuseField("invalid_request", "baseRevision", "is required: the revision the change was made on");
  }
  return parseWith(schema, "invalid_request", meta);
}

/** The exercise fields of a body, as one exercise file through parseExercise. */
function parseExerciseFields(body: Record<string, unknown>): Parsed<Exercise> {
  if (body.title === undefined) return refuseField("invalid_exercise", "title", "is required");
  if (body.network === undefined) return refuseField("invalid_network", "network", "is required");
  const candidate: Record<string, unknown> = { format: EXERCISE_FORMAT };
  for (const key of EXERCISE_KEYS) {
    if (body[key] !== undefined) candidate[key] = body[key];
  }
  const parsed = parseExercise(candidate);
  if (!parsed.ok && parsed.error.path?.startsWith("network")) {
    return { ok: false, error: { ...parsed.error, code: "invalid_network" } };
  }
  return parsed;
}
