// Writing JSON answers, and the one refusal shape: `{"error": {"code", "message", "path"?}}`.
import type { ServerResponse } from "node:http";
import type { Refusal } from "../../lib/validation";

export interface ApiReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Thrown by a handler (or body reader) to refuse a request with a status and a named reason. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly refusal: Refusal,
    readonly headers: Record<string, string> = {},
  ) {
    super(refusal.message);
    this.name = "ApiError";
  }

  toReply(): ApiReply {
    return { status: this.status, body: { error: this.refusal }, headers: this.headers };
  }
}

export function sendJson(res: ServerResponse, reply: ApiReply): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...reply.headers,
  });
  res.end(text);
}
