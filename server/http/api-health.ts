// GET /api/health: the server is up, the database answers, the kernel is loaded.
import type { Route } from "./router";
import type { ApiServices } from "./services";

export function healthRoutes({ database, kernel }: ApiServices): Route[] {
  return [
    {
      method: "GET",
      path: "/api/health",
      async handler() {
        const status = { database: database.kind, kernel: "wasm", kernelBuild: kernel.build };
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
