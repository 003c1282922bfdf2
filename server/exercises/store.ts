// The exercise library on Prisma: saved exercises plus the built-in lessons (lib/lessons), which
// are served, listed and forked like saved ones but never stored or changed. A saved exercise's
// file lives in the columns title … inputValues (JSON text for the nested parts); what the server
// adds (slug, code, author, visibility, fork link, revision) sits beside it.
//
// Concurrency: a change names the revision it was made on and is applied by one
// `UPDATE … WHERE id = ? AND revision = ?` that also bumps the revision, so of two changes made on
// the same revision exactly one lands and the other is told `conflict` (no lost update).
import {
  exerciseUrl,
  forkTitles,
  type CreatedExercise,
  type ExerciseFields,
  type ExerciseLink,
  type ExerciseList,
  type ExerciseMeta,
  type ExerciseSummary,
  type ForkFields,
  type ListQuery,
  type ListSort,
  type UpdatedExercise,
  type UpdateFields,
  type Visibility,
} from "../../lib/api/exercises";
import {
  keepAnswerKeys,
  keepSealedKeys,
  sealedCopy,
  withoutAnswerKeys,
  type SealedKeys,
} from "../../lib/exercise/answer-keys";
import type { Exercise } from "../../lib/exercise/schema";
import { LESSONS, lessonBySlug } from "../../lib/lessons";
import { Prisma } from "../../generated/prisma/client";
import type { Database } from "../db/client";
import { editKeyMatches, hashEditKey, newEditKey } from "./keys";
import {
  asVisibility,
  columns,
  lessonLink,
  lessonMeta,
  lessonTitles,
  ROW_INCLUDE,
  rowExercise,
  rowMeta,
  rowSealed,
  source,
  summary,
  type ExerciseSource,
  type Found,
  type Row,
} from "./rows";
import { looksLikeCode, newShortCode, newSlug } from "./slug";

export type { ExerciseSource } from "./rows";

export type ChangeRefusal =
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "built_in" }
  | { ok: false; reason: "wrong_edit_key" }
  | { ok: false; reason: "conflict"; revision: number };

export type ChangeResult<T> = { ok: true; value: T } | ChangeRefusal;

/** An exercise file and what the server knows about it. */
export interface StoredExercise {
  exercise: Exercise;
  meta: ExerciseMeta;
}

export interface ExerciseStore {
  /**
   * "slug → lesson or saved exercise", answered here only: a lesson or saved exercise by slug, or
   * a saved one by its short code, with every answer key (for the server's own use).
   */
  open(slugOrCode: string): Promise<ExerciseSource | null>;
  /**
   * A lesson or saved exercise by slug, or a saved one by its short code (any case). The answer
   * keys of its choice rounds only with the exercise's edit key (lib/exercise/answer-keys.ts).
   */
  get(slugOrCode: string, editKey?: string): Promise<StoredExercise | null>;
  /** Built-in lessons first, then public saved exercises. */
  list(query: ListQuery): Promise<ExerciseList>;
  /** `sealed`: keys the new exercise holds but may not serve (a saved session's) */
  create(fields: ExerciseFields, sealed?: SealedKeys): Promise<CreatedExercise>;
  /**
   * A copy with its own link and key; null: no such exercise. The source's own keys stay readable
   * in the copy only with the source's `editKey`; otherwise (and always for a built-in lesson) they
   * are sealed.
   */
  fork(slugOrCode: string, fields: ForkFields, editKey?: string): Promise<CreatedExercise | null>;
  /** The edit-key hashes of saved exercises by id (those that still exist): sealed keys' origins. */
  editKeyHashes(ids: readonly string[]): Promise<Map<string, string>>;
  update(slugOrCode: string, editKey: string | undefined, fields: UpdateFields): Promise<ChangeResult<UpdatedExercise>>;
  remove(slugOrCode: string, editKey: string | undefined): Promise<ChangeResult<{ slug: string }>>;
}

/** How often a new slug or code is drawn again when it is taken (each draw: 31⁵ or 31⁶ choices). */
const CREATE_ATTEMPTS = 8;

export function createExerciseStore({ prisma, dialect }: Pick<Database, "prisma" | "dialect">): ExerciseStore {
  async function find(slugOrCode: string): Promise<Found | null> {
    const lesson = lessonBySlug(slugOrCode);
    if (lesson) return { kind: "lesson", lesson };
    const bySlug = await prisma.exercise.findUnique({ where: { slug: slugOrCode }, include: ROW_INCLUDE });
    if (bySlug) return { kind: "saved", row: bySlug };
    if (!looksLikeCode(slugOrCode)) return null;
    const byCode = await prisma.exercise.findUnique({
      where: { code: slugOrCode.toUpperCase() },
      include: ROW_INCLUDE,
    });
    return byCode ? { kind: "saved", row: byCode } : null;
  }

  async function lessonForkCounts(slugs: readonly string[]): Promise<Map<string, number>> {
    if (slugs.length === 0) return new Map();
    const groups = await prisma.exercise.groupBy({
      by: ["forkedFromLesson"],
      where: { forkedFromLesson: { in: [...slugs] } },
      _count: { _all: true },
    });
    return new Map(groups.map((g) => [g.forkedFromLesson ?? "", g._count._all]));
  }

  /**
   * Public saved exercises whose title contains `q` (any case for ASCII; `%` and `_` are plain
   * characters, which Prisma's `contains` does not promise on SQLite), in list order.
   */
  async function publicPage(q: string, sort: ListSort, skip: number, take: number): Promise<Row[]> {
    const search = q
      ? Prisma.sql`AND ${dialect.position(Prisma.sql`lower(e."title")`, q.toLowerCase())} > 0`
      : Prisma.empty;
    const order =
      sort === "forks"
        ? Prisma.sql`(SELECT COUNT(*) FROM "Exercise" AS f WHERE f."forkedFromId" = e."id") DESC, e."createdAt" DESC, e."id" DESC`
        : Prisma.sql`e."createdAt" DESC, e."id" DESC`;
    const ids = await prisma.$queryRaw<{ id: string }[]>`
      SELECT e."id" AS id FROM "Exercise" AS e
      WHERE e."visibility" = 'public' ${search}
      ORDER BY ${order} LIMIT ${take} OFFSET ${skip}`;
    const rows = await prisma.exercise.findMany({ where: { id: { in: ids.map((r) => r.id) } }, include: ROW_INCLUDE });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap(({ id }) => byId.get(id) ?? []);
  }

  async function insert(
    fields: ExerciseFields,
    sealed: SealedKeys,
    origin: { forkedFromId?: string; forkedFromLesson?: string },
    forkedFrom: ExerciseLink | null,
  ): Promise<CreatedExercise> {
    const editKey = newEditKey();
    for (let attempt = 1; ; attempt++) {
      try {
        const row = await prisma.exercise.create({
          data: {
            ...columns(fields.exercise, sealed),
            slug: newSlug(fields.exercise.title),
            code: newShortCode(),
            authorName: fields.authorName ?? null,
            visibility: fields.visibility ?? "public",
            editKeyHash: hashEditKey(editKey),
            ...origin,
          },
        });
        return {
          id: row.id,
          slug: row.slug,
          url: exerciseUrl(row.slug),
          editKey,
          code: row.code ?? "",
          revision: row.revision,
          forkedFrom,
        };
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= CREATE_ATTEMPTS) throw error;
      }
    }
  }

  return {
    async open(slugOrCode) {
      const found = await find(slugOrCode);
      return found ? source(found) : null;
    },

    async editKeyHashes(ids) {
      if (ids.length === 0) return new Map();
      const rows = await prisma.exercise.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, editKeyHash: true },
      });
      return new Map(rows.map((row) => [row.id, row.editKeyHash]));
    },

    async get(slugOrCode, editKey) {
      const found = await find(slugOrCode);
      if (!found) return null;
      if (found.kind === "lesson") {
        const counts = await lessonForkCounts([found.lesson.slug]);
        // the lesson as bundled into the pages: its answer keys are on the server only
        return { exercise: found.lesson.exercise, meta: lessonMeta(found.lesson, counts.get(found.lesson.slug) ?? 0) };
      }
      const exercise = rowExercise(found.row);
      const owner = editKeyMatches(editKey, found.row.editKeyHash);
      return { exercise: owner ? exercise : withoutAnswerKeys(exercise), meta: rowMeta(found.row) };
    },

    async list({ q, sort, limit, offset }) {
      const needle = q.toLowerCase();
      const lessons = LESSONS.filter((lesson) => !needle || lessonTitles(lesson).some((t) => t.includes(needle)));
      const lessonPage = lessons.slice(offset, offset + limit);
      const room = limit - lessonPage.length;
      // one row more than there is room for tells whether another page follows
      const rows = await publicPage(q, sort, Math.max(0, offset - lessons.length), room + 1);
      const counts = await lessonForkCounts(lessonPage.map((lesson) => lesson.slug));
      const exercises: ExerciseSummary[] = [
        ...lessonPage.map((lesson) => summary(lesson.exercise, lessonMeta(lesson, counts.get(lesson.slug) ?? 0))),
        ...rows.slice(0, room).map((row) => summary(rowExercise(row), rowMeta(row))),
      ];
      const more = rows.length > room || offset + limit < lessons.length;
      return { exercises, nextOffset: more ? offset + limit : null };
    },

    create(fields, sealed = []) {
      return insert(fields, sealed, {}, null);
    },

    async fork(slugOrCode, fields, editKey) {
      const found = await find(slugOrCode);
      if (!found) return null;
      // a fork is a whole copy; its keys stay readable only for the source's owner, else sealed
      const from = source(found);
      const owner = from.editKeyHash !== null && editKeyMatches(editKey, from.editKeyHash);
      const copy = owner
        ? { exercise: from.exercise, sealed: from.sealed }
        : sealedCopy(from.exercise, from.sealed, from.self);
      const exercise: Exercise = structuredClone(copy.exercise);
      if (fields.title !== undefined) exercise.title = fields.title;
      else {
        // no title asked for: "… (copy 2)", so that forks are told apart in the library
        const forks =
          found.kind === "lesson"
            ? ((await lessonForkCounts([found.lesson.slug])).get(found.lesson.slug) ?? 0)
            : await prisma.exercise.count({ where: { forkedFromId: found.row.id } });
        Object.assign(exercise, forkTitles(exercise, forks + 1));
      }
      const visibility: Visibility =
        fields.visibility ?? (found.kind === "saved" ? asVisibility(found.row.visibility) : "public");
      const created = { exercise, authorName: fields.authorName ?? null, visibility };
      return found.kind === "lesson"
        ? insert(created, copy.sealed, { forkedFromLesson: found.lesson.slug }, lessonLink(found.lesson))
        : insert(
            created,
            copy.sealed,
            { forkedFromId: found.row.id },
            { slug: found.row.slug, title: found.row.title, builtIn: false },
          );
    },

    async update(slugOrCode, editKey, fields) {
      const found = await find(slugOrCode);
      if (!found) return { ok: false, reason: "not_found" };
      if (found.kind === "lesson") return { ok: false, reason: "built_in" };
      const { row } = found;
      if (!editKeyMatches(editKey, row.editKeyHash)) return { ok: false, reason: "wrong_edit_key" };
      // a page that read the exercise without its answer keys must not erase them, nor the sealed ones
      const stored = rowExercise(row);
      const exercise = keepAnswerKeys(fields.exercise, stored);
      const sealed = keepSealedKeys(exercise, stored, rowSealed(row));
      const { count } = await prisma.exercise.updateMany({
        where: { id: row.id, editKeyHash: row.editKeyHash, revision: fields.baseRevision },
        data: {
          ...columns(exercise, sealed),
          ...(fields.authorName !== undefined ? { authorName: fields.authorName } : {}),
          ...(fields.visibility !== undefined ? { visibility: fields.visibility } : {}),
          revision: { increment: 1 },
        },
      });
      if (count !== 1) {
        const current = await prisma.exercise.findUnique({ where: { id: row.id }, select: { revision: true } });
        return current
          ? { ok: false, reason: "conflict", revision: current.revision }
          : { ok: false, reason: "not_found" };
      }
      return {
        ok: true,
        value: {
          id: row.id,
          slug: row.slug,
          url: exerciseUrl(row.slug),
          code: row.code,
          revision: fields.baseRevision + 1,
        },
      };
    },

    async remove(slugOrCode, editKey) {
      const found = await find(slugOrCode);
      if (!found) return { ok: false, reason: "not_found" };
      if (found.kind === "lesson") return { ok: false, reason: "built_in" };
      const { row } = found;
      if (!editKeyMatches(editKey, row.editKeyHash)) return { ok: false, reason: "wrong_edit_key" };
      // forks stay, without their link (the relation is ON DELETE SET NULL)
      const { count } = await prisma.exercise.deleteMany({ where: { id: row.id, editKeyHash: row.editKeyHash } });
      return count === 1 ? { ok: true, value: { slug: row.slug } } : { ok: false, reason: "not_found" };
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
