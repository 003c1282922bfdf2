// What the API handlers need, created once per server by startServer (never module globals).
import type { Kernel } from "../../lib/kernel/kernel";
import type { Database } from "../db/client";
import type { ForwardPool } from "../forward/pool";
import type { HttpRateLimits } from "../limits/http";

export interface ApiServices {
  db: Database;
  kernel: Kernel;
  /** the worker threads that answer POST /api/forward */
  forward: ForwardPool;
  /** per-address limits on writes and forward calls */
  limits: HttpRateLimits;
}
