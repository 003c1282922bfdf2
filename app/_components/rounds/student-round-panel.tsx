"use client";
// A student's prediction round, phone first: the question, a number field that a phone opens with
// a decimal keypad (inputmode="decimal"; "0,69" and "−0.5" are read as 0.69 and −0.5), or the
// options of a fires/choice round; the answer can be changed until the round closes (by the teacher
// or its time limit). At the reveal: the truth with its arithmetic, the spread with your answer
// marked, your own error and score. And the leaderboard when the teacher shows it.
import { useId, useState } from "react";
import { formatRoundValue, formatError, localized } from "@/lib/rounds/display";
import { isNumericKind, parseAnswerText, type RoundView } from "@/lib/rounds/model";
import type { Network } from "@/lib/network/schema";
import type { Translator } from "@/lib/i18n";
import type { Refusal } from "@/lib/validation";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { Leaderboard, neuronLabel, RevealView, RoundQuestion, RoundStatusLine } from "./round-parts";
import { useRounds, useSecondsLeft, type RoundSession } from "./use-rounds";
import styles from "./rounds.module.css";

export function StudentRoundPanel({ session, network }: { session: RoundSession; network: Network }) {
  const rt = useT("rounds");
  const rounds = useRounds(session);
  const { round, local } = rounds;
  const me = session.actor?.role === "student" ? session.actor.id : null;
  const board = session.state?.rounds?.leaderboard;
  if (!round && !board?.shown) return null;
  const mine = local?.mine?.value ?? null;
  return (
    <>
      {round && (
        <section
          className={styles.panel}
          aria-label={rt("round.title", { n: round.number })}
          data-testid="student-round"
        >
          <RoundQuestion round={round} network={network} />
          <RoundStatusLine round={round} deadline={local?.deadline ?? null} answered={null} />
          {round.phase === "open" ? (
            // keyed by round: a new round starts with an empty field
            <AnswerForm
              key={round.id}
              round={round}
              mine={mine}
              onAnswer={rounds.answer}
              deadline={local?.deadline ?? null}
            />
          ) : round.phase === "closed" ? (
            <>
              <p className={styles.muted} data-testid="round-mine">
                {mine === null
                  ? rt("student.closedNoAnswer")
                  : rt("student.closed", {
                      value: formatRoundValue(round.kind, mine, { choices: round.choices ?? null }),
                    })}
              </p>
              <p className={styles.muted}>{rt("student.waiting")}</p>
            </>
          ) : (
            <>
              <OwnResult round={round} local={local} />
              <RevealView round={round} name={neuronLabel(network, round)} mine={mine} />
            </>
          )}
        </section>
      )}
      {board?.shown && (
        <section className={`${styles.panel} ${styles.quiet}`} aria-label={rt("board.title")}>
          <h2 className={styles.title}>{rt("board.title")}</h2>
          <Leaderboard rows={board.top} me={me} />
        </section>
      )}
    </>
  );
}

function OwnResult({ round, local }: { round: RoundView; local: ReturnType<typeof useRounds>["local"] }) {
  const rt = useT("rounds");
  const { locale } = useLocale();
  const result = local?.result;
  if (!result) return null;
  const bonus = result.bonus > 0 ? rt("student.bonus", { bonus: result.bonus }) : "";
  const answer =
    result.answer === null
      ? null
      : formatRoundValue(round.kind, result.answer, { choices: round.choices ?? null, locale });
  return (
    <div data-testid="round-result" data-points={result.points}>
      {answer === null ? (
        <p className={styles.muted}>{rt("student.resultNone")}</p>
      ) : (
        <>
          <p className={result.points >= 1000 ? styles.ok : styles.muted}>
            {rt(result.points >= 1000 ? "student.right" : "student.wrong")}
          </p>
          <p>
            {isNumericKind(round.kind) && result.error !== null
              ? rt("student.result", { answer, error: formatError(result.error), points: result.points, bonus })
              : rt("student.resultChoice", { answer, points: result.points, bonus })}
          </p>
        </>
      )}
      {result.rank !== null && (
        <p className={styles.muted} data-testid="round-standing">
          {rt("student.standing", { total: result.total, rank: result.rank, of: result.of, streak: result.streak })}
        </p>
      )}
    </div>
  );
}

function AnswerForm({
  round,
  mine,
  onAnswer,
  deadline,
}: {
  round: RoundView;
  mine: number | null;
  onAnswer: ReturnType<typeof useRounds>["answer"];
  deadline: number | null;
}) {
  const rt = useT("rounds");
  const { locale } = useLocale();
  const id = useId();
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const send = async (value: number) => {
    setSending(true);
    setProblem(null);
    const ack = await onAnswer(value);
    setSending(false);
    if (!ack.ok) setProblem(refusalText(rt, ack.error));
  };
  const timeUp = useSecondsLeft(deadline) === 0;
  const saved = mine === null ? null : formatRoundValue(round.kind, mine, { choices: round.choices ?? null, locale });

  if (!isNumericKind(round.kind)) {
    const options =
      round.kind === "fires"
        ? [
            { value: 1, label: rt("fires.yes") },
            { value: 0, label: rt("fires.no") },
          ]
        : (round.choices ?? []).map((choice, i) => ({ value: i, label: localized(choice, locale) }));
    return (
      <div>
        <p className={styles.muted}>{round.kind === "choice" ? rt("ask.choice") : rt("student.yourAnswer")}</p>
        <div className={styles.options} role="group" aria-label={rt("student.yourAnswer")}>
          {options.map((option) => (
            <button
              key={option.value}
              type="button"
              className={styles.option}
              aria-pressed={mine === option.value}
              disabled={sending || timeUp}
              onClick={() => void send(option.value)}
              data-testid={`round-option-${option.value}`}
            >
              {option.label}
            </button>
          ))}
        </div>
        <Feedback saved={saved} sending={sending} problem={problem} />
      </div>
    );
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseAnswerText(text);
        if (!parsed.ok) {
          setProblem(rt("student.invalid"));
          return;
        }
        void send(parsed.value);
      }}
    >
      <label htmlFor={`${id}-answer`} className={styles.muted}>
        {rt("student.yourAnswer")}
      </label>
      <div className={styles.answerForm}>
        <input
          id={`${id}-answer`}
          className={styles.answerInput}
          type="text"
          inputMode="decimal"
          enterKeyHint="send"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder={rt("student.placeholder")}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-feedback`}
          disabled={timeUp}
          data-testid="round-answer-input"
        />
        <button type="submit" className={styles.primary} disabled={sending || timeUp} data-testid="round-answer-submit">
          {mine === null ? rt("student.submit") : rt("student.change")}
        </button>
      </div>
      <div id={`${id}-feedback`}>
        <Feedback saved={saved} sending={sending} problem={problem} />
      </div>
    </form>
  );
}

function Feedback({ saved, sending, problem }: { saved: string | null; sending: boolean; problem: string | null }) {
  const rt = useT("rounds");
  return (
    <div aria-live="polite">
      {sending && <p className={styles.muted}>{rt("student.sending")}</p>}
      {problem && (
        <p className={styles.error} role="alert" data-testid="round-answer-error">
          {problem}
        </p>
      )}
      {!sending && !problem && saved !== null && (
        <p className={styles.ok} data-testid="round-mine">
          {rt("student.saved", { value: saved })}
        </p>
      )}
    </div>
  );
}

function refusalText(rt: Translator<"rounds">, refusal: Refusal): string {
  if (refusal.code === "round_closed") return rt("round.closed");
  return rt("student.error", { message: refusal.message });
}
