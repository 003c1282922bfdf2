// Limits on live sessions' sockets (server/limits/config.ts has the numbers and why):
//   connections  per address: new ones per second and how many are open (Socket.IO middleware)
//   events       per socket; students' (and not yet joined sockets') per address and per session
//   joins        per address and per session
//   fan-out      per session: students' changes that everyone receives
// A refused event is acknowledged `{"ok": false, "error": {"code": "rate_limited", "message",
// "retryAfterMs"}}` and changes nothing; a refused connection gets a connect_error whose `data`
// is `{"code": "rate_limited", "retryAfterMs"}`. The teacher is limited per socket only. A socket
// that goes on sending past its own limit after being told is disconnected, so that a flood stops
// costing: its refusals take "strikes" from a bucket of twice its burst that refills at its rate
// (a paced client never meets its own limit at all; one that overshoots once is only refused).
import type { IncomingMessage } from "node:http";
import type { BlockList } from "node:net";
import type { Socket } from "socket.io";
import type { AppliedEvent } from "../../lib/session/protocol";
import type { Audience, RoomTransport } from "../live/room";
import { addressKey, clientAddress } from "./client-address";
import type { LiveLimits } from "./config";
import { KeyedBuckets, TokenBucket } from "./token-bucket";

export interface RateLimitedRefusal {
  ok: false;
  error: { code: "rate_limited"; message: string; retryAfterMs: number };
}

/** Who a socket is once joined: its session and role (null before a join). */
export type Membership = () => { code: string; role: "teacher" | "student" } | null;

/** Checks each event of one socket before its handler runs. */
export interface LiveGate {
  /** null: go ahead; else the ack to send instead */
  admit(event: string, payload: unknown): RateLimitedRefusal | null;
}

/** Tokens an event takes from its socket's bucket: a resync answers a whole snapshot. */
const SOCKET_COST: Record<string, number> = { resync: 10 };

function limited(message: string, waitMs: number): RateLimitedRefusal {
  return { ok: false, error: { code: "rate_limited", message, retryAfterMs: Math.max(1, Math.ceil(waitMs)) } };
}

/** The session code a join names, read loosely (the handler parses the payload properly). */
function joinCode(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null || !("code" in payload)) return null;
  const code = payload.code;
  return typeof code === "string" && code.length <= 16 ? code.trim().toUpperCase() : null;
}

function isApplied(event: string, payload: unknown): payload is AppliedEvent {
  return event === "applied" && typeof payload === "object" && payload !== null;
}

export class LiveRateLimits {
  private readonly connections: KeyedBuckets;
  private readonly open = new Map<string, number>();
  private readonly addressEvents: KeyedBuckets;
  private readonly sessionEvents: KeyedBuckets;
  private readonly addressJoins: KeyedBuckets;
  private readonly sessionJoins: KeyedBuckets;
  private readonly fanOut: KeyedBuckets;

  constructor(
    private readonly limits: LiveLimits,
    private readonly proxies: BlockList,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.connections = new KeyedBuckets(limits.addressConnections, now);
    this.addressEvents = new KeyedBuckets(limits.addressEvents, now);
    this.sessionEvents = new KeyedBuckets(limits.sessionEvents, now);
    this.addressJoins = new KeyedBuckets(limits.addressJoins, now);
    this.sessionJoins = new KeyedBuckets(limits.sessionJoins, now);
    this.fanOut = new KeyedBuckets(limits.sessionFanOut, now);
  }

  private address(req: IncomingMessage): string {
    return addressKey(clientAddress(req, this.proxies));
  }

  /** Socket.IO middleware (`io.use`): a new connection, unless its address has too many. */
  readonly middleware = (socket: Socket, next: (error?: Error) => void): void => {
    const address = this.address(socket.request);
    const open = this.open.get(address) ?? 0;
    let refusal: RateLimitedRefusal | null = null;
    if (open >= this.limits.addressOpenSockets) {
      refusal = limited(`too many connections open from your address (${open})`, 10_000);
    } else {
      const wait = this.connections.take(address);
      if (wait > 0) refusal = limited("too many new connections from your address", wait);
    }
    if (!refusal) return next();
    const error: Error & { data?: unknown } = new Error(refusal.error.message);
    error.data = { code: "rate_limited", retryAfterMs: refusal.error.retryAfterMs };
    next(error);
  };

  /** The gate for a connected socket (every one, recovered ones too): counts it open until it disconnects. */
  gate(socket: Socket, member: Membership): LiveGate {
    const address = this.address(socket.request);
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
    socket.once("disconnect", () => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
    const own = new TokenBucket(this.limits.socket, this.now);
    const strikes = new TokenBucket({ rate: this.limits.socket.rate, burst: 2 * this.limits.socket.burst }, this.now);
    return {
      admit: (event, payload) => {
        const cost = SOCKET_COST[event] ?? 1;
        if (!own.take(cost)) {
          if (!strikes.take()) socket.disconnect(true);
          return limited("too many messages on this connection: slow down", own.waitMs(cost));
        }
        const joined = member();
        if (joined?.role === "teacher") return null;
        let wait = this.addressEvents.take(address);
        if (wait > 0) return limited("too many messages from your address: slow down", wait);
        if (event === "join") {
          wait = this.addressJoins.take(address);
          if (wait > 0) return limited("too many joins from your address", wait);
          const code = joinCode(payload);
          wait = code ? this.sessionJoins.take(code) : 0;
          if (wait > 0) return limited("too many students are joining this session at once", wait);
        }
        if (!joined) return null;
        wait = this.sessionEvents.take(joined.code);
        if (wait > 0) return limited("too many messages in this session: slow down", wait);
        // a student's change everyone receives: an edit, or an answer of "Be the network"
        if (event === "action" || event === "neuronAnswer") {
          wait = this.fanOut.bucket(joined.code).waitMs(1);
          if (wait > 0) return limited("the class is changing the network faster than it can be shown", wait);
        }
        return null;
      },
    };
  }

  /** Wraps a session's transport: each change a student makes that everyone receives is counted. */
  countFanOut(code: string, transport: RoomTransport): RoomTransport {
    return {
      send: (audience: Audience, event, payload) => {
        if (audience.to === "everyone" && isApplied(event, payload) && payload.by.role === "student") {
          this.fanOut.bucket(code).charge(1);
        }
        transport.send(audience, event, payload);
      },
    };
  }
}
