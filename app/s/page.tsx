// /s: join a live session by typing its code.
import type { Metadata } from "next";
import { LocaleProvider } from "@/app/_i18n/locale-provider";
import { requestLocale, requestT, type SearchParams } from "@/app/_i18n/server";
import { JoinPage } from "./join-page";

interface JoinRouteProps {
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ searchParams }: JoinRouteProps): Promise<Metadata> {
  const t = await requestT("live", await searchParams);
  return { title: `${t("joinForm.title")} · Activation Lab` };
}

export default async function JoinRoute({ searchParams }: JoinRouteProps) {
  const locale = await requestLocale(await searchParams);
  return (
    <LocaleProvider initial={locale}>
      <JoinPage />
    </LocaleProvider>
  );
}
