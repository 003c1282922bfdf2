// Lookups by a key that may come from a client (a participant id, a slug, a locale). A plain
// object answers `record["__proto__"]`, `record["constructor"]` or `record["toString"]` from its
// prototype, which once turned an unknown participant id into Object.prototype and corrupted a
// session. Every such lookup goes through `own`: only the record's own properties count.

/** `record[key]` when `key` is the record's own property, else undefined (never a prototype's). */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Does `record` have `key` as its own property? */
export function hasOwn(record: object, key: string): boolean {
  return Object.hasOwn(record, key);
}

/** A copy of `record` without `key` (a computed key in a literal never touches the prototype). */
export function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
