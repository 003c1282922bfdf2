// Every limit the server applies to what clients send, in one place, with the reasons for each
// number (docs: README "Limits", docs/api.md, docs/protocol.md). Tests pass smaller ones through
// startServer({ limits }); TRUSTED_PROXIES and FORWARD_WORKERS come from the environment.
//
// The numbers start from a real class, which must never be refused: up to 2 000 students in one
// session (session_full), possibly all behind one school NAT address; a drag sends at most 30
// edits a second (lib/live/pacer.ts); a class joins within a minute, a reconnecting Wi-Fi within
// seconds. Per-address limits bound what one machine can do to the server; per-session limits
// bound what a class's students together can make everyone else receive. The teacher (who holds
// the teacher key) is limited per socket only: an attacker in the class can never slow the
// teacher down by exhausting a shared budget.
import type { BlockList } from "node:net";
import { MAX_FORWARD_ROWS } from "../../lib/api/forward";
import { parseTrustedProxies } from "./client-address";
import type { RateLimit } from "./token-bucket";
import { defaultForwardWorkers } from "../forward/pool";

export interface LiveLimits {
  /** every event of one socket (teacher included): a drag is ≤ 30/s, so twice that, bursts of 4 s */
  socket: RateLimit;
  /**
   * students' events from one address: 60 students behind one NAT all dragging at once (1 800/s)
   * get 3 s of it before any refusal, and 20 of them can drag without end; one machine with 20
   * sockets gets no more than that
   */
  addressEvents: RateLimit;
  /** students' events in one session, from anywhere: two addresses' worth */
  sessionEvents: RateLimit;
  /**
   * students' changes that everyone in a session receives ("everyone edits" mode): each costs a
   * message to every member (200 students: 200 socket writes), and a phone can draw only so many.
   * Two students dragging without pause, bursts of 120; past it a student's `action` is refused
   * `rate_limited` (sandbox edits and the teacher's changes do not count)
   */
  sessionFanOut: RateLimit;
  /** new connections from one address: a lecture of 600 behind one NAT connects at once */
  addressConnections: RateLimit;
  /** sockets open at once from one address */
  addressOpenSockets: number;
  /** join attempts from one address: as connections */
  addressJoins: RateLimit;
  /** join attempts in one session: a full session (2 000) at once, then 20 a second */
  sessionJoins: RateLimit;
}

export interface HttpLimits {
  /** POST /api/sessions per address: a staff room behind one NAT starts 30 classes at once */
  sessions: RateLimit;
  /** new exercises per address (POST /api/exercises, forks, saving a session as an exercise) */
  exercises: RateLimit;
  /** other writes per address (PUT/DELETE /api/exercises/:slug, POST /api/reports/:code/key) */
  writes: RateLimit;
  /**
   * POST /api/forward per address, in rows × neurons: 4 of the largest requests at once, then one
   * every 4 s; every call costs at least `forwardMinCost`
   */
  forward: RateLimit;
  forwardMinCost: number;
}

export interface ForwardLimits {
  /** worker threads for POST /api/forward (FORWARD_WORKERS; default: cores − 1, at least 1) */
  workers: number;
  /** calls that may wait for a worker; one more is refused 503 forward_busy */
  queue: number;
  /**
   * rows × neurons one request may cost: by default the largest the API documents (10 000 rows
   * of an 8 × 16 network), so every request of Contract 2 is served; lower it on a small machine
   */
  maxCost: number;
}

export interface Limits {
  /** proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES); none by default */
  trustedProxies: BlockList;
  live: LiveLimits;
  http: HttpLimits;
  forward: ForwardLimits;
}

export const MAX_FORWARD_COST = MAX_FORWARD_ROWS * 8 * 16;

export const DEFAULT_LIVE_LIMITS: LiveLimits = {
  socket: { rate: 60, burst: 120 },
  addressEvents: { rate: 600, burst: 3600 },
  sessionEvents: { rate: 1200, burst: 7200 },
  sessionFanOut: { rate: 60, burst: 120 },
  addressConnections: { rate: 10, burst: 600 },
  addressOpenSockets: 2000,
  addressJoins: { rate: 10, burst: 600 },
  sessionJoins: { rate: 20, burst: 2000 },
};

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  sessions: { rate: 1 / 20, burst: 30 },
  exercises: { rate: 1 / 10, burst: 30 },
  writes: { rate: 1, burst: 60 },
  forward: { rate: MAX_FORWARD_COST / 4, burst: 4 * MAX_FORWARD_COST },
  forwardMinCost: 10_000,
};

export type LimitOverrides = {
  trustedProxies?: string;
  live?: Partial<LiveLimits>;
  http?: Partial<HttpLimits>;
  forward?: Partial<ForwardLimits>;
};

/** The limits for a server: defaults, the environment, then `overrides` (tests). */
export function resolveLimits(env: NodeJS.ProcessEnv, overrides: LimitOverrides = {}): Limits {
  const workers = env.FORWARD_WORKERS === undefined ? defaultForwardWorkers() : Number(env.FORWARD_WORKERS);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new Error(`FORWARD_WORKERS must be a whole number from 1 to 64, got "${env.FORWARD_WORKERS}"`);
  }
  const forward = { workers, queue: Math.max(4, 2 * workers), maxCost: MAX_FORWARD_COST, ...overrides.forward };
  return {
    trustedProxies: parseTrustedProxies(overrides.trustedProxies ?? env.TRUSTED_PROXIES),
    live: { ...DEFAULT_LIVE_LIMITS, ...overrides.live },
    http: { ...DEFAULT_HTTP_LIMITS, ...overrides.http },
    forward,
  };
}
