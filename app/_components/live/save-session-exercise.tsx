"use client";
// The teacher keeps what the class built: the shared network as it is now, saved as a new
// exercise by the server (POST /api/sessions/:code/exercise, with the teacher key this browser
// holds), which adds the prepared rounds that still fit. The edit key comes back once and is kept
// like any other (library/exercise-actions-api.ts), so the exercise can be changed later from its page.
import { useState } from "react";
import { EXERCISE_FORMAT, type Exercise } from "@/lib/exercise/schema";
import type { LabState } from "@/lib/network/ops";
import { NETWORK_FORMAT } from "@/lib/network/schema";
import { loadTeacherKey } from "@/lib/live/storage";
import { useT } from "@/app/_i18n/locale-provider";
import { rememberEditKey, saveSessionExercise } from "../library/exercise-actions-api";
import { SaveNewForm, ShareResult, type SavedExerciseResult } from "../library/exercise-actions";
import styles from "./live.module.css";

/**
 * What the form checks when the page no longer holds the session's network (the session ended
 * before this page loaded): the server builds the exercise from its own copy anyway.
 */
const PLACEHOLDER: LabState = {
  network: {
    format: NETWORK_FORMAT,
    inputs: ["x"],
    layers: [{ activation: "linear", neurons: [{ weights: [1], bias: 0 }] }],
  },
  inputValues: [0],
};

export function SaveSessionExercise({ code, shared, title }: { code: string; shared: LabState | null; title: string }) {
  const lt = useT("live");
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ result: SavedExerciseResult; kept: number; dropped: number } | null>(null);
  // what the form shows and checks; the server builds the exercise from its own copy
  const draft: Exercise = {
    format: EXERCISE_FORMAT,
    title,
    description: "",
    locale: "en",
    network: (shared ?? PLACEHOLDER).network,
    inputValues: (shared ?? PLACEHOLDER).inputValues,
    rounds: [],
  };

  return (
    <section className={styles.panel} aria-labelledby="save-session-title" data-testid="save-session">
      <h2 id="save-session-title" className={styles.panelTitle}>
        {lt("save.title")}
      </h2>
      <p className={styles.muted}>{lt("save.hint")}</p>
      {!open && (
        <button
          type="button"
          className={styles.secondaryButton}
          onClick={() => {
            setOpen(true);
            setSaved(null);
          }}
          data-testid="save-session-open"
        >
          {lt("save.title")}…
        </button>
      )}
      {open && (
        <SaveNewForm
          exercise={draft}
          busy={busy}
          onCancel={() => setOpen(false)}
          onSave={(next, options) => {
            setBusy(true);
            setError(null);
            saveSessionExercise(code, loadTeacherKey(code) ?? "", {
              title: next.title,
              description: next.description,
              ...options,
            })
              .then((created) => {
                rememberEditKey(created);
                setSaved({
                  result: {
                    kind: "created",
                    slug: created.slug,
                    url: created.url,
                    code: created.code,
                    revision: created.revision,
                  },
                  kept: created.rounds,
                  dropped: created.droppedRounds,
                });
                setOpen(false);
              })
              .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)))
              .finally(() => setBusy(false));
          }}
        />
      )}
      {error && (
        <p role="alert" className={styles.muted} data-testid="save-session-error">
          {error}
        </p>
      )}
      {saved && (
        <>
          <ShareResult result={saved.result} />
          {saved.kept + saved.dropped > 0 && (
            <p className={styles.muted} data-testid="save-session-rounds">
              {lt("save.rounds", { kept: saved.kept, dropped: saved.dropped })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
