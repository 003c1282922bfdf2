"use client";
// The round's answer list (lib/session/answer-list.ts). The console's: every student with their
// answer as it comes in and changes (the teacher's roundStatus, asked again at each answer),
// smallest first, who has not answered yet last; how far each is from the right answer, before the
// reveal only when the teacher asks (the console may be on a shared screen), and the switches that
// put the list on the projector, with or without names. The projector's: the answers so far, only
// while the teacher shows them.
import { useState } from "react";
import type { RoundLocal } from "@/lib/live/session-client";
import { formatError, formatRoundValue } from "@/lib/rounds/display";
import type { AnswerListView, RoundView } from "@/lib/rounds/model";
import {
  answerListOf,
  answerRows,
  projectedAnswers,
  type AnswerCheck,
  type AnswerListRequest,
  type AnswerRow,
} from "@/lib/session/answer-list";
import type { Participant } from "@/lib/session/rules";
import type { Translator } from "@/lib/i18n/translate";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import type { RoundSession } from "./use-rounds";
import styles from "./rounds.module.css";

function useShow(round: RoundView) {
  const { locale } = useLocale();
  return (value: number) => formatRoundValue(round.kind, value, { choices: round.choices ?? null, locale });
}

export interface AnswerListProps {
  round: RoundView;
  local: RoundLocal | null;
  participants: readonly Participant[];
  setting: AnswerListView;
  busy: boolean;
  onSetting(change: Omit<AnswerListRequest, "op">): void;
}

/** The teacher's console: the list, and whether the projector shows it. */
export function AnswerList({ round, local, participants, setting, busy, onSetting }: AnswerListProps) {
  const rt = useT("rounds");
  const show = useShow(round);
  const [withDistance, setWithDistance] = useState(false);
  // after the reveal the truth is everyone's; before it only the teacher's preview has it
  const truth = round.reveal?.truth ?? (withDistance ? local?.preview : undefined);
  const check: AnswerCheck | null =
    truth === undefined ? null : { kind: round.kind, truth, tolerance: round.tolerance };
  const rows = answerRows(participants, local?.answers ?? new Map(), check);
  const answered = rows.filter((row) => row.value !== null).length;
  return (
    <details className={styles.section} open data-testid="answer-list">
      <summary>{rt("answers.title", { n: answered, of: rows.length })}</summary>
      <div className={styles.row}>
        <label>
          <input
            type="checkbox"
            checked={setting.shown}
            disabled={busy}
            onChange={(event) => onSetting({ shown: event.currentTarget.checked })}
            data-testid="answers-shown"
          />{" "}
          {rt("answers.project")}
        </label>
        <label>
          <input
            type="checkbox"
            checked={setting.anonymous}
            disabled={busy}
            onChange={(event) => onSetting({ anonymous: event.currentTarget.checked })}
            data-testid="answers-anonymous"
          />{" "}
          {rt("answers.anonymous")}
        </label>
        {!round.reveal && local?.preview !== undefined && (
          <label>
            <input
              type="checkbox"
              checked={withDistance}
              onChange={(event) => setWithDistance(event.currentTarget.checked)}
              data-testid="answers-distance"
            />{" "}
            {rt("answers.withDistance")}
          </label>
        )}
      </div>
      {rows.length === 0 ? (
        <p className={styles.muted}>{rt("answers.none")}</p>
      ) : (
        <table className={styles.board}>
          <thead>
            <tr>
              <th scope="col">{rt("board.name")}</th>
              <th scope="col">{rt("answers.answer")}</th>
              {check && <th scope="col">{rt("answers.distance")}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.participantId} data-testid="answer-row" data-name={row.name}>
                <td>{row.name}</td>
                <td data-testid="answer-value">{row.value === null ? rt("answers.notYet") : show(row.value)}</td>
                {check && <td data-testid="answer-distance">{distanceText(rt, row)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function distanceText(rt: Translator<"rounds">, row: AnswerRow): string {
  if (row.right === undefined) return "";
  const mark = row.right ? rt("answers.right") : rt("answers.wrong");
  return row.error === undefined ? mark : `${formatError(row.error)} · ${mark}`;
}

/** The projector's list: the answers so far, while the teacher shows them (names unless anonymous). */
export function ProjectorAnswerList({ session, round }: { session: RoundSession; round: RoundView }) {
  const rt = useT("rounds");
  const show = useShow(round);
  const setting = answerListOf(session.state?.rounds);
  if (!setting.shown) return null;
  const rows = answerRows(session.state?.participants ?? [], session.round?.answers ?? new Map());
  const lines = projectedAnswers(rows, setting.anonymous);
  return (
    <section
      className={`${styles.panel} ${styles.quiet} ${styles.answersWide}`}
      aria-label={rt("answers.projectorTitle")}
    >
      <h2 className={styles.title}>{rt("answers.projectorTitle")}</h2>
      {lines.length === 0 ? (
        <p className={styles.muted}>{rt("answers.noneYet")}</p>
      ) : (
        <ul className={styles.answerChips} data-testid="projector-answers" data-anonymous={setting.anonymous}>
          {lines.map((line) => (
            <li key={line.key} className={styles.answerChip} data-testid="projector-answer">
              {line.name !== null && <span className={styles.answerName}>{line.name}</span>}
              <span>{show(line.value)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
