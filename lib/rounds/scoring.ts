// Scoring of prediction rounds: points by closeness, a small optional speed bonus, streaks, and
// a leaderboard where ties share a rank. Pure: the server scores, the report re-reads the same.
import type { Tolerance } from "../exercise/schema";

export const MAX_POINTS = 1000;
/** the speed bonus is at most this share of the points earned */
export const SPEED_BONUS_SHARE = 0.1;
/** a round counts for a streak when it earns at least this many closeness points */
export const STREAK_THRESHOLD = 500;
export const DEFAULT_TOLERANCE: Tolerance = { full: 0.01, zero: 0.5 };

/**
 * Closeness points: full points within `tolerance.full` of the truth, none from
 * `tolerance.zero` on, falling linearly in between.
 */
export function closenessPoints(answer: number, truth: number, tolerance: Tolerance = DEFAULT_TOLERANCE): number {
  const error = Math.abs(answer - truth);
  if (!Number.isFinite(error)) return 0;
  if (error <= tolerance.full) return MAX_POINTS;
  if (error >= tolerance.zero) return 0;
  const share = (tolerance.zero - error) / (tolerance.zero - tolerance.full);
  return Math.round(MAX_POINTS * share);
}

/**
 * Speed bonus: up to SPEED_BONUS_SHARE of the earned points, shrinking linearly from the
 * round's opening to its close (or to `window` ms after opening when it has no time limit).
 * A wrong answer earns no bonus however fast it was.
 */
export function speedBonus(points: number, answeredAfterMs: number, windowMs: number): number {
  if (points <= 0 || windowMs <= 0) return 0;
  const left = Math.min(1, Math.max(0, 1 - answeredAfterMs / windowMs));
  return Math.round(points * SPEED_BONUS_SHARE * left);
}

export interface ScoredAnswer {
  participantId: string;
  value: number;
  error: number;
  points: number;
  bonus: number;
}

export interface ScoreOptions {
  truth: number;
  tolerance?: Tolerance;
  speedBonus: boolean;
  openedAt: number;
  /** end of the speed window: the time limit's end, or opening + 60 s */
  windowEndsAt: number;
}

export function scoreAnswers(
  answers: Readonly<Record<string, { value: number; at: number }>>,
  options: ScoreOptions,
): ScoredAnswer[] {
  const windowMs = options.windowEndsAt - options.openedAt;
  return Object.entries(answers).map(([participantId, answer]) => {
    const points = closenessPoints(answer.value, options.truth, options.tolerance);
    return {
      participantId,
      value: answer.value,
      error: answer.value - options.truth,
      points,
      bonus: options.speedBonus ? speedBonus(points, answer.at - options.openedAt, windowMs) : 0,
    };
  });
}

export interface Standing {
  total: number;
  streak: number;
  bestStreak: number;
  rounds: number;
}

/** Adds one round's scores to the standings; who did not answer loses their streak. */
export function addRound(
  standings: Readonly<Record<string, Standing>>,
  scored: readonly ScoredAnswer[],
  participants: readonly string[],
): Record<string, Standing> {
  const next: Record<string, Standing> = {};
  const byId = new Map(scored.map((s) => [s.participantId, s]));
  for (const id of new Set([...participants, ...Object.keys(standings)])) {
    const before = standings[id] ?? { total: 0, streak: 0, bestStreak: 0, rounds: 0 };
    const score = byId.get(id);
    if (!score) {
      next[id] = { ...before, streak: 0 };
      continue;
    }
    const streak = score.points >= STREAK_THRESHOLD ? before.streak + 1 : 0;
    next[id] = {
      total: before.total + score.points + score.bonus,
      streak,
      bestStreak: Math.max(before.bestStreak, streak),
      rounds: before.rounds + 1,
    };
  }
  return next;
}

export interface LeaderboardRow {
  rank: number;
  participantId: string;
  total: number;
  streak: number;
}

/** Sorted by total; equal totals share a rank (1, 2, 2, 4), then ordered by id for stability. */
export function leaderboard(standings: Readonly<Record<string, Standing>>): LeaderboardRow[] {
  const sorted = Object.entries(standings)
    .map(([participantId, s]) => ({ participantId, total: s.total, streak: s.streak }))
    .sort((a, b) => b.total - a.total || a.participantId.localeCompare(b.participantId));
  const rows: LeaderboardRow[] = [];
  sorted.forEach((row, i) => {
    const previous = rows[i - 1];
    rows.push({ ...row, rank: previous && previous.total === row.total ? previous.rank : i + 1 });
  });
  return rows;
}

export interface Histogram {
  /** lower edge of the first bin */
  from: number;
  binWidth: number;
  counts: number[];
}

/** Bins numeric answers into `bins` equal bins spanning the answers and the truth. */
export function histogram(values: readonly number[], truth: number, bins = 12): Histogram {
  const all = [...values, truth].filter(Number.isFinite);
  let from = Math.min(...all);
  let to = Math.max(...all);
  if (to - from < 1e-9) {
    from -= 0.5;
    to += 0.5;
  }
  const binWidth = (to - from) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.floor((v - from) / binWidth))]! += 1;
  }
  return { from, binWidth, counts };
}
