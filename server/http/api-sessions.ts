// POST /api/sessions: starts a live session (docs/protocol.md). Answers the join code, the teacher
// key (shown once; only its hash is stored) and the URL students open.
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { EXERCISE_BODY_LIMIT } from "../../lib/api/exercises";
import { exerciseFromSession, parseSaveSessionRequest } from "../../lib/api/session-exercise";
import { CODE_LENGTH, TEACHER_KEY_HEADER } from "../../lib/session/protocol";
import { emptyServerData } from "../../lib/session/authority";
import { newSession } from "../../lib/session/rules";
import { parseWith } from "../../lib/validation";
import { requestJoinOrigin } from "../join-origin";
import { blankLab, labOf } from "../live/labs";
import { hashSecret, newSecret, newSessionCode, secretMatches } from "../live/secrets";
import { readJsonBody } from "./body";
import { header } from "./headers";
import { ApiError } from "./reply";
import type { Route } from "./router";
import type { ApiServices } from "./services";

const createSessionSchema = z.strictObject({
  /** slug of a built-in lesson or a saved exercise; none: a blank 2-2-1 network */
  exercise: z.string().trim().min(1).max(200).optional(),
});

/** A taken code is drawn again; with 31⁶ codes, eight misses in a row mean something is wrong. */
const CODE_ATTEMPTS = 8;

export function sessionRoutes({ sessions: store, exercises }: ApiServices): Route[] {
  return [
    {
      method: "POST",
      path: "/api/sessions",
      async handler({ req }) {
        const parsed = parseWith(createSessionSchema, "invalid_request", await readOptionalJsonBody(req));
        if (!parsed.ok) throw new ApiError(400, parsed.error);
        const slug = parsed.value.exercise ?? null;
        const source = slug === null ? null : await exercises.open(slug);
        if (slug !== null && !source) {
          throw new ApiError(404, { code: "no_such_exercise", message: `no exercise "${slug}"`, path: "exercise" });
        }
        const lab = source ? labOf(source.exercise) : blankLab();
        // the exercise's rounds travel with the session: a round never looks the exercise up again
        const server = { ...emptyServerData(), script: source?.exercise.rounds ?? [] };
        const teacherKey = newSecret();
        for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
          const code = newSessionCode();
          const created = await store.create({
            code,
            teacherKeyHash: hashSecret(teacherKey),
            state: newSession(code, lab, source?.slug ?? null),
            server,
            endedAt: null,
          });
          if (created) return { status: 201, body: { code, teacherKey, joinUrl: joinUrl(req, code) } };
        }
        throw new Error(`no free ${CODE_LENGTH}-character session code after ${CODE_ATTEMPTS} attempts`);
      },
    },
    {
      // what the class built, saved as a new exercise: the shared network as last acknowledged
      // (the Room writes every change before it acknowledges it), with the prepared rounds that
      // still fit it; the teacher gets its edit key
      method: "POST",
      path: "/api/sessions/:code/exercise",
      async handler({ req, params }) {
        const code = params.code!.toUpperCase();
        const request = parseSaveSessionRequest(await readJsonBody(req, EXERCISE_BODY_LIMIT));
        if (!request.ok) throw new ApiError(400, request.error);
        const session = await store.load(code);
        if (!session) {
          throw new ApiError(404, {
            code: "no_such_session",
            message: `there is no live session with the code ${code}`,
          });
        }
        const key = header(req, TEACHER_KEY_HEADER);
        if (!key || !secretMatches(key, session.teacherKeyHash)) {
          throw new ApiError(403, {
            code: "wrong_teacher_key",
            message: `send the teacher key in ${TEACHER_KEY_HEADER}`,
          });
        }
        const made = exerciseFromSession(session.state, session.server.script ?? [], request.value);
        if (!made.ok) throw new ApiError(422, made.error);
        const { exercise, droppedRounds, authorName, visibility } = made.value;
        const created = await exercises.create({ exercise, authorName, visibility });
        return { status: 201, body: { ...created, rounds: exercise.rounds.length, droppedRounds } };
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

/** `http(s)://<join origin>/s/CODE` (server/join-origin.ts), or `/s/CODE` when there is none usable. */
function joinUrl(req: IncomingMessage, code: string): string {
  const forwarded = req.headers["x-forwarded-proto"];
  const origin = requestJoinOrigin({
    host: req.headers.host,
    forwardedProto: Array.isArray(forwarded) ? forwarded[0] : forwarded,
    encrypted: "encrypted" in req.socket && req.socket.encrypted === true,
  });
  return origin ? `${origin}/s/${code}` : `/s/${code}`;
}
