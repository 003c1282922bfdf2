// The answers of the round on screen as an immutable map that is cheap to change: a round book is a
// value (a failed write keeps the old one), yet 1 000 students answering within a second must not
// copy 1 000 answers each. The entries sit in 32 buckets by a hash of the participant id; a change
// copies one bucket (≈ n/32 entries) and the list of buckets, and `changedSince` compares bucket by
// bucket, so checking a new answer skips the 31 buckets it did not touch. Reads are a Map's.
import type { StoredAnswer } from "./engine";

const BUCKETS = 32;

type Bucket = ReadonlyMap<string, StoredAnswer>;

const EMPTY_BUCKET: Bucket = new Map();

/** djb2 over the id's UTF-16 code units: ids are spread evenly enough over the buckets. */
function bucketOf(id: string): number {
  let hash = 5381;
  for (let i = 0; i < id.length; i++) hash = ((hash << 5) + hash + id.charCodeAt(i)) | 0;
  return (hash >>> 0) % BUCKETS;
}

export class AnswerBook implements ReadonlyMap<string, StoredAnswer> {
  private static readonly EMPTY = new AnswerBook(new Array<Bucket>(BUCKETS).fill(EMPTY_BUCKET), 0);

  private constructor(
    private readonly buckets: readonly Bucket[],
    readonly size: number,
  ) {}

  static empty(): AnswerBook {
    return AnswerBook.EMPTY;
  }

  static from(entries: Iterable<readonly [string, StoredAnswer]>): AnswerBook {
    let book = AnswerBook.EMPTY;
    for (const [id, answer] of entries) book = book.with(id, answer);
    return book;
  }

  get(id: string): StoredAnswer | undefined {
    return this.buckets[bucketOf(id)]!.get(id);
  }

  has(id: string): boolean {
    return this.buckets[bucketOf(id)]!.has(id);
  }

  /** A book with `id`'s answer set (new or replaced); this one is not changed. */
  with(id: string, answer: StoredAnswer): AnswerBook {
    const at = bucketOf(id);
    const bucket = this.buckets[at]!;
    const buckets = [...this.buckets];
    buckets[at] = new Map(bucket).set(id, answer);
    return new AnswerBook(buckets, this.size + (bucket.has(id) ? 0 : 1));
  }

  /** The entries of this book that `before` does not hold as they are (new or replaced). */
  changedSince(before: AnswerBook): [string, StoredAnswer][] {
    const changed: [string, StoredAnswer][] = [];
    this.buckets.forEach((bucket, at) => {
      const old = before.buckets[at]!;
      if (bucket === old) return;
      for (const [id, answer] of bucket) if (old.get(id) !== answer) changed.push([id, answer]);
    });
    return changed;
  }

  *entries(): MapIterator<[string, StoredAnswer]> {
    for (const bucket of this.buckets) yield* bucket.entries();
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<StoredAnswer> {
    for (const [, answer] of this.entries()) yield answer;
  }

  [Symbol.iterator](): MapIterator<[string, StoredAnswer]> {
    return this.entries();
  }

  forEach(run: (answer: StoredAnswer, id: string, map: ReadonlyMap<string, StoredAnswer>) => void): void {
    for (const [id, answer] of this.entries()) run(answer, id, this);
  }
}
