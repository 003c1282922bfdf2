// /s: join a live session by typing its code.
import type { Metadata } from "next";
import { LocaleProvider } from "@/app/_i18n/locale-provider";
import { requestLocale, type SearchParams } from "@/app/_i18n/server";
import { translateLive } from "@/lib/i18n/live";
import { JoinPage } from "./join-page";

interface JoinRouteProps {
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ searchParams }: JoinRouteProps): Promise<Metadata> {
  const locale = await requestLocale(await searchParams);
  return { title: `${translateLive(locale, "joinForm.title")} · Activation Lab` };
}

export default async function JoinRoute({ searchParams }: JoinRouteProps) {
  const locale = await requestLocale(await searchParams);
  return (
    <LocaleProvider initial={locale}>
      <JoinPage />
    </LocaleProvider>
  );
}
