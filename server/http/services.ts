// What the API handlers need, created once per server by startServer (never module globals).
import type { Kernel } from "../../lib/kernel/kernel";
import type { Database } from "../db/client";

export interface ApiServices {
  db: Database;
  kernel: Kernel;
}
