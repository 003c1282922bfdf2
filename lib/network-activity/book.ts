// The server's activity book read back and handed out: what a member may hold of the answers (a
// student their own, the teacher every one), and the book rebuilt from its rows after a restart.
import { own } from "../own";
import type { Actor } from "../session/rules";
import { latestAnswers, neuronsOf } from "./flow";
import type { ActivityBook, ActivityRecord, Submission } from "./model";
import type { ActivityStatusAck } from "./requests";
import { addRound } from "../rounds/scoring";
import type { ServerRounds } from "../session/rounds";
import type { Participant } from "../session/state";
import { activityScores } from "./view";

/** Every activity of a session as stored, oldest first, with every answer (activity id → answers). */
export interface StoredActivities {
  records: ActivityRecord[];
  submissions: Record<string, Submission[]>;
}

/** The activity's answers `actor` may hold: a student their own last ones, the teacher every one. */
export function activityStatus(book: ActivityBook | null | undefined, actor: Actor): ActivityStatusAck {
  if (!book) return { ok: true, activity: null };
  const { record, submissions } = book;
  if (actor.role === "teacher") return { ok: true, activity: { id: record.id, submissions: [...submissions] } };
  const mine = neuronsOf(record.members, actor.id).flatMap(({ layer, index }) =>
    latestAnswers(submissions, layer, index)
      .filter((s) => s.participantId === actor.id)
      .map(({ layer, index, z, a, at }) => ({ layer, index, z, a, at })),
  );
  return { ok: true, activity: { id: record.id, submissions: mine } };
}

/** Rebuilds the book from storage: the activity on screen (`currentId`) with its submissions. */
export function loadActivity(stored: StoredActivities | undefined, currentId: string | null): ActivityBook | null {
  const record = stored?.records.find((r) => r.id === currentId && r.stoppedAt === null);
  if (!record || !stored) return null;
  const submissions = [...(own(stored.submissions, record.id) ?? [])].sort((x, y) => x.seq - y.seq);
  return { record, submissions };
}

/**
 * The leaderboard as stored: the rounds' standings (lib/session/rounds.ts `loadServerRounds`) plus
 * every finished activity whose scores the teacher added, in the order they were finished.
 */
export function withActivityStandings(
  rounds: ServerRounds,
  stored: StoredActivities | undefined,
  participants: readonly Participant[],
): ServerRounds {
  let standings = rounds.standings;
  const scored = (stored?.records ?? []).filter((r) => r.scored && r.finishedAt !== null);
  for (const record of scored.sort((x, y) => (x.finishedAt ?? 0) - (y.finishedAt ?? 0))) {
    const book = { record, submissions: own(stored?.submissions ?? {}, record.id) ?? [] };
    const present = participants.filter((p) => p.joinedAt <= (record.finishedAt ?? 0)).map((p) => p.id);
    standings = addRound(standings, activityScores(book), present);
  }
  return standings === rounds.standings ? rounds : { ...rounds, standings };
}
