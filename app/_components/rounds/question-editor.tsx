"use client";
// Writing questions: one form (numeric — a neuron's a or z, or whether a step neuron fires, at
// given inputs; or multiple choice — text, 2–6 options, the right one) used by the exercise editor
// and by the teacher's live plan, and the exercise editor's list (edit, delete, move up / down with
// buttons, so the keyboard reorders too). Whether a question may be kept is lib/exercise/
// questions.ts's word (checkQuestion); the form shows its reason in the page's language. A numeric
// question's right value is never typed: the kernel computes it when the round opens.
import { useId, useState } from "react";
import { checkQuestion, moveItem, type QuestionProblem } from "@/lib/exercise/questions";
import type { LocalizedText, Round } from "@/lib/exercise/schema";
import { neuronName } from "@/lib/lab/names";
import { numberFieldText, parseNumberInput } from "@/lib/lab/number-input";
import { neuronActivation } from "@/lib/network/model";
import type { Network } from "@/lib/network/schema";
import { resolvePrompt } from "@/lib/exercise/prompt";
import { localized } from "@/lib/rounds/display";
import type { RoundKind } from "@/lib/rounds/model";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import shared from "./rounds.module.css";
import styles from "./questions.module.css";

const MIN_CHOICES = 2;
const MAX_CHOICES = 6;

/** Every neuron of `network` as a question may name it ("layer:index"), step neurons marked. */
export function neuronChoices(network: Network) {
  return network.layers.flatMap((layer, l) =>
    layer.neurons.map((neuron, j) => ({
      key: `${l}:${j}`,
      layer: l,
      index: j,
      name: neuronName(network, l, j),
      step: neuronActivation(layer, neuron) === "step",
    })),
  );
}

/**
 * The kinds of question a neuron can be asked: its a, its z, whether it fires (a step neuron only),
 * and — where the form can hold options — multiple choice; `kind` when it is one of them, else "output".
 */
export function kindsFor(step: boolean, kind: RoundKind, { choice }: { choice: boolean }) {
  const kinds: RoundKind[] = [
    "output",
    "z",
    ...(step ? (["fires"] as const) : []),
    ...(choice ? (["choice"] as const) : []),
  ];
  return { kinds, shownKind: kinds.includes(kind) ? kind : "output" };
}

/** The select of a question's kind (the question editor's and the ad-hoc round's). */
export function KindField(props: {
  label: string;
  kinds: readonly RoundKind[];
  value: RoundKind;
  onChange(kind: RoundKind): void;
  text(kind: RoundKind): string;
  testId: string;
  className: string | undefined;
}) {
  return (
    <label className={props.className}>
      {props.label}
      <select
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value as RoundKind)}
        data-testid={props.testId}
      >
        {props.kinds.map((k) => (
          <option key={k} value={k}>
            {props.text(k)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** One text field per network input (the round's input values as typed). */
export function InputFields({
  network,
  values,
  onChange,
  testId,
}: {
  network: Network;
  values: readonly string[];
  onChange(values: string[]): void;
  /** `${testId}-${k}` on input k */
  testId: string;
}) {
  return network.inputs.map((name, k) => (
    <label key={k} className={shared.field}>
      {name}
      <input
        className={shared.narrow}
        inputMode="decimal"
        value={values[k]}
        onChange={(e) => {
          const next = [...values];
          next[k] = e.currentTarget.value;
          onChange(next);
        }}
        data-testid={`${testId}-${k}`}
      />
    </label>
  ));
}

/** `text` written in `locale` into `before` (the other language's text stays). */
function withText(before: LocalizedText | undefined, locale: "en" | "zh-CN", text: string): LocalizedText | undefined {
  const next: LocalizedText = { ...before };
  if (text.trim()) next[locale] = text.trim();
  else delete next[locale];
  return next.en || next["zh-CN"] ? next : undefined;
}

export interface QuestionFormProps {
  network: Network;
  /** the inputs a new question starts with */
  inputValues: readonly number[];
  /** a question to change (else a new one) */
  initial?: Round;
  submitLabel: string;
  busy?: boolean;
  /** the question as checked; answers a refusal's text to show, or null when it was taken */
  onSubmit(round: Round): Promise<string | null> | string | null;
  onCancel?(): void;
  testId?: string;
}

export function QuestionForm({
  network,
  inputValues,
  initial,
  submitLabel,
  busy = false,
  onSubmit,
  onCancel,
  testId = "question-form",
}: QuestionFormProps) {
  const qt = useT("questions");
  const { locale } = useLocale();
  const id = useId();
  const neurons = neuronChoices(network);
  const [picked, setPicked] = useState(
    initial ? `${initial.neuron.layer}:${initial.neuron.index}` : (neurons.at(-1)?.key ?? "0:0"),
  );
  const [kind, setKind] = useState<RoundKind>(initial?.kind ?? "output");
  const [inputs, setInputs] = useState<string[]>(() => (initial?.inputs ?? inputValues).map(numberFieldText));
  const [prompt, setPrompt] = useState(localized(initial?.prompt, locale) ?? "");
  const [choices, setChoices] = useState<string[]>(() =>
    initial?.choices ? initial.choices.map((c) => localized(c, locale) ?? "") : ["", ""],
  );
  const [answer, setAnswer] = useState<number | null>(initial?.answer ?? null);
  const [problem, setProblem] = useState<string | null>(null);
  const keyless = initial?.kind === "choice" && initial.answer === undefined;

  const neuron = neurons.find((n) => n.key === picked);
  const { kinds, shownKind } = kindsFor(neuron?.step ?? false, kind, { choice: true });
  const values = network.inputs.map((_, k) => inputs[k] ?? numberFieldText(inputValues[k] ?? 0));

  const build = (): Round | QuestionProblem => {
    const parsed = values.map((text) => parseNumberInput(text, -1000, 1000));
    if (parsed.some((p) => !p.ok)) return { key: "error.input", path: "inputs", message: "" };
    const round: Round = {
      ...(initial?.tolerance ? { tolerance: initial.tolerance } : {}),
      ...(initial?.timeLimitSeconds ? { timeLimitSeconds: initial.timeLimitSeconds } : {}),
      kind: shownKind,
      neuron: { layer: neuron?.layer ?? -1, index: neuron?.index ?? -1 },
      inputs: parsed.map((p) => (p.ok ? p.value : 0)),
    };
    const text = withText(initial?.prompt, locale, prompt);
    if (text) round.prompt = text;
    if (shownKind === "choice") {
      round.choices = choices.map((c, i) => withText(initial?.choices?.[i], locale, c) ?? { en: "" });
      if (answer !== null) round.answer = answer;
    }
    const checked = checkQuestion(network, round);
    return checked.ok ? checked.round : checked.problem;
  };

  const submit = async () => {
    const built = build();
    if ("key" in built) {
      setProblem(qt(built.key));
      return;
    }
    setProblem(null);
    const refused = await onSubmit(built);
    if (refused) setProblem(refused);
  };

  return (
    <form
      className={shared.form}
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className={shared.fields}>
        <KindField
          className={shared.field}
          label={qt("form.kind")}
          kinds={kinds}
          value={shownKind}
          onChange={setKind}
          text={(k) => qt(`form.kind.${k}`)}
          testId="question-kind"
        />
        <label className={shared.field}>
          {qt("form.neuron")}
          <select value={picked} onChange={(e) => setPicked(e.currentTarget.value)} data-testid="question-neuron">
            {neurons.map((n) => (
              <option key={n.key} value={n.key}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className={styles.group}>
        <legend>{qt("form.inputs")}</legend>
        <div className={shared.fields}>
          <InputFields network={network} values={values} onChange={setInputs} testId="question-input" />
        </div>
      </fieldset>
      <label className={shared.field}>
        {shownKind === "choice" ? qt("form.prompt") : qt("form.promptOptional")}
        <input
          className={styles.wide}
          value={prompt}
          maxLength={2000}
          onChange={(e) => setPrompt(e.currentTarget.value)}
          data-testid="question-prompt"
        />
      </label>
      {shownKind === "choice" && (
        <fieldset className={styles.group}>
          <legend>{qt("form.right")}</legend>
          {keyless && answer === null && <p className={shared.muted}>{qt("form.keyWithheld")}</p>}
          <ol className={styles.choices}>
            {choices.map((text, i) => (
              <li key={i}>
                <input
                  type="radio"
                  name={`${id}-answer`}
                  checked={answer === i}
                  onChange={() => setAnswer(i)}
                  aria-label={qt("form.rightAria", { n: i + 1 })}
                  data-testid={`question-right-${i}`}
                />
                <input
                  className={styles.wide}
                  value={text}
                  maxLength={2000}
                  aria-label={qt("form.choice", { n: i + 1 })}
                  placeholder={qt("form.choice", { n: i + 1 })}
                  onChange={(e) => {
                    const next = [...choices];
                    next[i] = e.currentTarget.value;
                    setChoices(next);
                  }}
                  data-testid={`question-choice-${i}`}
                />
                {choices.length > MIN_CHOICES && (
                  <button
                    type="button"
                    className={styles.small}
                    aria-label={qt("form.removeChoice", { n: i + 1 })}
                    onClick={() => {
                      setChoices(choices.filter((_, j) => j !== i));
                      setAnswer(answer === null || answer === i ? null : answer > i ? answer - 1 : answer);
                    }}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ol>
          {choices.length < MAX_CHOICES && (
            <button
              type="button"
              className={styles.small}
              onClick={() => setChoices([...choices, ""])}
              data-testid="question-add-choice"
            >
              {qt("form.addChoice")}
            </button>
          )}
        </fieldset>
      )}
      {problem && (
        <p className={shared.error} role="alert" data-testid="question-problem">
          {problem}
        </p>
      )}
      <div className={shared.row}>
        <button type="submit" className={shared.primary} disabled={busy} data-testid="question-submit">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className={shared.button} onClick={onCancel}>
            {qt("form.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** One line about a question: its kind, its neuron, its text (prompts as the network is now). */
export function QuestionSummary({ round, network }: { round: Round; network: Network }) {
  const qt = useT("questions");
  const { locale } = useLocale();
  const text = localized(round.prompt, locale);
  const layer = network.layers[round.neuron.layer];
  const name = layer?.neurons[round.neuron.index] ? neuronName(network, round.neuron.layer, round.neuron.index) : "?";
  return (
    <span className={styles.summary}>
      <span className={styles.kind}>{qt(`form.kind.${round.kind}`)}</span> · {name}
      {text ? <> — {resolvePrompt(text, network)}</> : null}
    </span>
  );
}

export interface QuestionListProps {
  network: Network;
  inputValues: readonly number[];
  rounds: readonly Round[];
  onChange(rounds: Round[]): void;
}

/**
 * The exercise editor's questions: add, edit, delete, move up / down. Changes stay on the page
 * until the exercise is saved (they are part of the exercise the save buttons write).
 */
export function QuestionList({ network, inputValues, rounds, onChange }: QuestionListProps) {
  const qt = useT("questions");
  /** the question being written: its index, or "new" */
  const [editing, setEditing] = useState<number | "new" | null>(null);
  // drawn once opened: the lesson's own question list above stays the one place its texts are read
  const [open, setOpen] = useState(false);
  return (
    <details className={styles.card} data-testid="question-list" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className={styles.title}>{qt("list.count", { n: rounds.length })}</summary>
      {open && (
        <>
          <p className={shared.muted}>{qt("list.hint")}</p>
          {rounds.length === 0 && <p className={shared.muted}>{qt("list.empty")}</p>}
          <ol className={styles.list}>
            {rounds.map((round, i) => {
              const fits = checkQuestion(network, round, { keyOptional: true });
              return (
                <li key={i} className={styles.item} data-testid={`question-${i}`}>
                  {editing === i ? (
                    <QuestionForm
                      network={network}
                      inputValues={inputValues}
                      initial={round}
                      submitLabel={qt("form.save")}
                      onCancel={() => setEditing(null)}
                      onSubmit={(next) => {
                        onChange(rounds.map((r, j) => (j === i ? next : r)));
                        setEditing(null);
                        return null;
                      }}
                    />
                  ) : (
                    <>
                      <span>
                        {i + 1}. <QuestionSummary round={round} network={network} />
                        {round.kind === "choice" && round.answer === undefined && (
                          <span className={shared.muted}> ({qt("list.keyKept")})</span>
                        )}
                        {!fits.ok && (
                          <span className={shared.error}> {qt("list.misfit", { message: qt(fits.problem.key) })}</span>
                        )}
                      </span>
                      <span className={styles.actions}>
                        <button
                          type="button"
                          className={styles.small}
                          disabled={i === 0}
                          aria-label={qt("list.upAria", { n: i + 1 })}
                          onClick={() => onChange(moveItem(rounds, i, i - 1))}
                          data-testid={`question-up-${i}`}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className={styles.small}
                          disabled={i === rounds.length - 1}
                          aria-label={qt("list.downAria", { n: i + 1 })}
                          onClick={() => onChange(moveItem(rounds, i, i + 1))}
                          data-testid={`question-down-${i}`}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          className={styles.small}
                          aria-label={qt("list.editAria", { n: i + 1 })}
                          onClick={() => setEditing(i)}
                          data-testid={`question-edit-${i}`}
                        >
                          {qt("list.edit")}
                        </button>
                        <button
                          type="button"
                          className={styles.smallDanger}
                          aria-label={qt("list.deleteAria", { n: i + 1 })}
                          onClick={() => {
                            onChange(rounds.filter((_, j) => j !== i));
                            setEditing(null);
                          }}
                          data-testid={`question-delete-${i}`}
                        >
                          {qt("list.delete")}
                        </button>
                      </span>
                    </>
                  )}
                </li>
              );
            })}
          </ol>
          {editing === "new" ? (
            <QuestionForm
              network={network}
              inputValues={inputValues}
              submitLabel={qt("form.save")}
              onCancel={() => setEditing(null)}
              onSubmit={(next) => {
                if (rounds.length >= 50) return qt("error.tooMany");
                onChange([...rounds, next]);
                setEditing(null);
                return null;
              }}
            />
          ) : (
            <button
              type="button"
              className={shared.button}
              disabled={rounds.length >= 50}
              onClick={() => setEditing("new")}
              data-testid="question-add"
            >
              {qt("list.add")}
            </button>
          )}
          <p className={shared.muted}>{qt("list.unsaved")}</p>
        </>
      )}
    </details>
  );
}
