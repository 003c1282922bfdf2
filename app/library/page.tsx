// /library: the built-in lessons, then the exercises teachers have shared (public ones), with a
// title search, newest / most forked order, open-by-code and import. The list is read from
// GET /api/exercises in the browser.
import type { Metadata } from "next";
import { LocaleProvider } from "@/app/_i18n/locale-provider";
import { requestLocale, requestT, type SearchParams } from "@/app/_i18n/server";
import { LibraryBrowser } from "./library-browser";

interface LibraryPageProps {
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ searchParams }: LibraryPageProps): Promise<Metadata> {
  const t = await requestT("library", await searchParams);
  return { title: `${t("library.title")} · Activation Lab` };
}

export default async function LibraryPage({ searchParams }: LibraryPageProps) {
  const params = await searchParams;
  const locale = await requestLocale(params);
  const q = typeof params.q === "string" ? params.q.slice(0, 120) : "";
  const sort = params.sort === "forks" ? "forks" : "newest";
  return (
    <LocaleProvider initial={locale}>
      <LibraryBrowser initialQuery={q} initialSort={sort} />
    </LocaleProvider>
  );
}
