// What a Room holds about prediction rounds besides the public `state.rounds`: the current round's
// record (with the truth), its answers, everyone's standings, and the changes not written yet.
// Like the Room's state it is changed in memory at once and written with the next write; if that
// write fails, everything returns to what was last written (nobody heard of the rest).
import {
  answerRefusal,
  leaderboardView,
  phaseOf,
  resultFor,
  roundView,
  scoreRecord,
  standingsAfterReveal,
  type RoundRecord,
  type StoredAnswer,
} from "../../lib/rounds/engine";
import { emptyRoundsView, type LeaderboardEntry, type RoundResult, type RoundsView } from "../../lib/rounds/model";
import type { RoundStatus } from "../../lib/session/protocol";
import { leaderboard, type ScoredAnswer, type Standing } from "../../lib/rounds/scoring";
import type { Participant } from "../../lib/session/rules";
import type { RoundWrites, StoredRounds } from "./store";

interface Snapshot {
  record: RoundRecord | null;
  /** the same Map as `answers` while the round is the same (undone answer by answer on failure) */
  answers: Map<string, StoredAnswer>;
  writtenAnswers: Set<string>;
  standings: Record<string, Standing>;
  scored: ScoredAnswer[] | null;
}

interface AnswerWrite {
  roundId: string;
  participantId: string;
  answer: StoredAnswer;
  previous: StoredAnswer | undefined;
}

export class RoundMemory {
  /** the round on screen (not cleared), or null */
  record: RoundRecord | null = null;
  /** its answers: participant id → answer */
  answers = new Map<string, StoredAnswer>();
  /** totals and streaks after every revealed round */
  standings: Record<string, Standing> = {};
  /** the current round's scores, once revealed */
  scored: ScoredAnswer[] | null = null;

  private written: Snapshot = this.snapshot();
  /** ids of the current round's answers that are in the database */
  private writtenAnswers = new Set<string>();
  private records: RoundRecord[] = [];
  private answerWrites: AnswerWrite[] = [];

  /** Rebuilds the memory from the database: the current round and the standings so far. */
  static load(stored: StoredRounds | undefined, currentId: string | null, participants: readonly Participant[]) {
    const memory = new RoundMemory();
    if (!stored) return memory;
    for (const record of stored.records) {
      const answers = new Map(Object.entries(stored.answers[record.id] ?? {}));
      if (record.revealedAt !== null) {
        const scored = scoreRecord(record, answers);
        const present = participants.filter((p) => p.joinedAt <= record.revealedAt!).map((p) => p.id);
        memory.standings = standingsAfterReveal(memory.standings, scored, present);
        if (record.id === currentId) memory.scored = scored;
      }
      if (record.id === currentId && record.clearedAt === null) {
        memory.record = record;
        memory.answers = answers;
        memory.writtenAnswers = new Set(answers.keys());
      }
    }
    memory.written = memory.snapshot();
    return memory;
  }

  get answeredCount(): number {
    return this.writtenAnswers.size;
  }

  /** A new round on screen (the previous one, if any, cleared first by the caller). */
  open(record: RoundRecord): void {
    this.record = record;
    this.answers = new Map();
    this.writtenAnswers = new Set();
    this.scored = null;
    this.records.push(record);
  }

  /** Replaces the current record (closed, revealed, cleared): written with the next write. */
  update(record: RoundRecord): void {
    if (this.record?.id === record.id) this.record = record;
    this.records.push(record);
  }

  /** The current round leaves the screens. */
  clear(record: RoundRecord): void {
    this.update(record);
    this.record = null;
    this.answers = new Map();
    this.writtenAnswers = new Set();
    this.scored = null;
  }

  answer(participantId: string, answer: StoredAnswer): void {
    const record = this.record;
    if (!record) throw new Error("no round to answer");
    this.answerWrites.push({ roundId: record.id, participantId, answer, previous: this.answers.get(participantId) });
    this.answers.set(participantId, answer);
  }

  refusal(roundId: string, now: number) {
    return answerRefusal(this.record, roundId, now);
  }

  /** Scores the current round and adds it to the standings. */
  reveal(record: RoundRecord, participants: readonly Participant[]): ScoredAnswer[] {
    this.update(record);
    const scored = scoreRecord(record, this.answers);
    this.scored = scored;
    this.standings = standingsAfterReveal(
      this.standings,
      scored,
      participants.map((p) => p.id),
    );
    return scored;
  }

  /** The public view of the rounds with the current record and the given leaderboard settings. */
  view(base: RoundsView | undefined, participants: readonly Participant[], settings?: Partial<Settings>): RoundsView {
    const before = base ?? emptyRoundsView();
    const shown = settings?.shown ?? before.leaderboard.shown;
    const anonymous = settings?.anonymous ?? before.leaderboard.anonymous;
    return {
      ...before,
      current: this.record ? roundView(this.record, this.answers) : null,
      leaderboard: leaderboardView(this.presentStandings(participants), namesOf(participants), { shown, anonymous }),
    };
  }

  /** The whole leaderboard with names (the teacher's). */
  board(participants: readonly Participant[]): LeaderboardEntry[] {
    const names = namesOf(participants);
    return leaderboard(this.presentStandings(participants)).map((row) => ({
      rank: row.rank,
      participantId: row.participantId,
      name: names.get(row.participantId) ?? "?",
      total: row.total,
      streak: row.streak,
    }));
  }

  /**
   * The current round as written (never a change nobody has heard of, such as a reveal still being
   * written): how many answered, time left, and for a student their own answer and result.
   */
  status(participantId: string | null, participants: readonly Participant[], now: number): RoundStatus | null {
    const { record, answers, writtenAnswers, scored, standings } = this.written;
    if (!record) return null;
    const phase = phaseOf(record);
    const status: RoundStatus = {
      roundId: record.id,
      answered: writtenAnswers.size,
      remainingMs: record.closesAt === null || phase !== "open" ? null : Math.max(0, record.closesAt - now),
    };
    if (participantId !== null) {
      const mine = answers.get(participantId);
      status.mine = mine ? { value: mine.value, at: mine.at } : null;
      if (phase === "revealed" && scored) {
        const present = presentStandings(standings, participants);
        status.result = resultFor(participantId, record.id, scored, present, rankMap(present));
      }
    }
    return status;
  }

  /** Every student's result in the current round (at the reveal). */
  results(participants: readonly Participant[]): { participantId: string; result: RoundResult }[] {
    const record = this.record;
    const scored = this.scored;
    if (!record || !scored) return [];
    const present = this.presentStandings(participants);
    const rankOf = rankMap(present);
    return participants.map((p) => ({
      participantId: p.id,
      result: resultFor(p.id, record.id, scored, present, rankOf),
    }));
  }

  // ---- writing --------------------------------------------------------------------------------

  /** The changes not written yet, handed to one write; `done` or `failed` tells how it went. */
  take(): { writes: RoundWrites | null; done(): void; failed(): void } {
    const records = dedupe(this.records);
    const answers = this.answerWrites;
    this.records = [];
    this.answerWrites = [];
    const mark = this.snapshot();
    const writes =
      records.length > 0 || answers.length > 0
        ? {
            records,
            answers: answers.map(({ roundId, participantId, answer }) => ({ roundId, participantId, answer })),
          }
        : null;
    return {
      writes,
      done: () => {
        this.written = mark;
        for (const a of answers) if (a.roundId === this.record?.id) this.writtenAnswers.add(a.participantId);
      },
      failed: () => {
        // everything since the last successful write is refused: back to what was written
        const undo = [...answers, ...this.answerWrites].reverse();
        this.records = [];
        this.answerWrites = [];
        ({
          record: this.record,
          answers: this.answers,
          writtenAnswers: this.writtenAnswers,
          standings: this.standings,
          scored: this.scored,
        } = this.written);
        for (const a of undo) {
          if (a.roundId !== this.record?.id) continue;
          if (a.previous) this.answers.set(a.participantId, a.previous);
          else this.answers.delete(a.participantId);
        }
      },
    };
  }

  private snapshot(): Snapshot {
    return {
      record: this.record,
      answers: this.answers,
      writtenAnswers: this.writtenAnswers,
      standings: this.standings,
      scored: this.scored,
    };
  }

  private presentStandings(participants: readonly Participant[]): Record<string, Standing> {
    return presentStandings(this.standings, participants);
  }
}

/** Standings of the students still in the session (a removed student leaves the board). */
function presentStandings(
  standings: Readonly<Record<string, Standing>>,
  participants: readonly Participant[],
): Record<string, Standing> {
  const present: Record<string, Standing> = {};
  for (const p of participants) {
    const standing = standings[p.id];
    if (standing) present[p.id] = standing;
  }
  return present;
}

function rankMap(standings: Readonly<Record<string, Standing>>): Map<string, number> {
  return new Map(leaderboard(standings).map((row) => [row.participantId, row.rank]));
}

interface Settings {
  shown: boolean;
  anonymous: boolean;
}

function namesOf(participants: readonly Participant[]): Map<string, string> {
  return new Map(participants.map((p) => [p.id, p.name]));
}

/** The last version of each record, in first-seen order. */
function dedupe(records: readonly RoundRecord[]): RoundRecord[] {
  const byId = new Map<string, RoundRecord>();
  for (const record of records) {
    byId.delete(record.id);
    byId.set(record.id, record);
  }
  return [...byId.values()].sort((a, b) => a.number - b.number);
}
