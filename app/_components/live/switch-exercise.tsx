"use client";
// One code for the whole lesson: the teacher moves the class to another exercise — a built-in
// lesson, or a saved exercise by its code or link — and nobody re-joins; the roster and the scores
// stay (lib/session/exercise-switch.ts). A saved exercise's keyed rounds run when this browser
// holds its edit key (sent with the request, as when a session starts).
import { useState } from "react";
import { localizedTitle } from "@/lib/exercise/schema";
import { LESSONS } from "@/lib/lessons";
import type { SwitchExerciseAck, SwitchExerciseRequest } from "@/lib/session/exercise-switch";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { heldEditKey } from "../library/exercise-actions-api";
import styles from "./live.module.css";

const OTHER = "";

/** "/e/and-gate-k3m7q", a full link or a code → what the server looks up. */
function exerciseRef(text: string): string {
  const trimmed = text.trim();
  const path = /\/e\/([^/?#\s]+)/.exec(trimmed);
  return path ? decodeURIComponent(path[1]!) : trimmed;
}

export function SwitchExercise({
  current,
  roundOnScreen,
  disabled,
  onSwitch,
}: {
  current: string | null;
  roundOnScreen: boolean;
  disabled: boolean;
  onSwitch(request: SwitchExerciseRequest): Promise<SwitchExerciseAck>;
}) {
  const lt = useT("live");
  const { locale } = useLocale();
  const [choice, setChoice] = useState(LESSONS.find((l) => l.slug !== current)?.slug ?? OTHER);
  const [other, setOther] = useState("");
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const exercise = choice === OTHER ? exerciseRef(other) : choice;
  const blocked = disabled || busy || roundOnScreen || !exercise;

  const submit = () => {
    const held = heldEditKey(exercise);
    setBusy(true);
    setNote(null);
    void onSwitch(held ? { exercise, editKey: held.editKey } : { exercise })
      .then((ack) =>
        setNote(
          ack.ok
            ? {
                text:
                  ack.withheldRounds.length > 0
                    ? lt("switch.doneWithheld", { n: ack.withheldRounds.length })
                    : lt("switch.done"),
                error: false,
              }
            : { text: lt("switch.refused", { message: ack.error.message }), error: true },
        ),
      )
      .finally(() => setBusy(false));
  };

  return (
    <details className={styles.switchBox} data-testid="switch-exercise">
      <summary>{lt("switch.title")}</summary>
      <p className={styles.muted}>{lt("switch.hint")}</p>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          if (!blocked) submit();
        }}
      >
        <label className={styles.fieldLabel} htmlFor="switch-choice">
          {lt("switch.to")}
        </label>
        <select
          id="switch-choice"
          className={styles.textInput}
          value={choice}
          onChange={(event) => setChoice(event.currentTarget.value)}
          data-testid="switch-choice"
        >
          {LESSONS.map((lesson) => (
            <option key={lesson.slug} value={lesson.slug}>
              {localizedTitle(lesson.exercise, locale).title}
              {lesson.slug === current ? ` (${lt("switch.now")})` : ""}
            </option>
          ))}
          <option value={OTHER}>{lt("switch.saved")}</option>
        </select>
        {choice === OTHER && (
          <>
            <label className={styles.fieldLabel} htmlFor="switch-other">
              {lt("switch.savedLabel")}
            </label>
            <input
              id="switch-other"
              className={styles.textInput}
              value={other}
              onChange={(event) => setOther(event.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              data-testid="switch-other"
            />
          </>
        )}
        <div className={styles.buttonRow}>
          <button type="submit" className={styles.primaryButton} disabled={blocked} data-testid="switch-submit">
            {busy ? lt("switch.busy") : lt("switch.submit")}
          </button>
        </div>
        {roundOnScreen && <p className={styles.muted}>{lt("switch.roundOnScreen")}</p>}
        {note && (
          <p role={note.error ? "alert" : "status"} className={note.error ? styles.error : styles.muted}>
            {note.text}
          </p>
        )}
      </form>
    </details>
  );
}
