// POST /api/sessions: starts a live session (docs/protocol.md). Answers the join code, the teacher
// key (shown once; only its hash is stored) and the URL students open.
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { CODE_LENGTH } from "../../lib/session/protocol";
import { newSession } from "../../lib/session/rules";
import { parseWith } from "../../lib/validation";
import { blankLab, labForExercise } from "../live/labs";
import { hashSecret, newSecret, newSessionCode } from "../live/secrets";
import { emptyServerData, PrismaLiveStore } from "../live/store";
import { readJsonBody } from "./body";
import { ApiError } from "./reply";
import type { Route } from "./router";
import type { ApiServices } from "./services";

const createSessionSchema = z.strictObject({
  /** slug of a built-in lesson or a saved exercise; none: a blank 2-2-1 network */
  exercise: z.string().trim().min(1).max(200).optional(),
});

/** A taken code is drawn again; with 31⁶ codes, eight misses in a row mean something is wrong. */
const CODE_ATTEMPTS = 8;

export function sessionRoutes({ db }: ApiServices): Route[] {
  const store = new PrismaLiveStore(db.prisma);
  return [
    {
      method: "POST",
      path: "/api/sessions",
      async handler({ req }) {
        const parsed = parseWith(createSessionSchema, "invalid_request", await readOptionalJsonBody(req));
        if (!parsed.ok) throw new ApiError(400, parsed.error);
        const slug = parsed.value.exercise ?? null;
        const lab = slug === null ? blankLab() : await labForExercise(slug, db.prisma);
        if (!lab) {
          throw new ApiError(404, { code: "no_such_exercise", message: `no exercise "${slug}"`, path: "exercise" });
        }
        const teacherKey = newSecret();
        for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
          const code = newSessionCode();
          const created = await store.create({
            code,
            teacherKeyHash: hashSecret(teacherKey),
            state: newSession(code, lab, slug),
            server: emptyServerData(),
            endedAt: null,
          });
          if (created) return { status: 201, body: { code, teacherKey, joinUrl: joinUrl(req, code) } };
        }
        throw new Error(`no free ${CODE_LENGTH}-character session code after ${CODE_ATTEMPTS} attempts`);
      },
    },
  ];
}

/** The body is optional here: none (or an empty one) means `{}`. */
async function readOptionalJsonBody(req: IncomingMessage): Promise<unknown> {
  const length = req.headers["content-length"];
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (!chunked && (length === undefined || length === "0")) return {};
  return readJsonBody(req);
}

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/** `http(s)://host/s/CODE` from the request's Host header, or `/s/CODE` when there is none usable. */
function joinUrl(req: IncomingMessage, code: string): string {
  const path = `/s/${code}`;
  const host = req.headers.host;
  if (!host || !HOST.test(host)) return path;
  const forwarded = String(req.headers["x-forwarded-proto"] ?? "")
    .split(",")[0]!
    .trim()
    .toLowerCase();
  const encrypted = "encrypted" in req.socket && req.socket.encrypted === true;
  const scheme = forwarded === "https" || forwarded === "http" ? forwarded : encrypted ? "https" : "http";
  return `${scheme}://${host}${path}`;
}
