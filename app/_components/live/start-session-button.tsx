"use client";
// "Start a live session": POST /api/sessions (on this lesson or saved exercise, or a blank network,
// with the exercise's edit key when this browser holds it: its choice rounds can then run), keep
// the teacher key in this browser (localStorage, per session code) and the session on "My
// classes", then open /t/{code}. A lesson changed on the screen starts from what is on the screen
// (`lab`), not from the exercise as it was loaded, with the questions as the exercise editor has
// them (`rounds`).
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Round } from "@/lib/exercise/schema";
import type { LabState } from "@/lib/network/ops";
import { rememberClasses, saveTeacherKey } from "@/lib/live/storage";
import { ownerHeaders } from "../library/exercise-actions-api";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./live.module.css";

interface Created {
  code: string;
  teacherKey: string;
}

export function StartSessionButton({
  exercise,
  blank,
  title = "",
  lab,
  rounds,
}: {
  exercise?: string;
  blank?: boolean;
  /** the lesson's title, for "My classes" */
  title?: string;
  /** the lab on the screen when it differs from the exercise's (null: unchanged) */
  lab?: () => LabState | null;
  /** the questions as the exercise editor has them when they differ from the exercise's (null: unchanged) */
  rounds?: () => Round[] | null;
}) {
  const lt = useT("live");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setBusy(true);
    setError(null);
    const changed = lab?.() ?? null;
    const questions = rounds?.() ?? null;
    try {
      const response = await fetch("/api/sessions", {
        method: "POST",
        headers: { "content-type": "application/json", ...(exercise ? ownerHeaders(exercise) : {}) },
        body: JSON.stringify({
          ...(exercise ? { exercise } : {}),
          ...(changed ? { lab: changed } : {}),
          ...(questions ? { rounds: questions } : {}),
        }),
      });
      const body = (await response.json().catch(() => null)) as
        (Created & { error?: undefined }) | { error?: { message?: string } } | null;
      if (response.status !== 201 || !body || !("code" in body)) {
        throw new Error((body && "error" in body && body.error?.message) || `HTTP ${response.status}`);
      }
      saveTeacherKey(body.code, body.teacherKey);
      rememberClasses([{ code: body.code, title, startedAt: Date.now(), teacherKey: body.teacherKey }]);
      router.push(`/t/${body.code}`);
    } catch (caught) {
      setError(lt("start.error", { message: caught instanceof Error ? caught.message : String(caught) }));
      setBusy(false);
    }
  }

  return (
    <div className={styles.start}>
      <button
        type="button"
        className={blank ? styles.secondaryButton : styles.primaryButton}
        onClick={() => void start()}
        disabled={busy}
        data-testid="start-session"
        title={lt("start.hint")}
      >
        {busy ? lt("start.starting") : blank ? lt("start.blank") : lt("start.button")}
      </button>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
