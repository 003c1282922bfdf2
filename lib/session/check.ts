// The last line of defence of a live session: before a change replaces the session's value, the
// new value is checked — every part that changed parses with its schema, no record has a key a
// prototype could answer, the version moves by at most one — so that no bug in a rule, however
// unlikely, can leave a broken state in memory or let a later write store one. A failed check
// refuses the change (`internal`) and nothing changes. Only what changed is parsed (by reference:
// values are immutable), so a slider drag in a class of 1 000 costs one small parse.
import type { z } from "zod";
import { labStateSchema } from "../network/ops";
import { activityRecordSchema, submissionSchema } from "../network-activity/model";
import { roundRecordSchema, storedAnswerSchema } from "../rounds/engine";
import { scoredAnswerSchema, standingSchema } from "../rounds/scoring";
import { own } from "../own";
import { serverDataSchema, tokenHashSchema, type SessionValue } from "./authority";
import { raceEntrySchema } from "../race/model";
import { raceBook } from "./race";
import type { RoundWrites } from "./rounds";
import { keySchema, participantSchema, sessionStateSchema, type SessionState } from "./state";

const stateFields: Readonly<Record<string, z.ZodType>> = sessionStateSchema.shape;
const serverCoreSchema = serverDataSchema.omit({ resumeTokens: true });

/** What is wrong with committing `next` after `previous` (and `rows`), or null: nothing. */
export function transitionProblem(
  previous: SessionValue,
  next: SessionValue,
  rows: RoundWrites | null = null,
): string | null {
  const before = previous.state;
  const state = next.state;
  if (state.version !== before.version && state.version !== before.version + 1) {
    return `version ${before.version} → ${state.version}`;
  }
  if (state.code !== before.code) return "code changed";
  const problem =
    changedFields(before, state) ??
    changedItems("participants", participantSchema, before.participants, state.participants) ??
    changedEntries("sandboxes", labStateSchema, before.sandboxes, state.sandboxes) ??
    uniqueIds(before.participants, state.participants);
  if (problem) return problem;
  if (next.server !== previous.server) {
    const { resumeTokens, ...serverCore } = next.server;
    const server =
      issue("server", serverCoreSchema, serverCore) ??
      changedEntries("resumeTokens", tokenHashSchema, previous.server.resumeTokens, resumeTokens);
    if (server) return server;
  }
  const rounds = roundsProblem(previous, next) ?? raceProblem(previous, next, rows);
  if (rounds) return rounds;
  for (const record of rows?.records ?? []) {
    const found = issue("round record", roundRecordSchema, record);
    if (found) return found;
  }
  for (const { participantId, answer } of rows?.answers ?? []) {
    const found = issue("answer", keySchema, participantId) ?? issue("answer", storedAnswerSchema, answer);
    if (found) return found;
  }
  return activityProblem(previous, next, rows);
}

/** "Be the network": the record if it changed, the submissions added, the rows to write. */
function activityProblem(previous: SessionValue, next: SessionValue, rows: RoundWrites | null): string | null {
  const before = previous.activity ?? null;
  const book = next.activity ?? null;
  if (book && book !== before) {
    if (book.record !== before?.record) {
      const found = issue("activity", activityRecordSchema, book.record);
      if (found) return found;
    }
    const known = before && before.record.id === book.record.id ? before.submissions.length : 0;
    for (const submission of book.submissions.slice(known)) {
      const found = issue("activity submission", submissionSchema, submission);
      if (found) return found;
    }
  }
  for (const record of rows?.activities ?? []) {
    const found = issue("activity record", activityRecordSchema, record);
    if (found) return found;
  }
  for (const { submission } of rows?.submissions ?? []) {
    const found = issue("submission", submissionSchema, submission);
    if (found) return found;
  }
  return null;
}

function roundsProblem(previous: SessionValue, next: SessionValue): string | null {
  const before = previous.rounds;
  const book = next.rounds;
  if (book === before) return null;
  if (book.current !== before.current && book.current !== null) {
    const found = issue("round", roundRecordSchema, book.current);
    if (found) return found;
  }
  if (book.answers !== before.answers) {
    for (const [id, answer] of book.answers.changedSince(before.answers)) {
      const found = issue("answers", keySchema, id) ?? issue(`answers.${id}`, storedAnswerSchema, answer);
      if (found) return found;
    }
  }
  if (book.scored !== before.scored && book.scored !== null) {
    for (const scored of book.scored) {
      const found = issue("scored", scoredAnswerSchema, scored);
      if (found) return found;
    }
  }
  return book.standings === before.standings
    ? null
    : changedEntries("standings", standingSchema, before.standings, book.standings);
}

/** The race entries that changed, and the race rows to write, each parsed. */
function raceProblem(previous: SessionValue, next: SessionValue, rows: RoundWrites | null): string | null {
  const before = raceBook(previous).entries;
  const after = raceBook(next).entries;
  const changed = changedEntries("race", raceEntrySchema, before, after);
  if (changed) return changed;
  for (const row of rows?.race ?? []) {
    const found = issue("race row", keySchema, row.participantId) ?? issue("race row", raceEntrySchema, row.entry);
    if (found) return found;
  }
  return null;
}

/**
 * The state's fields that changed (by reference), each parsed with its own schema: an edit parses
 * the shared lab and the version, not the rounds or the locks. Participants and sandboxes are
 * checked item by item below.
 */
function changedFields(before: SessionState, state: SessionState): string | null {
  for (const key of Object.keys(state) as (keyof SessionState)[]) {
    if (key === "participants" || key === "sandboxes" || state[key] === before[key]) continue;
    const schema = own(stateFields, key);
    if (!schema) return `state.${key}: unknown field`;
    const found = issue(`state.${key}`, schema, state[key]);
    if (found) return found;
  }
  for (const key of ["code", "version", "mode", "shared", "locks", "spotlight", "exerciseSlug"] as const) {
    if (!Object.hasOwn(state, key)) return `state.${key}: missing`;
  }
  return null;
}

function issue(where: string, schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return null;
  const first = parsed.error.issues[0];
  return `${where}${first?.path.length ? `.${first.path.join(".")}` : ""}: ${first?.message ?? "invalid"}`;
}

/** The items of `next` not in `previous` at the same place, each parsed. */
function changedItems<T>(where: string, schema: z.ZodType, previous: readonly T[], next: readonly T[]): string | null {
  if (next === previous) return null;
  if (!Array.isArray(next)) return `${where}: not a list`;
  for (let i = 0; i < next.length; i++) {
    if (next[i] === previous[i]) continue;
    const found = issue(`${where}.${i}`, schema, next[i]);
    if (found) return found;
  }
  return null;
}

/** The entries of `next` that are new or changed since `previous`, keys and values parsed. */
function changedEntries<T>(
  where: string,
  schema: z.ZodType,
  previous: Readonly<Record<string, T>>,
  next: Readonly<Record<string, T>>,
): string | null {
  if (next === previous) return null;
  if (typeof next !== "object" || next === null) return `${where}: not a record`;
  if (Object.hasOwn(next, "__proto__")) return `${where}: __proto__ is not a usable key`;
  for (const [key, value] of Object.entries(next)) {
    if (own(previous, key) === value) continue;
    const found = issue(where, keySchema, key) ?? issue(`${where}.${key}`, schema, value);
    if (found) return found;
  }
  return null;
}

function uniqueIds(previous: readonly { id: string }[], next: readonly { id: string }[]): string | null {
  if (next === previous) return null;
  return new Set(next.map((p) => p.id)).size === next.length ? null : "participants: an id twice";
}
