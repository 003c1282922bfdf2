"use client";
// One exercise (a built-in lesson or a saved one): its title and text in the current language,
// then the lab.
import { useRef } from "react";
import { localizedTitle, type Exercise, type Round } from "@/lib/exercise/schema";
import type { LabState } from "@/lib/network/ops";
import type { LessonTraining } from "@/lib/lessons/lesson";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { LabView } from "./lab-view";
import { SiteHeader } from "../ui/site-header";
import { StartSessionButton } from "../live/start-session-button";
import styles from "../ui/site.module.css";

export interface LessonViewProps {
  exercise: Exercise;
  focus?: { layer: number; neuron: number };
  kind: "builtIn" | "saved";
  slug?: string;
  /** the revision a saved exercise was loaded at */
  revision?: number;
  /** a training lesson's setup (lib/lessons) */
  training?: LessonTraining;
}

export function LessonView({ exercise, focus, kind, slug, revision, training }: LessonViewProps) {
  const t = useT("site");
  const { locale } = useLocale();
  const { title, description } = localizedTitle(exercise, locale);
  // what the lab shows when it differs from the exercise: a live session starts from it
  const changed = useRef<LabState | null>(null);
  const changedRounds = useRef<Round[] | null>(null);
  return (
    <div className={styles.page}>
      <SiteHeader back />
      <main>
        <article className={styles.lessonText}>
          <p className={styles.kicker}>{t(kind === "builtIn" ? "lesson.builtIn" : "lesson.saved")}</p>
          <h1 data-testid="lesson-title">{title}</h1>
          {description && <p className={styles.description}>{description}</p>}
          {slug && (
            <StartSessionButton
              exercise={slug}
              title={title}
              lab={() => changed.current}
              rounds={() => changedRounds.current}
            />
          )}
        </article>
        <LabView
          exercise={exercise}
          focus={focus}
          slug={slug}
          isBuiltIn={kind === "builtIn"}
          revision={revision}
          training={training}
          changedRef={changed}
          changedRoundsRef={changedRounds}
        />
      </main>
    </div>
  );
}
