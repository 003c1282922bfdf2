// Writing an exercise's questions (its prediction rounds): the one pure place that says whether a
// question a teacher wrote may be kept — in the exercise editor and in the live plan alike — and
// why not, by a message key (lib/i18n/catalogs/questions.ts, en + zh-CN) with its English text
// for the server's refusals. A numeric question (a neuron's a or z, or whether a step neuron fires)
// names the neuron and the inputs: its right value is computed by the kernel when it runs, never
// typed. A multiple-choice question has its text, 2–6 options and the index of the right one
// (`answer`: the answer key, kept under lib/exercise/answer-keys.ts's rules). Plus the list moves
// the editor and the plan share. No I/O.
import { z } from "zod";
import { t, type MessageKey } from "../i18n";
import { neuronActivation } from "../network/model";
import type { Network } from "../network/schema";
import { localizedTextSchema, roundSchema, type Round } from "./schema";

export type QuestionErrorKey = Extract<MessageKey<"questions">, `error.${string}`>;

/** Why a question cannot be kept: a message key, the field it is about, its English text. */
export interface QuestionProblem {
  key: QuestionErrorKey;
  /** the field: "kind", "neuron", "inputs", "prompt", "choices", "choices.2", "answer" … */
  path: string;
  message: string;
}

export type CheckedQuestion = { ok: true; round: Round } | { ok: false; problem: QuestionProblem };

/** Most questions one exercise (or one session's plan) holds, as the exercise format allows. */
export const MAX_QUESTIONS = 50;

/** A written question, as the exercise format holds it, with what makes it askable at all. */
export const questionSchema = roundSchema.superRefine((round, ctx) => {
  const issue = (path: (string | number)[], key: QuestionErrorKey) =>
    ctx.addIssue({ code: "custom", path, message: key });
  if (round.kind === "choice") {
    const text = round.prompt ? (round.prompt.en ?? round.prompt["zh-CN"] ?? "") : "";
    if (!text.trim()) issue(["prompt"], "error.prompt");
    if (!round.choices) issue(["choices"], "error.choices");
    if (round.answer === undefined) issue(["answer"], "error.answer");
    else if (round.choices && round.answer >= round.choices.length) issue(["answer"], "error.answer");
  } else if (round.choices !== undefined || round.answer !== undefined) {
    issue(["choices"], "error.numericExtras");
  }
});

/**
 * Is `input` a question that may be kept for `network` (the network as it is when it is written;
 * null: its form only, whether it fits is asked when it opens)?
 * `keyOptional`: a choice question read without its key (the owner keeps it) may stay keyless —
 * the exercise editor's unchanged rounds; a newly written one always needs its key.
 */
export function checkQuestion(
  network: Network | null,
  input: unknown,
  options: { keyOptional?: boolean } = {},
): CheckedQuestion {
  const parsed = (options.keyOptional ? roundSchema : questionSchema).safeParse(input);
  if (!parsed.success) return { ok: false, problem: problemOf(parsed.error) };
  const round = parsed.data;
  const misfit = network ? misfitOf(network, round) : null;
  if (misfit) return { ok: false, problem: misfit };
  if (options.keyOptional && round.kind === "choice") {
    const keyless = { ...round, answer: round.answer ?? 0 };
    const problem = questionSchema.safeParse(keyless);
    if (!problem.success) return { ok: false, problem: problemOf(problem.error) };
  }
  return { ok: true, round };
}

/** Why `round` does not fit `network` (its neuron, one input value per input, "fires" of a step neuron), or null. */
function misfitOf(network: Network, round: Round): QuestionProblem | null {
  const layer = network.layers[round.neuron.layer];
  const neuron = layer?.neurons[round.neuron.index];
  if (!layer || !neuron) return problem("error.neuron", "neuron");
  if (round.inputs.length !== network.inputs.length) return problem("error.inputs", "inputs");
  if (round.kind === "fires" && neuronActivation(layer, neuron) !== "step") return problem("error.fires", "kind");
  return null;
}

function problem(key: QuestionErrorKey, path: string): QuestionProblem {
  return { key, path, message: t("en", "questions", key) };
}

const KEYS_BY_FIELD: Record<string, QuestionErrorKey> = {
  kind: "error.kind",
  neuron: "error.neuron",
  inputs: "error.input",
  prompt: "error.promptLong",
  choices: "error.choices",
  answer: "error.answer",
  tolerance: "error.tolerance",
  timeLimitSeconds: "error.timeLimit",
};

/** The first issue of a failed parse as a problem: our own keys as they are, zod's by field. */
function problemOf(error: z.ZodError): QuestionProblem {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map(String);
  const field = path[0] ?? "";
  const dotted = path.join(".");
  const own = issue?.message;
  if (own && own.startsWith("error."))
    return { key: own as QuestionErrorKey, path: dotted, message: t("en", "questions", own as QuestionErrorKey) };
  // an option that is empty (localizedTextSchema's refine) or too long
  if (field === "choices" && path.length > 1) {
    return { key: "error.choiceEmpty", path: dotted, message: t("en", "questions", "error.choiceEmpty") };
  }
  const key = KEYS_BY_FIELD[field];
  if (key) return { key, path: dotted, message: t("en", "questions", key) };
  return {
    key: "error.other",
    path: dotted,
    message: `${t("en", "questions", "error.other")} ${issue?.message ?? ""}`.trim(),
  };
}

/** A text in one language, as the question form writes it (empty: none). */
export function textIn(text: string, locale: "en" | "zh-CN"): z.infer<typeof localizedTextSchema> | undefined {
  const trimmed = text.trim();
  return trimmed ? { [locale]: trimmed } : undefined;
}

/** `list` with the item at `from` moved to `to` (both clamped into the list); the same list if nothing moves. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length) return [...list];
  const target = Math.max(0, Math.min(list.length - 1, to));
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** Is `order` the same numbers as `of`, each once, in any order? */
export function isPermutation(order: readonly number[], of: readonly number[]): boolean {
  if (order.length !== of.length) return false;
  const sorted = (list: readonly number[]) => [...list].sort((a, b) => a - b).join(",");
  return new Set(order).size === order.length && sorted(order) === sorted(of);
}
