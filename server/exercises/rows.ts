// Rows of the Exercise table ↔ exercise files and what the server knows about them: the one place
// that reads an exercise row (every JSON column parsed by its schema: a row that does not parse is
// an error naming it) and writes one (the columns), plus the built-in lessons' equivalents.
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import {
  exerciseUrl,
  type ExerciseLink,
  type ExerciseMeta,
  type ExerciseSummary,
  type Visibility,
} from "../../lib/api/exercises";
import { sealedKeysSchema, type KeyOrigin, type SealedKeys } from "../../lib/exercise/answer-keys";
import { EXERCISE_FORMAT, exerciseSchema, type Exercise } from "../../lib/exercise/schema";
import { lessonBySlug, type Lesson } from "../../lib/lessons";
import { check, readJson } from "../db/json";
import { lessonWithAnswerKeys } from "../lessons/answer-keys";

export const ROW_INCLUDE = {
  forkedFrom: { select: { slug: true, title: true } },
  _count: { select: { forks: true } },
} satisfies Prisma.ExerciseInclude;

export type Row = Prisma.ExerciseGetPayload<{ include: typeof ROW_INCLUDE }>;

export type Found = { kind: "lesson"; lesson: Lesson } | { kind: "saved"; row: Row };

/**
 * An exercise as the server itself uses it (to start a session): the file with its own answer keys
 * (a built-in lesson's included), the keys it holds sealed, and where its own keys were written.
 * Never served as it is.
 */
export interface ExerciseSource {
  slug: string;
  builtIn: boolean;
  exercise: Exercise;
  sealed: SealedKeys;
  /** where the exercise's own keys were written: itself */
  self: KeyOrigin;
  /** the hash of the saved exercise's edit key (null: a built-in lesson) */
  editKeyHash: string | null;
  visibility: Visibility;
}

/** The columns that hold an exercise file, and its sealed keys. */
export function columns(exercise: Exercise, sealed: SealedKeys) {
  return {
    sealedKeys: sealed.some((key) => key !== null) ? JSON.stringify(sealed) : null,
    title: exercise.title,
    description: exercise.description,
    locale: exercise.locale,
    network: JSON.stringify(exercise.network),
    rounds: JSON.stringify(exercise.rounds),
    translations: exercise.translations ? JSON.stringify(exercise.translations) : null,
    inputValues: exercise.inputValues ? JSON.stringify(exercise.inputValues) : null,
  };
}

/** An exercise found, as the server itself uses it. */
export function source(found: Found): ExerciseSource {
  if (found.kind === "lesson") {
    const { lesson } = found;
    return {
      slug: lesson.slug,
      builtIn: true,
      exercise: lessonWithAnswerKeys(lesson),
      sealed: [],
      self: { kind: "lesson", slug: lesson.slug },
      editKeyHash: null,
      visibility: "public",
    };
  }
  const { row } = found;
  return {
    slug: row.slug,
    builtIn: false,
    exercise: rowExercise(row),
    sealed: rowSealed(row),
    self: { kind: "exercise", id: row.id },
    editKeyHash: row.editKeyHash,
    visibility: asVisibility(row.visibility),
  };
}

/** The sealed keys of a row, parsed (none: an empty list). */
export function rowSealed(row: Row): SealedKeys {
  return row.sealedKeys ? readJson(sealedKeysSchema, row.sealedKeys, `exercise "${row.slug}" (sealedKeys)`) : [];
}

/** The exercise file of a row, parsed with the exercise's schema: a row that does not is an error. */
export function rowExercise(row: Row): Exercise {
  const where = `exercise "${row.slug}"`;
  const json = (column: string, text: string) => readJson(z.unknown(), text, `${where} (${column})`);
  return check(
    exerciseSchema,
    {
      format: EXERCISE_FORMAT,
      title: row.title,
      description: row.description,
      locale: row.locale,
      ...(row.translations ? { translations: json("translations", row.translations) } : {}),
      network: json("network", row.network),
      ...(row.inputValues ? { inputValues: json("inputValues", row.inputValues) } : {}),
      rounds: json("rounds", row.rounds),
    },
    where,
  );
}

export function rowMeta(row: Row): ExerciseMeta {
  const lesson = row.forkedFromLesson ? lessonBySlug(row.forkedFromLesson) : undefined;
  const forkedFrom: ExerciseLink | null = row.forkedFrom
    ? { slug: row.forkedFrom.slug, title: row.forkedFrom.title, builtIn: false }
    : lesson
      ? lessonLink(lesson)
      : null;
  return {
    id: row.id,
    slug: row.slug,
    code: row.code,
    url: exerciseUrl(row.slug),
    builtIn: false,
    authorName: row.authorName,
    visibility: asVisibility(row.visibility),
    forkedFrom,
    forkCount: row._count.forks,
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function lessonMeta(lesson: Lesson, forkCount: number): ExerciseMeta {
  return {
    id: null,
    slug: lesson.slug,
    code: null,
    url: exerciseUrl(lesson.slug),
    builtIn: true,
    authorName: null,
    visibility: "public",
    forkedFrom: null,
    forkCount,
    revision: 0,
    createdAt: null,
    updatedAt: null,
  };
}

export function lessonLink(lesson: Lesson): ExerciseLink {
  return { slug: lesson.slug, title: lesson.exercise.title, builtIn: true };
}

export function summary(exercise: Exercise, meta: ExerciseMeta): ExerciseSummary {
  return {
    slug: meta.slug,
    code: meta.code,
    url: meta.url,
    title: exercise.title,
    description: exercise.description,
    locale: exercise.locale,
    ...(exercise.translations ? { translations: exercise.translations } : {}),
    builtIn: meta.builtIn,
    authorName: meta.authorName,
    forkedFrom: meta.forkedFrom,
    forkCount: meta.forkCount,
    createdAt: meta.createdAt,
  };
}

/** A lesson's titles in every language, lowercased, for the title search. */
export function lessonTitles(lesson: Lesson): string[] {
  const { title, translations } = lesson.exercise;
  return [title, ...Object.values(translations ?? {}).map((t) => t?.title ?? "")].map((t) => t.toLowerCase());
}

export function asVisibility(value: string): Visibility {
  return value === "unlisted" ? "unlisted" : "public";
}
