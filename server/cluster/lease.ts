// Which process owns a live session, when several serve the same sessions (REDIS_URL set). The
// owner is the one authority that applies the session's operations (docs/architecture.md,
// "Several processes"). Ownership is a lease in Redis with an expiry that the owner keeps renewing;
// a process that stops renewing (killed, frozen, cut off) loses it after `ttlMs`, and another
// process may take the session over.
//
// Each acquisition draws a new fencing token from a per-session counter (INCR): strictly greater
// than every token handed out before. The owner writes to the database only with its token, and
// the database refuses a write whose token is older than the newest one it has seen (the
// `ownerEpoch` column, checked in the UPDATE itself). So an old owner that wakes up after its
// lease expired — still believing it owns the session — cannot overwrite what the new owner wrote:
// Redis decides who may write next, the database enforces it (Kleppmann's fencing tokens; the
// lease alone would not be safe against a paused process).
import type { RedisClientType } from "redis";

export interface Lease {
  code: string;
  /** the fencing token of this ownership: strictly increasing per session */
  token: number;
}

export interface LeaseOwner {
  processId: string;
  token: number;
}

export interface LeaseOptions {
  /** key prefix (tests: one per run) */
  prefix: string;
  /** this process's id: unique among live processes */
  processId: string;
  /** how long a lease lasts without renewal (default 4 s) */
  ttlMs?: number;
}

// KEYS[1] lease key, KEYS[2] fence counter; ARGV[1] process id, ARGV[2] ttl ms.
// Free: draw a token, take the lease. Ours already: keep it (renewed). Someone else's: 0.
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current then
  local owner, token = string.match(current, '^(.*):(%d+)$')
  if owner == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return tonumber(token)
  end
  return 0
end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. token, 'PX', ARGV[2])
return token`;

// KEYS[1] lease key; ARGV[1] "process:token", ARGV[2] ttl ms. 1: renewed, 0: not ours any more.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

// KEYS[1] lease key; ARGV[1] "process:token". Gives the lease up only if it is still this one.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

// KEYS[1] fence counter; ARGV[1] a token the database holds. Raises the counter to it, never lowers it.
const RAISE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`;

export class LeaseManager {
  readonly processId: string;
  readonly ttlMs: number;
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisClientType,
    options: LeaseOptions,
  ) {
    if (!/^[^:]+$/.test(options.processId)) {
      throw new Error(`a process id must be non-empty without ":", got "${options.processId}"`);
    }
    this.processId = options.processId;
    this.prefix = options.prefix;
    this.ttlMs = options.ttlMs ?? 4000;
  }

  private leaseKey(code: string): string {
    return `${this.prefix}lease:${code}`;
  }

  private fenceKey(code: string): string {
    return `${this.prefix}fence:${code}`;
  }

  /** Takes the session's lease if nobody holds it (or renews ours); null: another process holds it. */
  async acquire(code: string): Promise<Lease | null> {
    const token = await this.redis.eval(ACQUIRE, {
      keys: [this.leaseKey(code), this.fenceKey(code)],
      arguments: [this.processId, String(this.ttlMs)],
    });
    return typeof token === "number" && token > 0 ? { code, token } : null;
  }

  /** Extends the lease; false when it is no longer ours (expired, and maybe taken over). */
  async renew(lease: Lease): Promise<boolean> {
    const renewed = await this.redis.eval(RENEW, {
      keys: [this.leaseKey(lease.code)],
      arguments: [`${this.processId}:${lease.token}`, String(this.ttlMs)],
    });
    return renewed === 1;
  }

  /** Gives the lease up (a clean shutdown, an idle session) so another process need not wait. */
  async release(lease: Lease): Promise<void> {
    await this.redis.eval(RELEASE, {
      keys: [this.leaseKey(lease.code)],
      arguments: [`${this.processId}:${lease.token}`],
    });
  }

  /**
   * The database holds a newer token than Redis handed out last (Redis lost its data: a restart
   * without persistence): the counter goes up to it, so the next acquisition draws a newer one.
   */
  async raiseFence(code: string, atLeast: number): Promise<void> {
    await this.redis.eval(RAISE, { keys: [this.fenceKey(code)], arguments: [String(atLeast)] });
  }

  /** Who holds the session's lease now, or null. */
  async owner(code: string): Promise<LeaseOwner | null> {
    const value = await this.redis.get(this.leaseKey(code));
    const match = value ? /^(.*):(\d+)$/.exec(value) : null;
    return match ? { processId: match[1]!, token: Number(match[2]) } : null;
  }
}
