// /t/{code}: the teacher's live session (controls), or ?view=projector for the big screen. The
// teacher key comes from this browser's localStorage (kept by "Start a live session").
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { normalizeCode } from "@/lib/live/code";
import { LocaleProvider } from "@/app/_i18n/locale-provider";
import { requestLocale, type SearchParams } from "@/app/_i18n/server";
import { requestJoinOrigin } from "@/server/join-origin";
import { TeacherSession } from "./teacher-session";

interface TeacherPageProps {
  params: Promise<{ code: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: TeacherPageProps): Promise<Metadata> {
  const { code } = await params;
  return { title: `${normalizeCode(code) ?? "Live"} · Activation Lab` };
}

export default async function TeacherPage({ params, searchParams }: TeacherPageProps) {
  const { code: raw } = await params;
  const query = await searchParams;
  const code = normalizeCode(decodeURIComponent(raw));
  if (!code) notFound();
  const projector = query.view === "projector";
  if (code !== raw) redirect(`/t/${code}${projector ? "?view=projector" : ""}`);
  const locale = await requestLocale(query);
  // where phones should go: not "localhost" (server/join-origin.ts)
  const request = await headers();
  const joinOrigin = requestJoinOrigin({
    host: request.get("host") ?? undefined,
    forwardedProto: request.get("x-forwarded-proto") ?? undefined,
    encrypted: false,
  });
  return (
    <LocaleProvider initial={locale}>
      <TeacherSession code={code} projector={projector} joinOrigin={joinOrigin} />
    </LocaleProvider>
  );
}
