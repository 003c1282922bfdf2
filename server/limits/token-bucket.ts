// Token buckets: `rate` tokens a second on average, bursts up to `burst`. One per socket, and one
// per client address or session in a KeyedBuckets (server/limits/http.ts, server/limits/live.ts).
export interface RateLimit {
  /** tokens added per second */
  rate: number;
  /** the most tokens a bucket holds (and starts with) */
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limit.burst;
    this.last = now();
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.rate);
    this.last = now;
  }

  /** Takes `cost` tokens if the bucket holds them; false when it does not (the event is refused). */
  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Takes `cost` tokens even if that leaves the bucket in debt (a cost known only afterwards). */
  charge(cost: number): void {
    this.refill();
    this.tokens -= cost;
  }

  /** Milliseconds until the bucket holds `cost` tokens (0: now). */
  waitMs(cost = 1): number {
    this.refill();
    return this.tokens >= cost ? 0 : Math.ceil(((cost - this.tokens) / this.limit.rate) * 1000);
  }

  /** Full again: nothing to remember (KeyedBuckets forgets it). */
  get full(): boolean {
    this.refill();
    return this.tokens >= this.limit.burst;
  }
}

/**
 * A bucket per key (a client address, a session code), made on first use. Full buckets are the
 * same as none, so they are forgotten now and then; at most `maxKeys` are kept (the oldest go
 * first), so a flood of new keys cannot grow memory without bound.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private calls = 0;

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
    private readonly maxKeys = 100_000,
  ) {}

  bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (++this.calls % 1000 === 0 || this.buckets.size >= this.maxKeys) this.sweep();
      bucket = new TokenBucket(this.limit, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Takes `cost` tokens from `key`'s bucket: 0 if it had them, else ms until it will. */
  take(key: string, cost = 1): number {
    const bucket = this.bucket(key);
    return bucket.take(cost) ? 0 : Math.max(1, bucket.waitMs(cost));
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(): void {
    for (const [key, bucket] of this.buckets) if (bucket.full) this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
