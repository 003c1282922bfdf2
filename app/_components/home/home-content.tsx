"use client";
// The home page's text in the current language: the intro, the built-in lessons (title and one
// line each, linking to /e/{slug}), the exercise library, and the seed's live neuron.
import Link from "next/link";
import type { Locale } from "@/lib/exercise/schema";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { JoinForm } from "../live/join-form";
import { LiveNeuron } from "./live-neuron";
import { SiteHeader } from "../ui/site-header";
import site from "../ui/site.module.css";
import styles from "./home.module.css";
import { StartSessionButton } from "../live/start-session-button";

export interface LessonEntry {
  slug: string;
  title: Record<Locale, string>;
  summary: Record<Locale, string>;
}

export function HomeContent({ lessons }: { lessons: readonly LessonEntry[] }) {
  const t = useT("site");
  const { locale } = useLocale();
  const lt = useT("live");
  const ct = useT("classes");
  return (
    <div className={site.page}>
      <SiteHeader />
      <main>
        <header className={styles.header}>
          <h1>{t("app.name")}</h1>
          <p className={styles.lede}>{t("home.lede")}</p>
        </header>

        <section aria-labelledby="live-title" className={styles.section} data-testid="home-live">
          <h2 id="live-title">{lt("home.live.title")}</h2>
          <p className={styles.muted}>{lt("home.live.text")}</p>
          <JoinForm compact />
          <StartSessionButton blank />
          <p>
            <Link href="/classes" data-testid="classes-link">
              {ct("classes.link")}
            </Link>
          </p>
        </section>

        <section aria-labelledby="lessons-title" className={styles.section}>
          <div className={styles.sectionHead}>
            <h2 id="lessons-title">{t("home.lessons.title")}</h2>
            <Link href="/library" className={styles.libraryLink} data-testid="library-link">
              {t("home.library.title")} <span aria-hidden="true">→</span>
            </Link>
          </div>
          <p className={styles.muted}>{t("home.lessons.intro")}</p>
          <ol className={styles.lessons} data-testid="lesson-list">
            {lessons.map((lesson, index) => (
              <li key={lesson.slug}>
                <Link href={`/e/${lesson.slug}`} className={styles.lesson} data-testid={`lesson-link-${lesson.slug}`}>
                  <span className={styles.lessonNumber} aria-hidden="true">
                    {index + 1}
                  </span>
                  <span className={styles.lessonText}>
                    <span className={styles.lessonTitle}>{lesson.title[locale]}</span>
                    <span className={styles.lessonSummary}>{lesson.summary[locale]}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ol>
          <p className={styles.muted}>
            <Link href="/library">{t("home.library.title")}</Link>: {t("home.library.text")}
          </p>
        </section>

        <section aria-labelledby="neuron-title" className={styles.section}>
          <h2 id="neuron-title">{t("home.neuron.title")}</h2>
          <p className={styles.muted}>{t("home.neuron.intro")}</p>
          <LiveNeuron />
        </section>
      </main>
    </div>
  );
}
