// Who may join a live session, as a pure rule: a student comes back as the same participant when
// their id and resume token match (and the teacher has not removed them), else joins as a new
// participant under a cleaned, distinct nickname — unless the teacher closed the session or it is
// full. Secrets are made and checked by functions the server hands in (node:crypto stays there).
import { own } from "../own";
import { refuse, type Refusal } from "../validation";
import type { SessionValue, Transition } from "./authority";
import { cleanNickname, distinctName } from "./nickname";

export interface StudentJoinRequest {
  name: string;
  participantId?: string;
  resumeToken?: string;
}

export interface JoinContext {
  now: number;
  maxParticipants: number;
  newId(): string;
  newSecret(): string;
  hash(secret: string): string;
  matches(secret: string, hash: string): boolean;
}

export interface JoinedStudent {
  participantId: string;
  name: string;
  /** the secret the student keeps to come back (only its hash is stored) */
  resumeToken: string;
  resumed: boolean;
}

export type JoinOutcome =
  /** back as the same participant: nothing changes */
  | { ok: true; resumed: JoinedStudent }
  /** a new participant: written before the join is acknowledged */
  | { ok: true; transition: Transition<JoinedStudent> }
  | { ok: false; error: Refusal };

export function studentJoin(value: SessionValue, request: StudentJoinRequest, context: JoinContext): JoinOutcome {
  const { state, server } = value;
  const { participantId, resumeToken } = request;
  if (participantId !== undefined && resumeToken !== undefined) {
    if (server.removed.includes(participantId)) {
      return refuse("removed", "the teacher removed you from this session");
    }
    const participant = state.participants.find((p) => p.id === participantId);
    const hash = own(server.resumeTokens, participantId);
    if (participant && hash && context.matches(resumeToken, hash)) {
      return { ok: true, resumed: { participantId, name: participant.name, resumeToken, resumed: true } };
    }
  }
  if (state.joiningClosed) return refuse("joining_closed", "the teacher has closed this session to new students");
  const cleaned = cleanNickname(request.name);
  if (!cleaned.ok) return { ok: false, error: cleaned.error };
  if (state.participants.length >= context.maxParticipants) {
    return refuse("session_full", `a session has at most ${context.maxParticipants} students`);
  }
  const id = context.newId();
  const token = context.newSecret();
  const name = distinctName(
    cleaned.name,
    state.participants.map((p) => p.name),
  );
  return {
    ok: true,
    transition: {
      value: {
        ...value,
        state: { ...state, participants: [...state.participants, { id, name, joinedAt: context.now }] },
        server: { ...server, resumeTokens: { ...server.resumeTokens, [id]: context.hash(token) } },
      },
      writes: null,
      effects: [{ type: "roster", participantId: id }],
      reply: { participantId: id, name, resumeToken: token, resumed: false },
    },
  };
}
