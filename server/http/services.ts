// What the API handlers receive: the server's services (server/services.ts), created once per
// server by startServer (never module globals), plus the HTTP-only parts.
import type { ForwardPool } from "../forward/pool";
import type { HttpRateLimits } from "../limits/http";
import type { Services } from "../services";

export interface ApiServices extends Services {
  /** the worker threads that answer POST /api/forward */
  forward: ForwardPool;
  /** per-address limits on writes and forward calls */
  limits: HttpRateLimits;
  /** the live side as the health check sees it (filled once the sockets are attached) */
  live: { status(): LiveStatus };
}

export interface LiveStatus {
  /** "off": one process, no Redis (the default); else whether this process's Redis connection is up */
  redis: "off" | "connected" | "disconnected";
  /** live sessions whose changes this process applies now */
  ownedSessions: number;
  /** this process's id among several (absent with one process) */
  processId?: string;
}
