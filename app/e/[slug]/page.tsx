// /e/{slug}: a built-in lesson (lib/lessons) by its slug, else a saved exercise, which the page
// fetches from /api/exercises/{slug} in the browser.
import type { Metadata } from "next";
import { localizedTitle } from "@/lib/exercise/schema";
import { lessonBySlug } from "@/lib/lessons";
import { LocaleProvider } from "@/app/_i18n/locale-provider";
import { requestLocale, type SearchParams } from "@/app/_i18n/server";
import { LessonView } from "@/app/_components/lab/lesson-view";
import { SavedExercise } from "@/app/_components/library/saved-exercise";

interface ExercisePageProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params, searchParams }: ExercisePageProps): Promise<Metadata> {
  const { slug } = await params;
  const lesson = lessonBySlug(slug);
  if (!lesson) return { title: "Activation Lab" };
  const locale = await requestLocale(await searchParams);
  return { title: `${localizedTitle(lesson.exercise, locale).title} · Activation Lab` };
}

export default async function ExercisePage({ params, searchParams }: ExercisePageProps) {
  const { slug } = await params;
  const locale = await requestLocale(await searchParams);
  const lesson = lessonBySlug(slug);
  // keyed by slug: going from one exercise to another (a fork, a link) starts a fresh lab
  return (
    <LocaleProvider initial={locale}>
      {lesson ? (
        <LessonView
          key={slug}
          exercise={lesson.exercise}
          focus={lesson.focus}
          training={lesson.training}
          kind="builtIn"
          slug={slug}
        />
      ) : (
        <SavedExercise key={slug} slug={slug} />
      )}
    </LocaleProvider>
  );
}
