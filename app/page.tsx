// The home page: the intro, the built-in lessons, a link to the exercise library, and the seed's
// worked example as a live neuron (computed by the wasm kernel).
import { requestLocale, type SearchParams } from "@/app/_i18n/server";
import { LocaleProvider } from "@/app/_i18n/locale-provider";
import { localizedTitle } from "@/lib/exercise/schema";
import { lessonSummary, UI_LOCALES, type Locale } from "@/lib/i18n";
import { LESSONS } from "@/lib/lessons";
import { HomeContent, type LessonEntry } from "./_components/home/home-content";

function inEveryLocale(text: (locale: Locale) => string): Record<Locale, string> {
  return Object.fromEntries(UI_LOCALES.map((locale) => [locale, text(locale)])) as Record<Locale, string>;
}

export default async function HomePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const locale = await requestLocale(await searchParams);
  const lessons: LessonEntry[] = LESSONS.map(({ slug, exercise }) => ({
    slug,
    title: inEveryLocale((l) => localizedTitle(exercise, l).title),
    summary: inEveryLocale((l) => lessonSummary(l, slug, localizedTitle(exercise, l).description)),
  }));
  return (
    <LocaleProvider initial={locale}>
      <HomeContent lessons={lessons} />
    </LocaleProvider>
  );
}
