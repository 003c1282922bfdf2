// /classes: "My classes", the live sessions this browser started (read from localStorage in the
// browser), with their reports, and the export / import of their teacher keys.
import type { Metadata } from "next";
import { LocaleProvider } from "@/app/_i18n/locale-provider";
import { requestLocale, requestT, type SearchParams } from "@/app/_i18n/server";
import { ClassesPage } from "./classes-page";

interface PageProps {
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const t = await requestT("classes", await searchParams);
  return { title: `${t("classes.title")} · Activation Lab` };
}

export default async function Page({ searchParams }: PageProps) {
  const locale = await requestLocale(await searchParams);
  return (
    <LocaleProvider initial={locale}>
      <ClassesPage />
    </LocaleProvider>
  );
}
