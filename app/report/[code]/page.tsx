// /report/{code}: a live session's report (rounds, answers, scores, totals, CSV downloads), during
// or after the session. The key is the teacher key this browser keeps, or a report key from a
// shared link's fragment (#key=…); see report-view.tsx. Either goes to the report API in a header
// only, never in this page's request.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { normalizeCode } from "@/lib/live/code";
import { LocaleProvider } from "@/app/_i18n/locale-provider";
import { requestLocale, type SearchParams } from "@/app/_i18n/server";
import { ReportView } from "./report-view";

interface ReportPageProps {
  params: Promise<{ code: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: ReportPageProps): Promise<Metadata> {
  const { code } = await params;
  return { title: `Report ${normalizeCode(code) ?? ""} · Activation Lab`, robots: { index: false } };
}

export default async function ReportPage({ params, searchParams }: ReportPageProps) {
  const { code: raw } = await params;
  const code = normalizeCode(decodeURIComponent(raw));
  if (!code) notFound();
  if (code !== raw) redirect(`/report/${code}`);
  const locale = await requestLocale(await searchParams);
  return (
    <LocaleProvider initial={locale}>
      <ReportView code={code} />
    </LocaleProvider>
  );
}
