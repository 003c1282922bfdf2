// The steps of "Be the network" on the server's record, pure: a layer closes (its agreed values are
// fixed), is revealed, passes its values on. lib/session/network-activity.ts makes them session
// changes.
import { agreedValues, layerTruth, passedOn, type ForwardPass } from "./flow";
import type { ActivityBook, ActivityRecord, LayerRecord, Submission } from "./model";

/** Closes layer `l` (if open): no more answers, its agreed values are fixed. */
export function closeLayer(record: ActivityRecord, submissions: readonly Submission[], l: number, now: number) {
  const layer = record.layers[l];
  if (!layer || layer.closedAt !== null) return record;
  const values = agreedValues(record, submissions, l);
  return withLayer(record, l, { ...layer, values, closedAt: now });
}

export function reveal(book: ActivityBook, l: number, now: number): ActivityRecord {
  const record = closeLayer(book.record, book.submissions, l, now);
  const layer = record.layers[l]!;
  return withLayer(record, l, { ...layer, revealedAt: layer.revealedAt ?? now });
}

/** The current layer closes (corrected: and is revealed) and its values flow into the next. */
export function advance(book: ActivityBook, forward: ForwardPass, now: number): ActivityRecord {
  const l = book.record.current;
  let record = closeLayer(book.record, book.submissions, l, now);
  if (record.mode === "corrected") record = reveal({ ...book, record }, l, now);
  const layer = record.layers[l]!;
  record = withLayer(record, l, { ...layer, passedAt: now });
  const next = record.layers[l + 1];
  if (next) {
    const received = passedOn(layer, record.mode);
    const truth = layerTruth(record.network, l + 1, received, forward);
    record = withLayer(record, l + 1, { ...next, received, truth });
  }
  return { ...record, current: l + 1 };
}

export function withLayer(record: ActivityRecord, l: number, layer: LayerRecord): ActivityRecord {
  return { ...record, layers: record.layers.map((old, i) => (i === l ? layer : old)) };
}
