// Per-address limits on the HTTP API (server/limits/config.ts has the numbers and why). Reads are
// free; every request that writes counts against one bucket of its client's address, and past it
// is refused `429 rate_limited` with a Retry-After header, before its body is read. POST
// /api/forward is charged what it cost (rows × neurons) once a worker knows it.
import type { IncomingMessage } from "node:http";
import { splitUrl } from "../http/router";
import { ApiError, type ApiReply } from "../http/reply";
import { addressKey, clientAddress } from "./client-address";
import type { HttpLimits, Limits } from "./config";
import { KeyedBuckets } from "./token-bucket";

type Budget = "sessions" | "exercises" | "writes";

const WHAT: Record<Budget | "forward", string> = {
  sessions: "too many new sessions",
  exercises: "too many new exercises",
  writes: "too many changes",
  forward: "too many forward calls",
};

/** Which budget a request spends: none for reads and for /api/forward (charged by its cost). */
export function budgetOf(method: string | undefined, url: string | undefined): Budget | null {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return null;
  const { pathname } = splitUrl(url);
  if (pathname === "/api/forward") return null;
  if (method === "POST" && pathname === "/api/sessions") return "sessions";
  if (
    method === "POST" &&
    (pathname === "/api/exercises" ||
      /^\/api\/exercises\/[^/]+\/fork$/.test(pathname) ||
      /^\/api\/sessions\/[^/]+\/exercise$/.test(pathname))
  ) {
    return "exercises";
  }
  return "writes"; // every other write, present or future
}

/** `429 rate_limited` with Retry-After (whole seconds, at least 1). */
export function rateLimited(what: string, waitMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new ApiError(
    429,
    { code: "rate_limited", message: `${what} from your address: try again in ${seconds} s` },
    { "retry-after": String(seconds) },
  );
}

export class HttpRateLimits {
  private readonly buckets: Record<Budget | "forward", KeyedBuckets>;

  constructor(
    private readonly limits: Pick<Limits, "trustedProxies"> & { http: HttpLimits },
    now?: () => number,
  ) {
    const { http } = limits;
    this.buckets = {
      sessions: new KeyedBuckets(http.sessions, now),
      exercises: new KeyedBuckets(http.exercises, now),
      writes: new KeyedBuckets(http.writes, now),
      forward: new KeyedBuckets(http.forward, now),
    };
  }

  /** The key `req` is counted under: its client's address (or IPv6 /64). */
  address(req: IncomingMessage): string {
    return addressKey(clientAddress(req, this.limits.trustedProxies));
  }

  /** The refusal for a request over its budget, or null (the request spends one token). */
  refusal(req: IncomingMessage): ApiReply | null {
    const budget = budgetOf(req.method, req.url);
    if (!budget) return null;
    const wait = this.buckets[budget].take(this.address(req));
    return wait > 0 ? rateLimited(WHAT[budget], wait).toReply() : null;
  }

  /**
   * Before a forward call: refused (thrown) while the address owes for the calls before it; else
   * the minimum cost is charged at once, so that calls sent together are counted together.
   */
  startForward(address: string): void {
    const bucket = this.buckets.forward.bucket(address);
    const wait = bucket.waitMs(0);
    if (wait > 0) throw rateLimited(WHAT.forward, wait);
    bucket.charge(this.limits.http.forwardMinCost);
  }

  /** Once a forward call's cost (rows × neurons) is known: the rest of it (the bucket may go into debt). */
  finishForward(address: string, cost: number): void {
    this.buckets.forward.bucket(address).charge(Math.max(0, cost - this.limits.http.forwardMinCost));
  }
}
