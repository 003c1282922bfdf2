// One HTTP server on one port: the app's /api routes, Socket.IO, and Next.js for everything else.
// Start-up order: migrate the database (creating the file if needed), open Prisma, load the wasm
// kernel, then listen. Everything a server owns is created here and released by close().
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { Server as SocketServer } from "socket.io";
import { setupWorker } from "@socket.io/sticky";
import type { ServerConfig } from "./config";
import { openDatabase, type Database } from "./db/client";
import { migrateDatabase } from "./db/migrate";
import { databaseTarget, type DatabaseTarget } from "./db/url";
import { ForwardPool } from "./forward/pool";
import { createApiHandler, isApiRequest } from "./http/api";
import { allowSameOrigin } from "./http/origin";
import { sendJson } from "./http/reply";
import { setApiSecurityHeaders, setPageSecurityHeaders } from "./http/security-headers";
import { loadServerKernel } from "./kernel";
import { resolveLimits, type LimitOverrides } from "./limits/config";
import { HttpRateLimits } from "./limits/http";
import { LiveRateLimits } from "./limits/live";
import { attachLive, type Live, type LiveOptions, type LiveServer } from "./live/sockets";
import { PROJECT_ROOT } from "./paths";
import { openServices } from "./services";
import { Cluster } from "./cluster/cluster";

export interface RunningServer {
  url: string;
  port: number;
  /** the database in use */
  database: DatabaseTarget;
  /** absolute path of the SQLite file in use ("" on PostgreSQL) */
  databaseFile: string;
  close(): Promise<void>;
}

export interface StartOptions extends ServerConfig {
  /** false serves only /api and Socket.IO (integration tests that do not need pages) */
  withNext?: boolean;
  /** live-session tuning (tests: a shorter roster delay) */
  live?: Omit<LiveOptions, "limits">;
  /** rate limits and budgets (tests: smaller ones); defaults and TRUSTED_PROXIES: server/limits/config.ts */
  limits?: LimitOverrides;
  /** several processes: how long a session's lease lasts unrenewed (default 3 s; server/cluster) */
  leaseTtlMs?: number;
  /** several processes: how long the event loop may stall before the leases lapse (default 10 s; server/cluster) */
  leaseStallMs?: number;
  /**
   * a worker of `npm run serve:cluster` (server/cluster-main.ts): the primary process listens and
   * hands each connection over (@socket.io/sticky), so this process does not listen itself
   */
  sticky?: boolean;
}

type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const database = databaseTarget(options.databaseUrl);
  const databaseFile = database.provider === "sqlite" ? database.file : "";
  const limits = resolveLimits(process.env, options.limits);
  const [kernel] = await Promise.all([loadServerKernel(), migrateDatabase(database)]);
  const forward = await ForwardPool.start(limits.forward);
  const db: Database = await openDatabase(database).catch(async (error: unknown) => {
    await forward.close();
    throw error;
  });
  if (options.redisUrl && database.provider !== "postgresql") {
    await forward.close();
    await db.close();
    throw new Error("REDIS_URL (several processes) needs a PostgreSQL DATABASE_URL: a SQLite file has one writer");
  }

  let nextApp: ReturnType<typeof next> | null = null;
  let cluster: Cluster | null = null;
  try {
    if (options.redisUrl) {
      cluster = await Cluster.open({
        redisUrl: options.redisUrl,
        ...(options.redisPrefix ? { prefix: options.redisPrefix } : {}),
        ...(options.leaseTtlMs ? { leaseTtlMs: options.leaseTtlMs } : {}),
        ...(options.leaseStallMs ? { leaseStallMs: options.leaseStallMs } : {}),
      });
    }
    let handlePage: PageHandler | null = null;
    if (options.withNext !== false) {
      nextApp = next({ dev: options.dev, dir: PROJECT_ROOT });
      await nextApp.prepare();
      const handler = nextApp.getRequestHandler();
      handlePage = (req, res) => handler(req, res);
    }

    // the one place the server's parts are made: routes and sockets get the same services
    const services = await openServices(db, kernel);
    let live: Live | null = null;
    const handleApi = createApiHandler({
      ...services,
      forward,
      limits: new HttpRateLimits(limits),
      live: { status: () => live?.status() ?? { redis: "off", ownedSessions: 0 } },
    });
    const server = createServer((req, res) => {
      const api = isApiRequest(req.url);
      if (api) setApiSecurityHeaders(res);
      else setPageSecurityHeaders(req, res, options.dev);
      const handled = api ? handleApi(req, res) : (handlePage ?? notFound)(req, res);
      handled.catch((error: unknown) => {
        console.error(`${req.method} ${req.url} failed:`, error);
        sendJson(res, { status: 500, body: { error: { code: "internal", message: "internal server error" } } });
      });
    });
    const io: LiveServer = new SocketServer(server, {
      allowRequest: allowSameOrigin, // no other site's page may open a live connection
      maxHttpBufferSize: 100_000, // bytes per message: a full 8×16×16 network is ~40 kB of JSON
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
      // several processes: the owner's broadcasts reach every process's sockets through Redis
      ...(cluster ? { adapter: cluster.adapter() } : {}),
    });
    live = attachLive(io, services, {
      ...options.live,
      limits: new LiveRateLimits(limits.live, limits.trustedProxies),
      ...(cluster ? { cluster } : {}),
    });

    if (options.sticky) setupWorker(io);
    else {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, options.host, () => {
          server.off("error", reject);
          resolve();
        });
      });
    }
    const port = options.sticky ? options.port : (server.address() as AddressInfo).port;
    return {
      url: `http://localhost:${port}`,
      port,
      database,
      databaseFile,
      async close() {
        const closing = io.close(); // also closes the HTTP server
        server.closeAllConnections();
        await closing;
        await live?.close(); // writes what the live sessions still hold (and gives their leases up)
        await cluster?.close();
        await nextApp?.close();
        await forward.close();
        await db.close();
      },
    };
  } catch (error) {
    await cluster?.close().catch(() => {});
    await nextApp?.close().catch(() => {});
    await forward.close();
    await db.close();
    throw error;
  }
}

async function notFound(_req: IncomingMessage, res: ServerResponse): Promise<void> {
  sendJson(res, { status: 404, body: { error: { code: "not_found", message: "no such route" } } });
}
