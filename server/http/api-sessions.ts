// POST /api/sessions: starts a live session (docs/protocol.md). Answers the join code, the teacher
// key (shown once; only its hash is stored) and the URL students open.
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { EDIT_KEY_HEADER, EXERCISE_BODY_LIMIT } from "../../lib/api/exercises";
import { withOwnAnswerKeys } from "../../lib/exercise/answer-keys";
import { exerciseFromSession, parseSaveSessionRequest } from "../../lib/api/session-exercise";
import { CODE_LENGTH, TEACHER_KEY_HEADER } from "../../lib/session/protocol";
import { emptyServerData } from "../../lib/session/authority";
import { labStateSchema } from "../../lib/network/ops";
import { preparedScript } from "../../lib/session/plan";
import { newSession } from "../../lib/session/rules";
import { parseWith } from "../../lib/validation";
import { scriptFor } from "../exercises/script";
import { requestJoinOrigin } from "../join-origin";
import { blankLab, labOf } from "../live/labs";
import { hashSecret, newSecret, newSessionCode, secretMatches } from "../live/secrets";
import { readJsonBody } from "./body";
import { header } from "./headers";
import { ApiError } from "./reply";
import type { Route } from "./router";
import type { ApiServices } from "./services";

const createSessionSchema = z.strictObject({
  /** slug of a built-in lesson or a saved exercise (or its code); none: a blank 2-2-1 network */
  exercise: z.string().trim().min(1).max(200).optional(),
  /** the saved exercise's edit key (or in the x-edit-key header): its choice rounds can then run */
  editKey: z.string().min(1).max(200).optional(),
  /**
   * the network and input values to start from, when the teacher changed the lesson before
   * starting (what is on the screen); none: the exercise's own
   */
  lab: labStateSchema.optional(),
  /**
   * the exercise's questions as the teacher prepared them on the page (the exercise editor), when
   * changed: each checked, keys kept by question (lib/session/plan.ts `preparedScript`)
   */
  rounds: z.array(z.unknown()).max(50).optional(),
});

/** Why some prepared rounds cannot run in a session (the teacher page says so when one is opened). */
const WITHHELD = {
  code: "answer_keys_withheld",
  message:
    "some choice rounds cannot run in this session: their answer keys belong to the exercise's owner (start the session with its edit key to run them)",
};

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
        const lab = parsed.value.lab ?? (source ? labOf(source.exercise) : blankLab());
        // the exercise's rounds travel with the session, with the keys the starter is entitled
        // to: a round never looks the exercise up again
        const editKey = parsed.value.editKey ?? header(req, EDIT_KEY_HEADER) ?? undefined;
        const exerciseScript = source ? await scriptFor(source, editKey, exercises) : [];
        const prepared = parsed.value.rounds
          ? preparedScript(exerciseScript, parsed.value.rounds)
          : { ok: true as const, value: exerciseScript };
        if (!prepared.ok) throw new ApiError(400, prepared.error);
        const script = prepared.value;
        const withheldRounds = script.flatMap((entry, i) => (entry.withheld ? [i] : []));
        const server = { ...emptyServerData(), script };
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
          if (created) {
            const body = { code, teacherKey, joinUrl: joinUrl(req, code), withheldRounds };
            return { status: 201, body: withheldRounds.length > 0 ? { ...body, notice: WITHHELD } : body };
          }
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
        const script = session.server.script ?? [];
        const made = exerciseFromSession(
          session.state,
          script.map((entry) => entry.round),
          request.value,
        );
        if (!made.ok) throw new ApiError(422, made.error);
        const { exercise, kept, droppedRounds, authorName, visibility } = made.value;
        // copies do not launder keys: the rounds' keys go along sealed, with where they were written;
        // the keys the teacher wrote for this session are theirs, readable with the new edit key
        const sealed = kept.map((i) => {
          const { round, keyFrom } = script[i]!;
          return keyFrom && round.answer !== undefined ? { answer: round.answer, origin: keyFrom } : null;
        });
        const own = kept.map((i) => script[i]!.live === true);
        const created = await exercises.create(
          { exercise: withOwnAnswerKeys(exercise, own), authorName, visibility },
          sealed,
        );
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
