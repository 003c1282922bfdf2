// The app's own HTTP API: every request under /api goes here, never to Next.
import { exerciseRoutes } from "./api-exercises";
import { forwardRoutes } from "./api-forward";
import { healthRoutes } from "./api-health";
import { reportDownloads, reportRoutes } from "./api-reports";
import { sendJson } from "./reply";
import { sessionRoutes } from "./api-sessions";
import { createRouter, splitUrl, type RequestListener, type RouterOptions } from "./router";
import type { ApiServices } from "./services";

export function isApiRequest(url: string | undefined): boolean {
  const { pathname } = splitUrl(url);
  return pathname === "/api" || pathname.startsWith("/api/");
}

export function createApiHandler(services: ApiServices, options: RouterOptions = {}): RequestListener {
  const router = createRouter(
    [
      ...healthRoutes(services),
      ...forwardRoutes(services),
      ...exerciseRoutes(services),
      ...sessionRoutes(services),
      ...reportRoutes(services),
    ],
    options,
  );
  const downloads = reportDownloads(services); // CSV, not JSON
  return async (req, res) => {
    // every write is counted against its client's address first (server/limits/http.ts)
    const limited = services.limits.refusal(req);
    if (limited) return sendJson(res, limited);
    if (!(await downloads(req, res))) await router(req, res);
  };
}
