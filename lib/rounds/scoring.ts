// Scoring of prediction rounds: points by closeness, a small optional speed bonus, streaks, and
// a leaderboard where ties share a rank. Pure: the server scores, the report re-reads the same.
import { z } from "zod";
import type { RoundKind, Tolerance } from "../exercise/schema";
import { own } from "../own";
import type { RoundHistogram } from "./model";

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

export const scoredAnswerSchema = z.strictObject({
  participantId: z.string().min(1).max(64),
  value: z.number(),
  error: z.number(),
  points: z.number().min(0),
  bonus: z.number().min(0),
});
export type ScoredAnswer = z.infer<typeof scoredAnswerSchema>;

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

export const standingSchema = z.strictObject({
  total: z.number().min(0),
  streak: z.number().int().min(0),
  bestStreak: z.number().int().min(0),
  rounds: z.number().int().min(0),
});
export type Standing = z.infer<typeof standingSchema>;

/** Adds one round's scores to the standings; who did not answer loses their streak. */
export function addRound(
  standings: Readonly<Record<string, Standing>>,
  scored: readonly ScoredAnswer[],
  participants: readonly string[],
): Record<string, Standing> {
  const byId = new Map(scored.map((s) => [s.participantId, s]));
  const next = [...new Set([...participants, ...Object.keys(standings)])].map((id): [string, Standing] => {
    const before = own(standings, id) ?? { total: 0, streak: 0, bestStreak: 0, rounds: 0 };
    const score = byId.get(id);
    if (!score) return [id, { ...before, streak: 0 }];
    const streak = score.points >= STREAK_THRESHOLD ? before.streak + 1 : 0;
    return [
      id,
      {
        total: before.total + score.points + score.bonus,
        streak,
        bestStreak: Math.max(before.bestStreak, streak),
        rounds: before.rounds + 1,
      },
    ];
  });
  return Object.fromEntries(next);
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

// ---- rounds of every kind --------------------------------------------------------------------

/** Exact kinds (fires, choice) score all or nothing; numeric kinds by closeness. */
export function roundPoints(kind: RoundKind, answer: number, truth: number, tolerance?: Tolerance): number {
  if (kind === "fires" || kind === "choice") return answer === truth ? MAX_POINTS : 0;
  return closenessPoints(answer, truth, tolerance);
}

/** Did an answer earn full points? (within the full-points tolerance, or exactly right) */
export function isRight(kind: RoundKind, answer: number, truth: number, tolerance: Tolerance = DEFAULT_TOLERANCE) {
  return roundPoints(kind, answer, truth, tolerance) === MAX_POINTS;
}

export interface RoundScoreOptions extends ScoreOptions {
  kind: RoundKind;
}

/** scoreAnswers for every kind of round: exact kinds score all or nothing, the bonus alike. */
export function scoreRound(
  answers: Readonly<Record<string, { value: number; at: number }>>,
  options: RoundScoreOptions,
): ScoredAnswer[] {
  if (options.kind === "output" || options.kind === "z") return scoreAnswers(answers, options);
  const windowMs = options.windowEndsAt - options.openedAt;
  return Object.entries(answers).map(([participantId, answer]) => {
    const points = roundPoints(options.kind, answer.value, options.truth);
    return {
      participantId,
      value: answer.value,
      error: answer.value - options.truth,
      points,
      bonus: options.speedBonus ? speedBonus(points, answer.at - options.openedAt, windowMs) : 0,
    };
  });
}

/** The median of some numbers (null for none). */
export function median(values: readonly number[]): number | null {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type { RoundHistogram };

/**
 * A histogram for a classroom: one typo like 690 must not squash every other answer into one bin.
 * The bins span the truth ± the zero-points tolerance and the answers near it: within
 * max(4·tolerance.zero, 2·|truth|, 1) of the truth and, with 8 answers or more, inside Tukey's
 * fences (1.5 interquartile ranges beyond the quartiles). Answers beyond are counted in
 * `below`/`above`.
 */
export function roundHistogram(
  values: readonly number[],
  truth: number,
  tolerance: Tolerance = DEFAULT_TOLERANCE,
  bins = 12,
): RoundHistogram {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const reach = Math.max(4 * tolerance.zero, 2 * Math.abs(truth), 1);
  let near = sorted.filter((v) => Math.abs(v - truth) <= reach);
  if (near.length >= 8) {
    const q = (p: number) => near[Math.floor(p * (near.length - 1))]!;
    const iqr = q(0.75) - q(0.25);
    const [low, high] = [q(0.25) - 1.5 * iqr, q(0.75) + 1.5 * iqr];
    near = near.filter((v) => v >= low && v <= high);
  }
  let from = Math.min(truth - tolerance.zero, near[0] ?? truth);
  let to = Math.max(truth + tolerance.zero, near.at(-1) ?? truth);
  if (!(to - from > 1e-9)) {
    from -= 0.5;
    to += 0.5;
  }
  const binWidth = (to - from) / bins;
  const counts = new Array<number>(bins).fill(0);
  let below = 0;
  let above = 0;
  for (const v of sorted) {
    if (v < from) below++;
    else if (v > to) above++;
    else counts[Math.min(bins - 1, Math.floor((v - from) / binWidth))]! += 1;
  }
  return { from, binWidth, counts, below, above };
}

/** The bin `value` is counted in (roundHistogram's own rule), or null when it falls outside. */
export function histogramBin(histogram: RoundHistogram, value: number): number | null {
  const { from, binWidth, counts } = histogram;
  const to = from + binWidth * counts.length;
  if (!Number.isFinite(value) || value < from || value > to) return null;
  return Math.min(counts.length - 1, Math.floor((value - from) / binWidth));
}

/**
 * The bars the reveal highlights: every bin that can hold a full-points answer (one within
 * `full` of the truth), and always the bin the truth itself is counted in. So an answer equal to
 * the truth is in a highlighted bar even when the truth falls exactly on the edge between two bars
 * (a bar holds its lower edge, not its upper one).
 */
export function fullPointBins(histogram: RoundHistogram, truth: number, full: number): boolean[] {
  const { from, binWidth, counts } = histogram;
  const own = histogramBin(histogram, truth);
  return counts.map((_, i) => {
    if (i === own) return true;
    const lo = from + i * binWidth;
    const hi = lo + binWidth;
    const last = i === counts.length - 1;
    return lo <= truth + full && (last ? hi >= truth - full : hi > truth - full);
  });
}

/** Standings after each revealed round in order: the leaderboard as the report rebuilds it. */
export function standingsAfter(
  rounds: readonly { scored: readonly ScoredAnswer[]; participants: readonly string[] }[],
): Record<string, Standing> {
  let standings: Record<string, Standing> = {};
  for (const round of rounds) standings = addRound(standings, round.scored, round.participants);
  return standings;
}

/** Each participant's rank in the leaderboard (ties share one). */
export function ranks(standings: Readonly<Record<string, Standing>>): Map<string, number> {
  return new Map(leaderboard(standings).map((row) => [row.participantId, row.rank]));
}
