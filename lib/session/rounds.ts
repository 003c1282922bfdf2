// Prediction rounds as session rules, beside lib/session/rules.ts: pure functions of (the public
// session state, the server's round book, a request, a context with the clock, the forward pass,
// an id maker and the session's script of rounds) that answer the next state, the next book, the
// change every member folds, each student's result and the rows to write — or a named refusal.
// The server's Room runs them through the same commit/rollback path as every other action; the
// browser uses `roundRefusal` to know which round controls to offer. No I/O, no clock, no state.
//
// The round book (`ServerRounds`) is what only the server may know: the round on screen with its
// truth, its answers, everyone's standings. It is a plain immutable value: a change makes a new
// one, so rolling a failed write back is keeping the old one.
import { z } from "zod";
import { resolveLocalized } from "../exercise/prompt";
import type { ScriptRound } from "../exercise/answer-keys";
import { AnswerBook } from "../rounds/answer-book";
import type { Round } from "../exercise/schema";
import { own } from "../own";
import type { RowResult } from "../network/reference";
import type { Network } from "../network/schema";
import {
  answerRefusal,
  leaderboardView,
  neuronWorking,
  phaseOf,
  resultFor,
  roundRecordSchema,
  roundView,
  scoreRecord,
  standingsAfterReveal,
  storedAnswerSchema,
  truthOf,
  type RoundRecord,
  type StoredAnswer,
} from "../rounds/engine";
import {
  checkAnswer,
  checkRound,
  emptyRoundsView,
  type LeaderboardEntry,
  type OpenRound,
  type OwnAnswer,
  type RoundQuestion,
  type RoundResult,
  type RoundsView,
} from "../rounds/model";
import { DEFAULT_TOLERANCE, leaderboard, scoredAnswerSchema, standingSchema, type Standing } from "../rounds/scoring";
import { refuse, type Refusal } from "../validation";
import type { Effect, Outcome, SessionValue } from "./authority";
import { hideAnswerList, withAnswerList } from "./answer-list";
import type { ActivityWrites } from "./network-activity";
import type { AnswerRequest, RoundRequest, RoundStatus, RoundStatusAck } from "./protocol";
import {
  applyRoundState,
  roundIsOpen,
  type Actor,
  type Participant,
  type RoundStateChange,
  type SessionState,
} from "./rules";
import type { RaceEntryWrite } from "./race";
import { keyedRecord, keySchema } from "./state";

/** A precise forward pass (the server's wasm kernel): a round's truth. */
export type ForwardPass = (net: Network, rows: readonly (readonly number[])[]) => RowResult[];

/** What only the server knows about a session's rounds. Never sent to a client. */
export const serverRoundsSchema = z.strictObject({
  /** the round on screen (not cleared) with its truth, or null */
  current: roundRecordSchema.nullable(),
  /** its answers: participant id → answer (an immutable map that is cheap to change) */
  answers: z
    .custom<AnswerBook>((value) => value instanceof AnswerBook, "not an answer book")
    .superRefine((book, ctx) => {
      for (const [id, answer] of book) {
        if (!keySchema.safeParse(id).success || !storedAnswerSchema.safeParse(answer).success) {
          ctx.addIssue({ code: "custom", path: [id], message: "not a valid answer" });
        }
      }
    }),
  /** totals and streaks after every revealed round */
  standings: keyedRecord(standingSchema),
  /** the current round's scores, once revealed */
  scored: z.array(scoredAnswerSchema).nullable(),
});
export type ServerRounds = Readonly<z.infer<typeof serverRoundsSchema>>;

export function emptyServerRounds(): ServerRounds {
  return { current: null, answers: AnswerBook.empty(), standings: {}, scored: null };
}

/** Every round of a session as stored, oldest first, with the answers each received. */
export interface StoredRounds {
  records: RoundRecord[];
  /** round id → participant id → answer */
  answers: Record<string, Record<string, StoredAnswer>>;
}

/** The rows a round change writes beside the session: whole records, and answers to insert or replace. */
export interface RoundWrites {
  records: RoundRecord[];
  answers: { roundId: string; participantId: string; answer: StoredAnswer }[];
  /** race entries to insert or replace (lib/session/race.ts) */
  race?: RaceEntryWrite[];
  /** "Be the network" rows (lib/session/network-activity.ts) */
  activities?: ActivityWrites["activities"];
  submissions?: ActivityWrites["submissions"];
}

export const NO_ROUND_WRITES: RoundWrites = Object.freeze({ records: [], answers: [] }) as RoundWrites;

/** What a round change needs besides the state: the server's clock, kernel, ids and script. */
export interface RoundContext {
  now: number;
  forward: ForwardPass;
  newId(): string;
  /** the rounds prepared for this session (`{"script": i}` opens one of them) */
  script: readonly ScriptRound[];
}

export type RoundReply = { version: number; roundId: string | null };
export type AnswerReply = { roundId: string; answer: OwnAnswer };

/**
 * May `actor` make this round request now, as far as the public state tells? The browser asks it
 * to disable controls; the server asks it first, then checks what only it knows.
 */
export function roundRefusal(state: SessionState, request: RoundRequest, actor: Actor): Refusal | null {
  if (actor.role !== "teacher") return { code: "not_allowed", message: "only the teacher runs rounds" };
  if (request.op === "open" && roundIsOpen(state)) {
    return { code: "round_open", message: "a round is open: close it first" };
  }
  return null;
}

/**
 * The teacher's open / close / reveal / clear / leaderboard: the next state and book, the
 * `roundState` change everyone folds (an `applied` effect), each student's result at a reveal.
 */
export function applyRoundRequest(
  value: SessionValue,
  request: RoundRequest,
  actor: Actor,
  context: RoundContext,
): Outcome<RoundReply> {
  const { state, rounds } = value;
  const denied = roundRefusal(state, request, actor);
  if (denied) return { ok: false, error: denied };
  switch (request.op) {
    case "open":
      return openRound(value, request.open, context);
    case "close":
    case "reveal":
    case "clear":
      return moveRound(value, request.roundId, request.op, context.now);
    case "leaderboard": {
      const settings = {
        ...(request.shown === undefined ? {} : { shown: request.shown }),
        ...(request.anonymous === undefined ? {} : { anonymous: request.anonymous }),
      };
      const view = roundsView(state.rounds, rounds, state.participants, settings);
      return changed(value, rounds, { type: "roundState", rounds: view }, rounds.current?.id ?? null);
    }
    case "answers": {
      const view = withAnswerList(roundsView(state.rounds, rounds, state.participants), request);
      return changed(value, rounds, { type: "roundState", rounds: view }, rounds.current?.id ?? null);
    }
  }
}

/**
 * A student's prediction for the open round, or a new one replacing it. Refused once the round is
 * closed (by the teacher or its time limit), for another round, and for the teacher.
 */
export function applyAnswer(
  value: SessionValue,
  request: AnswerRequest,
  actor: Actor,
  now: number,
): Outcome<AnswerReply> {
  const { state, rounds } = value;
  if (actor.role !== "student") return refuse("not_allowed", "only students answer");
  const participant = state.participants.find((p) => p.id === actor.id);
  if (!participant) return refuse("not_joined", "join the session first");
  const record = rounds.current;
  const refusal = answerRefusal(record, request.roundId, now);
  if (refusal || !record) return { ok: false, error: refusal ?? { code: "no_such_round", message: "no round" } };
  const invalid = checkAnswer(record.question, request.value);
  if (invalid) return { ok: false, error: invalid };
  const given = request.value === 0 ? 0 : request.value; // no -0
  const answer: StoredAnswer = { value: given, at: now, name: participant.name };
  const answers = rounds.answers.with(actor.id, answer);
  return {
    ok: true,
    transition: {
      value: { ...value, rounds: { ...rounds, answers } },
      writes: { records: [], answers: [{ roundId: record.id, participantId: actor.id, answer }] },
      effects: [{ type: "progress" }],
      reply: { roundId: record.id, answer: { value: given, at: now } },
    },
  };
}

function openRound(value: SessionValue, open: OpenRound, context: RoundContext): Outcome<RoundReply> {
  const { state, rounds } = value;
  let round: Round;
  let scriptIndex: number | null = null;
  if ("round" in open) {
    round = open.round;
  } else {
    const found = context.script[open.script];
    if (!found) return refuse("no_such_round", "the exercise has no such round");
    if (found.withheld) {
      return refuse(
        "answer_key_withheld",
        "this round's answer key belongs to the exercise's owner: start the session with the exercise's edit key to run it",
      );
    }
    round = structuredClone(found.round);
    if (open.tolerance) round.tolerance = open.tolerance;
    if (open.timeLimitSeconds === null) delete round.timeLimitSeconds;
    else if (open.timeLimitSeconds !== undefined) round.timeLimitSeconds = open.timeLimitSeconds;
    scriptIndex = open.script;
  }
  const net = state.shared.network;
  const misfit = checkRound(net, round);
  if (misfit) return { ok: false, error: misfit };
  const question: RoundQuestion = {
    ...round,
    // "{h1.activation}" as the network is now: the text everyone reads, kept in the report
    ...(round.prompt ? { prompt: resolveLocalized(round.prompt, net) } : {}),
    tolerance: round.tolerance ?? DEFAULT_TOLERANCE,
    speedBonus: open.speedBonus ?? false,
  };
  const [row] = context.forward(net, [round.inputs]);
  const working = row ? neuronWorking(net, round.inputs, row, round.neuron) : null;
  if (!working || !Number.isFinite(working.z) || !Number.isFinite(working.a)) {
    return refuse("invalid_round", "the neuron's value is not a finite number at these inputs");
  }
  const now = context.now;
  const records: RoundRecord[] = [];
  const previous = rounds.current;
  if (previous) records.push({ ...previous, closedAt: previous.closedAt ?? now, clearedAt: now });
  const base = state.rounds ?? emptyRoundsView();
  const record: RoundRecord = {
    id: context.newId(),
    number: base.played + 1,
    question,
    scriptIndex,
    network: structuredClone(net),
    working,
    truth: truthOf(question, working),
    openedAt: now,
    closesAt: round.timeLimitSeconds ? now + round.timeLimitSeconds * 1000 : null,
    closedAt: null,
    revealedAt: null,
    clearedAt: null,
  };
  records.push(record);
  const book: ServerRounds = { ...rounds, current: record, answers: AnswerBook.empty(), scored: null };
  const view: RoundsView = {
    ...hideAnswerList(roundsView(base, book, state.participants)),
    played: record.number,
    scriptRun: scriptIndex === null ? base.scriptRun : [...base.scriptRun, scriptIndex],
  };
  return changed(value, book, { type: "roundState", rounds: view, inputValues: [...round.inputs] }, record.id, {
    records,
  });
}

function moveRound(
  value: SessionValue,
  roundId: string,
  op: "close" | "reveal" | "clear",
  now: number,
): Outcome<RoundReply> {
  const { state, rounds } = value;
  const record = rounds.current;
  if (!record || record.id !== roundId) return refuse("no_such_round", "this round is not on screen");
  const phase = phaseOf(record);
  let book: ServerRounds;
  let moved: RoundRecord;
  let results: Result[] = [];
  if (op === "close") {
    if (phase !== "open") return refuse("round_closed", "this round is closed already");
    moved = { ...record, closedAt: now };
    book = { ...rounds, current: moved };
  } else if (op === "reveal") {
    if (phase === "revealed") return refuse("already_revealed", "this round is revealed already");
    moved = { ...record, closedAt: record.closedAt ?? now, revealedAt: now };
    const scored = scoreRecord(moved, rounds.answers);
    const standings = standingsAfterReveal(
      rounds.standings,
      scored,
      state.participants.map((p) => p.id),
    );
    book = { ...rounds, current: moved, scored, standings };
    results = resultsOf(book, state.participants);
  } else {
    moved = { ...record, closedAt: record.closedAt ?? now, clearedAt: now };
    book = { ...rounds, current: null, answers: AnswerBook.empty(), scored: null };
  }
  const view = roundsView(state.rounds, book, state.participants);
  return changed(value, book, { type: "roundState", rounds: view }, record.id, { records: [moved], results });
}

type Result = { participantId: string; result: RoundResult };

/**
 * A round change everyone folds as the next version (lib/session/rules.ts applyRoundState), then
 * each student's own result, then the progress count of the round now on screen.
 */
function changed(
  value: SessionValue,
  rounds: ServerRounds,
  change: RoundStateChange,
  roundId: string | null,
  extra: { records?: RoundRecord[]; results?: Result[] } = {},
): Outcome<RoundReply> {
  const state = applyRoundState(value.state, change);
  const effects: Effect[] = [
    { type: "applied", event: { version: state.version, action: change, by: { role: "teacher" } } },
    ...(extra.results ?? []).map(({ participantId, result }): Effect => ({
      type: "roundResult",
      participantId,
      result,
    })),
    { type: "progress" },
  ];
  return {
    ok: true,
    transition: {
      value: { ...value, state, rounds },
      writes: { records: extra.records ?? [], answers: [] },
      effects,
      reply: { version: state.version, roundId },
    },
  };
}

/** The public view of the rounds: the book's current round and the leaderboard with `settings`. */
export function roundsView(
  base: RoundsView | undefined,
  rounds: ServerRounds,
  participants: readonly Participant[],
  settings?: Partial<{ shown: boolean; anonymous: boolean }>,
): RoundsView {
  const before = base ?? emptyRoundsView();
  const shown = settings?.shown ?? before.leaderboard.shown;
  const anonymous = settings?.anonymous ?? before.leaderboard.anonymous;
  return {
    ...before,
    current: rounds.current ? roundView(rounds.current, rounds.answers) : null,
    leaderboard: leaderboardView(presentStandings(rounds.standings, participants), namesOf(participants), {
      shown,
      anonymous,
    }),
  };
}

/** Every student's result in the current round (at the reveal). */
function resultsOf(rounds: ServerRounds, participants: readonly Participant[]): Result[] {
  const record = rounds.current;
  const scored = rounds.scored;
  if (!record || !scored) return [];
  const present = presentStandings(rounds.standings, participants);
  const rankOf = rankMap(present);
  return participants.map((p) => ({
    participantId: p.id,
    result: resultFor(p.id, record.id, scored, present, rankOf),
  }));
}

/**
 * The current round's progress for `actor`, from what has been written (never a change nobody has
 * heard of, such as a reveal still being written): how many answered, time left, and for a
 * student their own answer and result; the teacher also gets the whole leaderboard.
 */
export function roundStatus(
  state: SessionState,
  rounds: ServerRounds,
  actor: Actor,
  now: number,
): Extract<RoundStatusAck, { ok: true }> {
  const answer: Extract<RoundStatusAck, { ok: true }> = {
    ok: true,
    serverNow: now,
    round: statusOf(rounds, actor.role === "student" ? actor.id : null, state.participants, now),
  };
  if (actor.role === "teacher") answer.board = boardOf(rounds, state.participants);
  return answer;
}

function statusOf(
  rounds: ServerRounds,
  participantId: string | null,
  participants: readonly Participant[],
  now: number,
): RoundStatus | null {
  const { current: record, answers, scored, standings } = rounds;
  if (!record) return null;
  const phase = phaseOf(record);
  const status: RoundStatus = {
    roundId: record.id,
    answered: answers.size,
    remainingMs: record.closesAt === null || phase !== "open" ? null : Math.max(0, record.closesAt - now),
  };
  if (participantId === null) {
    // the teacher follows who answered what (the projector shows none of it)
    status.answers = [...answers].map(([id, answer]) => ({ participantId: id, value: answer.value }));
    status.preview = record.truth;
  } else {
    const mine = answers.get(participantId);
    status.mine = mine ? { value: mine.value, at: mine.at } : null;
    if (phase === "revealed" && scored) {
      const present = presentStandings(standings, participants);
      status.result = resultFor(participantId, record.id, scored, present, rankMap(present));
    }
  }
  return status;
}

/** The whole leaderboard with names (the teacher's). */
function boardOf(rounds: ServerRounds, participants: readonly Participant[]): LeaderboardEntry[] {
  const names = namesOf(participants);
  return leaderboard(presentStandings(rounds.standings, participants)).map((row) => ({
    rank: row.rank,
    participantId: row.participantId,
    name: names.get(row.participantId) ?? "?",
    total: row.total,
    streak: row.streak,
  }));
}

/** How many have answered the open round, for `roundProgress` (null: no round on screen). */
export function roundProgress(rounds: ServerRounds): { roundId: string; answered: number } | null {
  return rounds.current ? { roundId: rounds.current.id, answered: rounds.answers.size } : null;
}

/** Rebuilds the book from storage: the round on screen (`currentId`) and the standings so far. */
export function loadServerRounds(
  stored: StoredRounds | undefined,
  currentId: string | null,
  participants: readonly Participant[],
): ServerRounds {
  let book = emptyServerRounds();
  if (!stored) return book;
  for (const record of stored.records) {
    const answers = AnswerBook.from(Object.entries(own(stored.answers, record.id) ?? {}));
    if (record.revealedAt !== null) {
      const revealedAt = record.revealedAt;
      const scored = scoreRecord(record, answers);
      const present = participants.filter((p) => p.joinedAt <= revealedAt).map((p) => p.id);
      book = { ...book, standings: standingsAfterReveal(book.standings, scored, present) };
      if (record.id === currentId) book = { ...book, scored };
    }
    if (record.id === currentId && record.clearedAt === null) book = { ...book, current: record, answers };
  }
  return book;
}

/** The round writes of several changes as one: the last version of each record and each answer. */
export function mergeRoundWrites(all: readonly RoundWrites[]): RoundWrites {
  const records = new Map<string, RoundRecord>();
  const answers = new Map<string, RoundWrites["answers"][number]>();
  const race = new Map<string, RaceEntryWrite>();
  for (const writes of all) {
    for (const row of writes.race ?? []) {
      const key = JSON.stringify([row.raceId, row.participantId]);
      race.delete(key);
      race.set(key, row);
    }
    for (const record of writes.records) {
      records.delete(record.id);
      records.set(record.id, record);
    }
    for (const answer of writes.answers) {
      const key = JSON.stringify([answer.roundId, answer.participantId]);
      answers.delete(key);
      answers.set(key, answer);
    }
  }
  const merged: RoundWrites = {
    records: [...records.values()].sort((a, b) => a.number - b.number),
    answers: [...answers.values()],
    ...(race.size > 0 ? { race: [...race.values()] } : {}),
  };
  const activities = mergeById(all.flatMap((writes) => writes.activities ?? []));
  const submissions = all.flatMap((writes) => writes.submissions ?? []);
  if (activities.length > 0) merged.activities = activities;
  if (submissions.length > 0) merged.submissions = submissions;
  return merged;
}

/** The last version of each record, in the order of their last change. */
function mergeById<T extends { id: string }>(records: readonly T[]): T[] {
  const last = new Map<string, T>();
  for (const record of records) {
    last.delete(record.id);
    last.set(record.id, record);
  }
  return [...last.values()];
}

/** Standings of the students still in the session (a removed student leaves the board). */
function presentStandings(
  standings: Readonly<Record<string, Standing>>,
  participants: readonly Participant[],
): Record<string, Standing> {
  return Object.fromEntries(
    participants.flatMap((p): [string, Standing][] => {
      const standing = own(standings, p.id);
      return standing ? [[p.id, standing]] : [];
    }),
  );
}

function rankMap(standings: Readonly<Record<string, Standing>>): Map<string, number> {
  return new Map(leaderboard(standings).map((row) => [row.participantId, row.rank]));
}

function namesOf(participants: readonly Participant[]): Map<string, string> {
  return new Map(participants.map((p) => [p.id, p.name]));
}
