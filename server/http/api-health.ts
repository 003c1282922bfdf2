// GET /api/health: the server is up, the database answers, the kernel is loaded; and, for a
// deployment of several processes, whether Redis is connected and how many sessions this process
// owns (server/cluster: the process that applies those sessions' changes).
import type { Route } from "./router";
import type { ApiServices } from "./services";

export function healthRoutes({ database, kernel, live }: ApiServices): Route[] {
  return [
    {
      method: "GET",
      path: "/api/health",
      async handler() {
        const { redis, ownedSessions, processId } = live.status();
        const status = {
          database: database.kind,
          redis,
          ownedSessions,
          ...(processId ? { processId } : {}),
          kernel: "wasm",
          kernelBuild: kernel.build,
        };
        try {
          await database.ping();
        } catch {
          const error = { code: "database_unavailable", message: "the database does not answer" };
          return { status: 503, body: { ok: false, ...status, error } };
        }
        return { status: 200, body: { ok: true, ...status } };
      },
    },
  ];
}
