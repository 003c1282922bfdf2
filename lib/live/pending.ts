// A live client's own actions that the server has not confirmed yet, in the order they were made.
// The client shows `replay(confirmed, entries)`: the server's state with its own pending actions
// applied on top (optimistic edits). When an action's ack comes it leaves the queue: accepted, it
// is in the confirmed state already (the server sends its `applied` before the ack); refused, it
// simply stops being replayed, which is the rollback. Pure: no I/O, no clock.
import { applyAction, type Action, type Actor, type AppliedChange, type SessionState } from "../session/rules";

export interface PendingEntry {
  /** the client's own number for the action, to match its ack */
  id: number;
  action: Action;
  /**
   * A continuous gesture's key (one slider, e.g. `weight:0:1:0`): a newer action with the same key
   * replaces the last entry while that entry is still unsent, so a drag sends its latest value.
   */
  key?: string;
  /** handed to the transport; its ack is awaited */
  sent: boolean;
}

export interface PendingQueue {
  readonly entries: readonly PendingEntry[];
  readonly nextId: number;
}

export const EMPTY_QUEUE: PendingQueue = { entries: [], nextId: 1 };

/**
 * Adds an action at the end. With a `key` equal to the last entry's, and that entry unsent, the
 * action replaces it instead (same id): only the newest value of a drag waits to be sent. Only the
 * LAST entry is replaced, so the order of different actions is never changed.
 */
export function enqueue(queue: PendingQueue, action: Action, key?: string): { queue: PendingQueue; id: number } {
  const last = queue.entries.at(-1);
  if (key !== undefined && last && !last.sent && last.key === key) {
    return { queue: { ...queue, entries: [...queue.entries.slice(0, -1), { ...last, action }] }, id: last.id };
  }
  const entry: PendingEntry = { id: queue.nextId, action, sent: false, ...(key !== undefined ? { key } : {}) };
  return { queue: { entries: [...queue.entries, entry], nextId: queue.nextId + 1 }, id: entry.id };
}

/** The first entry not handed to the transport yet (entries go out in order). */
export function firstUnsent(queue: PendingQueue): PendingEntry | undefined {
  return queue.entries.find((entry) => !entry.sent);
}

export function markSent(queue: PendingQueue, id: number): PendingQueue {
  return { ...queue, entries: queue.entries.map((entry) => (entry.id === id ? { ...entry, sent: true } : entry)) };
}

/** The action's fate is known (acked, refused, timed out): it leaves the queue. */
export function settle(queue: PendingQueue, id: number): PendingQueue {
  if (!queue.entries.some((entry) => entry.id === id)) return queue;
  return { ...queue, entries: queue.entries.filter((entry) => entry.id !== id) };
}

/** Drops every entry already sent: after a re-join, their fate is in the new snapshot. */
export function dropSent(queue: PendingQueue): PendingQueue {
  if (!queue.entries.some((entry) => entry.sent)) return queue;
  return { ...queue, entries: queue.entries.filter((entry) => !entry.sent) };
}

/** The first sent entry that matches `predicate`, if any. */
export function firstSent(queue: PendingQueue, predicate: (entry: PendingEntry) => boolean): PendingEntry | undefined {
  return queue.entries.find((entry) => entry.sent && predicate(entry));
}

/**
 * The state as this client sees it: `confirmed` with every pending action applied by `actor`, in
 * order. An action the rules refuse now (a lock arrived meanwhile) is skipped: it will be refused
 * by the server too.
 */
export function replay(confirmed: SessionState, entries: readonly PendingEntry[], actor: Actor): SessionState {
  let state = confirmed;
  for (const entry of entries) {
    const result = applyAction(state, entry.action, actor);
    if (result.ok) state = result.state;
  }
  return state;
}

/** Two actions are the same action (to match our own `applied` event to its pending entry). */
export function sameAction(a: Action, b: AppliedChange): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
