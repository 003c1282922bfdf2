// A small router for /api: exact segments and `:param` segments; unknown path → 404, known path
// with another method → 405 (with Allow). Every handler runs inside one try/catch: a refusal
// becomes its 4xx, anything else a 500 `internal` without details.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, sendJson, sendStream, type ApiReply, type StreamedReply } from "./reply";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestContext {
  req: IncomingMessage;
  /** for a handler that must know when the client goes away (it answers through its return value) */
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface Route {
  method: Method;
  /** e.g. `/api/health`, `/api/exercises/:slug` */
  path: string;
  handler(ctx: RequestContext): Promise<ApiReply | StreamedReply>;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface RouterOptions {
  /** where unexpected errors go (default: console.error) */
  logError?: (error: unknown, req: IncomingMessage) => void;
}

export function splitUrl(url: string | undefined): { pathname: string; query: URLSearchParams } {
  const raw = url ?? "/";
  const q = raw.indexOf("?");
  let pathname = q === -1 ? raw : raw.slice(0, q);
  if (pathname.length > 1 && pathname.endsWith("/")) pathname = pathname.slice(0, -1);
  return { pathname, query: new URLSearchParams(q === -1 ? "" : raw.slice(q + 1)) };
}

export function createRouter(routes: readonly Route[], options: RouterOptions = {}): RequestListener {
  const compiled = routes.map((route) => ({ route, segments: route.path.split("/") }));
  const logError = options.logError ?? ((error, req) => console.error(`${req.method} ${req.url} failed:`, error));

  return async (req, res) => {
    let reply: ApiReply | StreamedReply;
    try {
      const { pathname, query } = splitUrl(req.url);
      const segments = pathname.split("/");
      const matching = compiled
        .map(({ route, segments: pattern }) => ({ route, params: matchSegments(pattern, segments) }))
        .filter((m): m is { route: Route; params: Record<string, string> } => m.params !== null);
      const found = matching.find((m) => m.route.method === req.method);
      if (found) {
        reply = await found.route.handler({ req, res, params: found.params, query });
      } else if (matching.length > 0) {
        const allow = [...new Set(matching.map((m) => m.route.method))].join(", ");
        reply = new ApiError(
          405,
          { code: "method_not_allowed", message: `${req.method} is not allowed on ${pathname}; use ${allow}` },
          { allow },
        ).toReply();
      } else {
        reply = new ApiError(404, { code: "not_found", message: `no API route ${pathname}` }).toReply();
      }
    } catch (error) {
      if (error instanceof ApiError) {
        reply = error.toReply();
      } else {
        logError(error, req);
        reply = { status: 500, body: { error: { code: "internal", message: "internal server error" } } };
      }
    }
    if (!("stream" in reply)) return sendJson(res, reply);
    try {
      await sendStream(res, reply);
    } catch (error) {
      logError(error, req); // the status went out already: the connection was broken off
    }
  };
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    const got = actual[i]!;
    if (want.startsWith(":")) {
      if (!got) return null;
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return null; // malformed %-escape: no such route
      }
    } else if (want !== got) {
      return null;
    }
  }
  return params;
}
