// The browser's side of the exercise library API (docs/api.md, "Exercises"): typed requests,
// the edit keys this browser holds (localStorage, by slug), share links and file downloads.
import {
  EDIT_KEY_HEADER,
  exerciseFileName,
  exerciseFileText,
  REVISION_HEADER,
  type CreatedExercise,
  type ExerciseList,
  type ExerciseMeta,
  type ListSort,
  type UpdatedExercise,
  type Visibility,
} from "@/lib/api/exercises";
import { keepAnswerKeys } from "@/lib/exercise/answer-keys";
import type { Exercise } from "@/lib/exercise/schema";
import { TEACHER_KEY_HEADER } from "@/lib/session/protocol";
import type { Refusal } from "@/lib/validation";

/** A refusal from the API (or a network failure: status 0). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly refusal: Refusal,
    /** for `conflict`: the exercise's current revision */
    readonly revision?: number,
  ) {
    super(refusal.message);
    this.name = "ApiFailure";
  }
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ value: T; response: Response }> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : "the server could not be reached";
    throw new ApiFailure(0, { code: "network", message });
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const answer = (data ?? {}) as { error?: Partial<Refusal>; revision?: unknown };
    const refusal: Refusal = {
      code: answer.error?.code ?? "http_error",
      message: answer.error?.message ?? `HTTP ${response.status}`,
      ...(answer.error?.path ? { path: answer.error.path } : {}),
    };
    throw new ApiFailure(response.status, refusal, typeof answer.revision === "number" ? answer.revision : undefined);
  }
  return { value: data as T, response };
}

const exercisePath = (slug: string) => `/api/exercises/${encodeURIComponent(slug)}`;

export interface SaveOptions {
  authorName?: string;
  visibility?: Visibility;
}

/** `POST /api/exercises`: a new exercise; its edit key is remembered in this browser. */
export async function saveNewExercise(exercise: Exercise, options: SaveOptions = {}): Promise<CreatedExercise> {
  const { value } = await request<CreatedExercise>("POST", "/api/exercises", {
    ...exercise,
    ...(options.authorName?.trim() ? { authorName: options.authorName.trim() } : {}),
    ...(options.visibility ? { visibility: options.visibility } : {}),
  });
  rememberEditKey(value);
  return value;
}

/** `PUT /api/exercises/:slug` with the edit key this browser holds. */
export async function saveExerciseChanges(
  slug: string,
  exercise: Exercise,
  baseRevision: number,
  editKey: string,
): Promise<UpdatedExercise> {
  const { value } = await request<UpdatedExercise>(
    "PUT",
    exercisePath(slug),
    { ...exercise, baseRevision },
    { [EDIT_KEY_HEADER]: editKey },
  );
  return value;
}

/**
 * `POST /api/exercises/:slug/fork` (with a new title, author and visibility if given), then, if
 * `current` differs from what was forked (the user changed it on the page), saves `current` into
 * the fork with the fork's new edit key. Copying on the server keeps what the page never had: the
 * answer keys of choice rounds.
 */
export async function forkExercise(
  slug: string,
  current?: Exercise,
  options: SaveOptions & { title?: string } = {},
): Promise<CreatedExercise> {
  const body = Object.keys(options).length > 0 ? options : undefined;
  const { value: fork } = await request<CreatedExercise>("POST", `${exercisePath(slug)}/fork`, body);
  rememberEditKey(fork);
  if (!current) return fork;
  // the fork's own copy, answer keys included (its new owner holds the key); the page's copy may
  // have been read without them, and they are not the user's change
  const { value: stored } = await request<Exercise>("GET", exercisePath(fork.slug), undefined, {
    [EDIT_KEY_HEADER]: fork.editKey,
  });
  const changed = keepAnswerKeys(current, stored);
  if (sameJson(stored, changed)) return fork;
  const updated = await saveExerciseChanges(fork.slug, changed, fork.revision, fork.editKey);
  return { ...fork, revision: updated.revision };
}

/** What `POST /api/sessions/:code/exercise` answers: the new exercise, and which rounds came along. */
export type SavedFromSession = CreatedExercise & { rounds: number; droppedRounds: number };

/**
 * `POST /api/sessions/:code/exercise` with the session's teacher key: what the class built, saved
 * by the server as a new exercise (docs/protocol.md).
 */
export async function saveSessionExercise(
  code: string,
  teacherKey: string,
  fields: SaveOptions & { title: string; description: string },
): Promise<SavedFromSession> {
  const path = `/api/sessions/${encodeURIComponent(code)}/exercise`;
  return (await request<SavedFromSession>("POST", path, fields, { [TEACHER_KEY_HEADER]: teacherKey })).value;
}

/**
 * `GET /api/exercises/:slug`: the exercise file and the revision it is at; with the answer keys of
 * its choice rounds when this browser holds its edit key.
 */
export async function fetchExercise(slug: string): Promise<{ exercise: Exercise; revision: number }> {
  const { value, response } = await request<Exercise>("GET", exercisePath(slug), undefined, ownerHeaders(slug));
  return { exercise: value, revision: Number(response.headers.get(REVISION_HEADER) ?? 0) };
}

/** `GET /api/exercises/:slug/meta`. */
export async function fetchExerciseMeta(slug: string): Promise<ExerciseMeta> {
  return (await request<ExerciseMeta>("GET", `${exercisePath(slug)}/meta`)).value;
}

export interface ListOptions {
  q?: string;
  sort?: ListSort;
  offset?: number;
  limit?: number;
}

/** `GET /api/exercises`: built-in lessons first, then public exercises. */
export async function listExercises(options: ListOptions = {}): Promise<ExerciseList> {
  const query = new URLSearchParams();
  if (options.q?.trim()) query.set("q", options.q.trim());
  if (options.sort) query.set("sort", options.sort);
  if (options.offset) query.set("offset", String(options.offset));
  if (options.limit) query.set("limit", String(options.limit));
  const suffix = query.size ? `?${query}` : "";
  return (await request<ExerciseList>("GET", `/api/exercises${suffix}`)).value;
}

// ---------------------------------------------------------------------------------------------
// Edit keys: handed out once by create and fork, kept in this browser's localStorage by slug.

const KEY_PREFIX = "activation-lab:exercise-key:";

export interface HeldKey {
  editKey: string;
  code: string;
}

export function rememberEditKey({ slug, editKey, code }: { slug: string; editKey: string; code: string }): void {
  try {
    localStorage.setItem(KEY_PREFIX + slug, JSON.stringify({ editKey, code } satisfies HeldKey));
  } catch {
    // storage disabled: the exercise is saved, but changes to it cannot be saved from here later
  }
}

export function heldEditKey(slug: string): HeldKey | null {
  try {
    const text = localStorage.getItem(KEY_PREFIX + slug);
    const held: unknown = text ? JSON.parse(text) : null;
    return held && typeof held === "object" && typeof (held as HeldKey).editKey === "string" ? (held as HeldKey) : null;
  } catch {
    return null;
  }
}

/** The edit-key header for `slug` when this browser holds its key (the owner reads the whole file). */
export function ownerHeaders(slug: string): Record<string, string> {
  const held = heldEditKey(slug);
  return held ? { [EDIT_KEY_HEADER]: held.editKey } : {};
}

// ---------------------------------------------------------------------------------------------

/** The absolute link to share for a `/e/{slug}` url. */
export function shareLink(url: string): string {
  return typeof window === "undefined" ? url : new URL(url, window.location.origin).href;
}

/** Downloads the exercise file (`{slug}.json`, pretty-printed `activation-lab/exercise@1`). */
export function downloadExercise(exercise: Exercise, slug?: string): void {
  const blob = new Blob([exerciseFileText(exercise)], { type: "application/json" });
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = exerciseFileName(slug ?? exercise.title);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
