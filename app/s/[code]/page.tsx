// /s/{code}: a student joins a live session (the link and QR code on the teacher's screen lead
// here). A code typed in lower case or with spaces is tidied up first.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { normalizeCode } from "@/lib/live/code";
import { LocaleProvider } from "@/app/_i18n/locale-provider";
import { requestLocale, type SearchParams } from "@/app/_i18n/server";
import { JoinPage } from "../join-page";
import { StudentSession } from "./student-session";

interface StudentPageProps {
  params: Promise<{ code: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: StudentPageProps): Promise<Metadata> {
  const { code } = await params;
  return { title: `${normalizeCode(decodeURIComponent(code)) ?? "Join"} · Activation Lab` };
}

export default async function StudentPage({ params, searchParams }: StudentPageProps) {
  const { code: raw } = await params;
  const locale = await requestLocale(await searchParams);
  const code = normalizeCode(decodeURIComponent(raw));
  if (code && code !== raw) redirect(`/s/${code}`);
  return (
    <LocaleProvider initial={locale}>{code ? <StudentSession code={code} /> : <JoinPage invalid />}</LocaleProvider>
  );
}
