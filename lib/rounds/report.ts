// A live session's report: every round with its truth, the spread of the answers and each
// student's answer and score; every student's totals. Built from what the database keeps
// (LiveRound, LiveAnswer, the session's participants) by a pure function, so the report page, the
// CSV and the tests read the same numbers. A round still running shows how many answered, never
// what (the report may be on a projector): its answers and truth appear once it is revealed.
import type { ActivityReport } from "../network-activity/report";
import type { LocalizedText, RoundKind, Tolerance } from "../exercise/schema";
import { neuronName } from "../lab/names";
import { own } from "../own";
import type { Participant } from "../session/rules";
import { revealOf, scoreRecord, type RoundRecord, type StoredAnswer } from "./engine";
import type { NeuronWorking, RevealView } from "./model";
import { leaderboard, standingsAfter, type Standing } from "./scoring";

export type ReportRoundStatus = "open" | "closed" | "revealed" | "cancelled";

export interface ReportAnswer {
  participantId: string;
  name: string;
  value: number;
  /** ms after the round opened */
  afterMs: number;
  /** answer − truth */
  error: number;
  points: number;
  bonus: number;
}

export interface ReportRound {
  id: string;
  number: number;
  kind: RoundKind;
  neuron: { layer: number; index: number };
  /** the neuron's name as the lab writes it (h1, o1 or its label) */
  neuronName: string;
  inputs: number[];
  prompt: LocalizedText | null;
  choices: LocalizedText[] | null;
  tolerance: Tolerance;
  speedBonus: boolean;
  timeLimitSeconds: number | null;
  scriptIndex: number | null;
  openedAt: number;
  closedAt: number | null;
  revealedAt: number | null;
  status: ReportRoundStatus;
  answered: number;
  /** revealed or cancelled rounds only */
  truth: number | null;
  working: NeuronWorking | null;
  spread: Omit<RevealView, "truth" | "working"> | null;
  /** revealed or cancelled rounds only (a cancelled round scores nothing: points 0) */
  answers: ReportAnswer[];
}

export interface ReportStudent {
  participantId: string;
  name: string;
  rank: number;
  total: number;
  /** revealed rounds this student answered */
  answered: number;
  /** of those, answers with full points */
  right: number;
  bestStreak: number;
  streak: number;
  /** the teacher removed them (their answers stay in the report) */
  removed: boolean;
}

export interface SessionReport {
  code: string;
  exerciseSlug: string | null;
  /**
   * The exercises the lesson ran, in order, each with the number of its first round (one code for
   * the whole lesson: lib/session/exercise-switch.ts); [] when it ran one exercise all along.
   */
  parts: ReportPart[];
  createdAt: number;
  endedAt: number | null;
  generatedAt: number;
  rounds: ReportRound[];
  students: ReportStudent[];
  /** "Be the network" (lib/network-activity/report.ts); absent: none ran */
  activities?: ActivityReport[];
}

export interface ReportPart {
  slug: string | null;
  title: string;
  fromRound: number;
}

export interface ReportInput {
  code: string;
  exerciseSlug: string | null;
  parts?: readonly ReportPart[];
  createdAt: number;
  endedAt: number | null;
  participants: readonly Participant[];
  records: readonly RoundRecord[];
  answers: Readonly<Record<string, Readonly<Record<string, StoredAnswer>>>>;
  now: number;
}

function statusOf(record: RoundRecord): ReportRoundStatus {
  if (record.revealedAt !== null) return "revealed";
  if (record.clearedAt !== null) return "cancelled";
  return record.closedAt !== null ? "closed" : "open";
}

export function buildReport(input: ReportInput): SessionReport {
  const names = new Map<string, string>();
  for (const record of input.records) {
    for (const [id, answer] of Object.entries(own(input.answers, record.id) ?? {})) names.set(id, answer.name);
  }
  for (const p of input.participants) names.set(p.id, p.name);
  const present = new Set(input.participants.map((p) => p.id));

  const scoredRounds: { scored: ReturnType<typeof scoreRecord>; participants: string[] }[] = [];
  const rounds = input.records.map((record): ReportRound => {
    const answers = new Map(Object.entries(own(input.answers, record.id) ?? {}));
    const status = statusOf(record);
    const q = record.question;
    const shown = status === "revealed" || status === "cancelled";
    const scored = shown ? scoreRecord(record, answers) : [];
    if (status === "revealed") {
      const at = record.revealedAt!;
      scoredRounds.push({
        scored,
        // who was in the session at the reveal (a missed round breaks a streak); removed ones count too
        participants: [...names.keys()].filter((id) => {
          const p = input.participants.find((x) => x.id === id);
          return p ? p.joinedAt <= at : answers.has(id);
        }),
      });
    }
    let spread: ReportRound["spread"] = null;
    if (shown) {
      const { truth: _truth, working: _working, ...rest } = revealOf(record, answers);
      spread = rest;
    }
    return {
      id: record.id,
      number: record.number,
      kind: q.kind,
      neuron: { layer: q.neuron.layer, index: q.neuron.index },
      neuronName: neuronName(record.network, q.neuron.layer, q.neuron.index),
      inputs: [...q.inputs],
      prompt: q.prompt ?? null,
      choices: q.choices ?? null,
      tolerance: q.tolerance,
      speedBonus: q.speedBonus,
      timeLimitSeconds: q.timeLimitSeconds ?? null,
      scriptIndex: record.scriptIndex,
      openedAt: record.openedAt,
      closedAt: record.closedAt,
      revealedAt: record.revealedAt,
      status,
      answered: answers.size,
      truth: shown ? record.truth : null,
      working: shown ? record.working : null,
      spread,
      answers: shown
        ? scored
            .map((s) => ({
              participantId: s.participantId,
              name: names.get(s.participantId) ?? "?",
              value: s.value,
              afterMs: (answers.get(s.participantId)?.at ?? record.openedAt) - record.openedAt,
              error: s.error,
              points: status === "revealed" ? s.points : 0,
              bonus: status === "revealed" ? s.bonus : 0,
            }))
            .sort((a, b) => a.name.localeCompare(b.name) || a.participantId.localeCompare(b.participantId))
        : [],
    };
  });

  const after = standingsAfter(scoredRounds);
  const standings: Record<string, Standing> = Object.fromEntries(
    [...new Set([...Object.keys(after), ...names.keys()])].map((id) => [
      id,
      own(after, id) ?? { total: 0, streak: 0, bestStreak: 0, rounds: 0 },
    ]),
  );
  const rights = new Map<string, number>();
  for (const round of scoredRounds) {
    for (const s of round.scored)
      if (s.points === 1000) rights.set(s.participantId, (rights.get(s.participantId) ?? 0) + 1);
  }
  const students = leaderboard(standings).map((row): ReportStudent => ({
    participantId: row.participantId,
    name: names.get(row.participantId) ?? "?",
    rank: row.rank,
    total: row.total,
    answered: own(standings, row.participantId)?.rounds ?? 0,
    right: rights.get(row.participantId) ?? 0,
    bestStreak: own(standings, row.participantId)?.bestStreak ?? 0,
    streak: row.streak,
    removed: !present.has(row.participantId),
  }));
  return {
    code: input.code,
    exerciseSlug: input.exerciseSlug,
    parts: (input.parts ?? []).map(({ slug, title, fromRound }) => ({ slug, title, fromRound })),
    createdAt: input.createdAt,
    endedAt: input.endedAt,
    generatedAt: input.now,
    rounds,
    students,
  };
}

/** The part (exercise) round number `n` was played in, or null when the lesson had one part. */
export function partOf(report: Pick<SessionReport, "parts">, n: number): ReportPart | null {
  if (report.parts.length < 2) return null;
  return report.parts.reduce<ReportPart | null>((found, part) => (part.fromRound <= n ? part : found), null);
}
