// Undo/redo as a pure value: a history of snapshots (past, present, future). The lab keeps its
// LabState in one; nothing here knows what a state is, so it is easy to test and reuse.
//
// Coalescing: a continuous gesture (dragging a slider, holding an arrow key) commits many states
// but should undo in one step. A commit may carry a `key` (what is being changed, e.g.
// "weight:0:1:0"); a commit with the same key as the open group, within `windowMs` of the
// group's last commit, replaces the present instead of pushing a new step. `seal` closes the
// group (the pointer was released), so the next change starts a new step even with the same key.

export interface History<T> {
  /** oldest first; the last one is what undo returns to */
  readonly past: readonly T[];
  readonly present: T;
  /** nearest first: what redo returns to */
  readonly future: readonly T[];
  /** the open coalescing group: its key and the time of its last commit */
  readonly group: { readonly key: string; readonly at: number } | null;
}

export interface CommitOptions {
  /** commits with the same key in a row (within the window, not sealed) form one undo step */
  key?: string;
  /** a clock in milliseconds (performance.now() or Date.now()); needed for coalescing */
  at?: number;
}

/** Gaps longer than this between two commits with the same key start a new step. */
export const COALESCE_WINDOW_MS = 1000;
/** Steps kept in the past; older ones are dropped. */
export const HISTORY_LIMIT = 200;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], group: null };
}

export function canUndo(history: History<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History<unknown>): boolean {
  return history.future.length > 0;
}

/** Makes `next` the present. Redo steps are discarded: a new change starts a new branch. */
export function commit<T>(
  history: History<T>,
  next: T,
  { key, at = 0 }: CommitOptions = {},
  { windowMs = COALESCE_WINDOW_MS, limit = HISTORY_LIMIT }: { windowMs?: number; limit?: number } = {},
): History<T> {
  if (Object.is(next, history.present)) return history;
  const group = key === undefined ? null : { key, at };
  const open = history.group;
  if (key !== undefined && open !== null && open.key === key && at - open.at <= windowMs && at >= open.at) {
    // the same gesture goes on: the step it started now ends at `next`
    return { past: history.past, present: next, future: [], group };
  }
  const past = [...history.past, history.present];
  if (past.length > limit) past.splice(0, past.length - limit);
  return { past, present: next, future: [], group };
}

/** Closes the open coalescing group: the next commit is a new step whatever its key. */
export function seal<T>(history: History<T>): History<T> {
  return history.group === null ? history : { ...history, group: null };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (history.past.length === 0) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous as T,
    future: [history.present, ...history.future],
    group: null,
  };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  const [next, ...rest] = history.future;
  return { past: [...history.past, history.present], present: next as T, future: rest, group: null };
}
