// What every member may see of "Be the network", built in one place from the server's record: a
// layer's answers and agreed values once it has closed, its true values once it is revealed,
// counts only before that (lib/network-activity/model.ts, "the one rule"). Plus the debrief and
// the scores, from the same record.
import { closenessPoints, type ScoredAnswer } from "../rounds/scoring";
import { close, latestAnswers } from "./flow";
import type { ActivityBook, ActivityView, Debrief, LayerView, NeuronRef, Submission } from "./model";

/** The view of `book` that every member of the session receives. */
export function activityView(book: ActivityBook): ActivityView {
  const { record, submissions } = book;
  const layers = record.layers.map((layer, l): LayerView => {
    const neurons = record.members[l] ?? [];
    const closed = layer.closedAt !== null;
    const revealed = layer.revealedAt !== null;
    return {
      received: layer.received ? [...layer.received] : null,
      closed,
      revealed,
      passed: layer.passedAt !== null,
      answered: neurons.map((_, index) => latestAnswers(submissions, l, index).length),
      values: closed ? (layer.values ?? null) : null,
      submissions: closed ? shown(submissions, l) : null,
      truth: revealed ? (layer.truth ?? null) : null,
      ideal: revealed ? (record.ideal[l] ?? null) : null,
    };
  });
  return {
    id: record.id,
    number: record.number,
    mode: record.mode,
    calculator: record.calculator,
    tolerance: record.tolerance,
    inputs: [...record.inputs],
    members: record.members.map((layer) => layer.map((ids) => [...ids])),
    current: record.current,
    layers,
    debrief: record.finishedAt === null ? null : debrief(book),
    scored: record.scored,
  };
}

function shown(submissions: readonly Submission[], layer: number) {
  return submissions
    .filter((s) => s.layer === layer)
    .map(({ participantId, name, index, z, a, at }) => ({ participantId, name, index, z, a, at }));
}

/** Every answer that counts: each student's last one per neuron. */
function lastAnswers(book: ActivityBook): Submission[] {
  return book.record.members.flatMap((neurons, l) => neurons.flatMap((_, j) => latestAnswers(book.submissions, l, j)));
}

/**
 * The debrief: per layer how many neurons and answers were right given what the layer received
 * (a student is judged on their own arithmetic, not on the mistakes they were handed), how many
 * neurons an earlier error reached (their received values differ from the true ones), where the
 * first error was, and how much the class's output differs from the true output.
 */
export function debrief(book: ActivityBook): Debrief {
  const { record } = book;
  const tolerance = record.tolerance;
  let firstError: NeuronRef | null = null;
  const layers = record.layers.map((layer, l) => {
    const truth = layer.truth ?? [];
    const ideal = record.ideal[l] ?? [];
    let neuronsRight = 0;
    let answersRight = 0;
    let answers = 0;
    let reached = 0;
    truth.forEach((t, index) => {
      const value = layer.values?.[index] ?? null;
      if (value && close(value, t, tolerance)) neuronsRight++;
      else if (value && !firstError) firstError = { layer: l, index };
      const ideally = ideal[index];
      if (ideally && !close(t, ideally, tolerance)) reached++;
      for (const answer of latestAnswers(book.submissions, l, index)) {
        answers++;
        if (close(answer, t, tolerance)) answersRight++;
      }
    });
    return { neuronsRight, neurons: truth.length, answersRight, answers, reached };
  });
  const last = record.layers[record.layers.length - 1];
  const outputs = (record.ideal[record.ideal.length - 1] ?? []).map((ideal, index) => {
    const computed = last?.values?.[index]?.a ?? null;
    return { computed, ideal: ideal.a, difference: computed === null ? null : computed - ideal.a };
  });
  return { layers, firstError, outputs };
}

/**
 * Each student's score for the rounds' leaderboard: the mean closeness points (lib/rounds/scoring)
 * of their z and f(z) over their answers, judged given what their neuron received.
 */
export function activityScores(book: ActivityBook): ScoredAnswer[] {
  const { record } = book;
  const tolerance = { full: record.tolerance, zero: Math.max(0.5, record.tolerance * 2) };
  const byStudent = new Map<string, { points: number[]; value: number; error: number }>();
  for (const answer of lastAnswers(book)) {
    const truth = record.layers[answer.layer]?.truth?.[answer.index];
    if (!truth) continue;
    const points = (closenessPoints(answer.z, truth.z, tolerance) + closenessPoints(answer.a, truth.a, tolerance)) / 2;
    const entry = byStudent.get(answer.participantId) ?? { points: [], value: answer.a, error: 0 };
    entry.points.push(points);
    entry.value = answer.a;
    entry.error = answer.a - truth.a;
    byStudent.set(answer.participantId, entry);
  }
  return [...byStudent].map(([participantId, { points, value, error }]) => ({
    participantId,
    value,
    error,
    points: Math.round(points.reduce((sum, p) => sum + p, 0) / points.length),
    bonus: 0,
  }));
}
