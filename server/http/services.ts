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
}
