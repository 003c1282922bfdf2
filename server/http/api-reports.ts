// A live session's report (docs/protocol.md, "Reports"), read from the database so that it works
// during the session, after it, and after any restart:
//   GET  /api/reports/:code               the report as JSON (lib/rounds/report.ts)
//   GET  /api/reports/:code/answers.csv   one row per answer  (UTF-8 with BOM, CRLF; ?lang=zh-CN)
//   GET  /api/reports/:code/students.csv  one row per student
//   GET  /api/reports/:code/neurons.csv   one row per answer of "Be the network"
//   POST /api/reports/:code/key           a report key (a new one replaces the old), teacher only
// Every read needs the teacher key or the report key, in `x-report-key` (or `?key=`, for a link).
import type { IncomingMessage, ServerResponse } from "node:http";
import { resolveLocale } from "../../lib/i18n";
import { answersCsv, studentsCsv } from "../../lib/rounds/csv";
import { activityReports, neuronsCsv } from "../../lib/network-activity/report";
import { buildReport, type SessionReport } from "../../lib/rounds/report";
import { codeSchema, TEACHER_KEY_HEADER } from "../../lib/session/protocol";
import { hashSecret, newSecret, secretMatches } from "../live/secrets";
import type { StoredSession } from "../live/store";
import type { Services } from "../services";
import { header } from "./headers";
import { ApiError, sendJson } from "./reply";
import { splitUrl, type Route } from "./router";
import type { ApiServices } from "./services";

export const REPORT_KEY_HEADER = "x-report-key";

type Reports = Pick<Services, "sessions" | "reports">;

function sessionCode(raw: string): string {
  const parsed = codeSchema.safeParse(raw);
  if (!parsed.success) throw new ApiError(404, { code: "no_such_session", message: "no session has this code" });
  return parsed.data;
}

async function findSession({ sessions }: Reports, code: string): Promise<StoredSession> {
  const session = await sessions.load(code);
  if (!session) throw new ApiError(404, { code: "no_such_session", message: "no session has this code" });
  return session;
}

/** The teacher key or the report key opens a report; anything else is refused. */
async function authorise(services: Reports, code: string, key: string | null): Promise<StoredSession> {
  if (!key) {
    throw new ApiError(401, {
      code: "missing_key",
      message: `send the teacher key or the report key in ${REPORT_KEY_HEADER}`,
    });
  }
  const session = await findSession(services, code);
  if (secretMatches(key, session.teacherKeyHash)) return session;
  const reportKeyHash = await services.reports.keyHash(code);
  if (reportKeyHash && secretMatches(key, reportKeyHash)) return session;
  throw new ApiError(403, { code: "wrong_key", message: "this key does not open this report" });
}

async function loadReport(services: Reports, code: string, key: string | null): Promise<SessionReport> {
  const session = await authorise(services, code, key);
  const { records, answers } = session.rounds ?? (await services.sessions.rounds(code));
  const activities = activityReports(session.activities ?? (await services.sessions.activities(code)));
  const report = buildReport({
    code,
    exerciseSlug: session.state.exerciseSlug,
    parts: session.server.parts ?? [],
    createdAt: session.createdAt?.getTime() ?? 0,
    endedAt: session.endedAt?.getTime() ?? null,
    participants: session.state.participants,
    records,
    answers,
    now: Date.now(),
  });
  return activities.length > 0 ? { ...report, activities } : report;
}

export function reportRoutes(services: ApiServices): Route[] {
  return [
    {
      method: "GET",
      path: "/api/reports/:code",
      async handler({ req, params, query }) {
        const code = sessionCode(params.code!);
        const report = await loadReport(services, code, header(req, REPORT_KEY_HEADER) ?? query.get("key"));
        return { status: 200, body: report };
      },
    },
    {
      method: "POST",
      path: "/api/reports/:code/key",
      async handler({ req, params }) {
        const code = sessionCode(params.code!);
        const key = header(req, TEACHER_KEY_HEADER);
        const session = await findSession(services, code);
        if (!key || !secretMatches(key, session.teacherKeyHash)) {
          throw new ApiError(403, {
            code: "wrong_teacher_key",
            message: `send the teacher key in ${TEACHER_KEY_HEADER}`,
          });
        }
        const reportKey = newSecret();
        await services.reports.saveKeyHash(code, hashSecret(reportKey));
        return { status: 201, body: { reportKey, reportPath: `/report/${code}#key=${reportKey}` } };
      },
    },
  ];
}

const CSV_PATH = /^\/api\/reports\/([^/]+)\/(answers|students|neurons)\.csv$/;

/**
 * The CSV downloads, which are not JSON: answers true when it handled the request. Same keys and
 * refusals (as JSON) as the report.
 */
export function reportDownloads(services: ApiServices) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const { pathname, query } = splitUrl(req.url);
    const match = CSV_PATH.exec(pathname);
    if (!match) return false;
    try {
      if (req.method !== "GET") {
        throw new ApiError(
          405,
          { code: "method_not_allowed", message: `${req.method} is not allowed on ${pathname}; use GET` },
          { allow: "GET" },
        );
      }
      const code = sessionCode(decodeURIComponent(match[1]!));
      const report = await loadReport(services, code, header(req, REPORT_KEY_HEADER) ?? query.get("key"));
      const table = match[2] as "answers" | "students" | "neurons";
      const locale = resolveLocale(query.get("lang")) ?? "en";
      const text =
        table === "answers"
          ? answersCsv(report, locale)
          : table === "neurons"
            ? neuronsCsv(report.activities ?? [])
            : studentsCsv(report);
      const body = Buffer.from(text, "utf8");
      const name = `activation-lab-${code}-${table}.csv`;
      res.writeHead(200, {
        "content-type": "text/csv; charset=utf-8",
        "content-length": body.length,
        "content-disposition": `attachment; filename="${name}"; filename*=UTF-8''${name}`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      });
      res.end(body);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sendJson(res, error.toReply());
    }
    return true;
  };
}
