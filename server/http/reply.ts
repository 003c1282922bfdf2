// Writing JSON answers, and the one refusal shape: `{"error": {"code", "message", "path"?}}`.
// A large answer can be streamed: written piece by piece as it is produced, at the pace the client
// reads it.
import type { ServerResponse } from "node:http";
import type { Refusal } from "../../lib/validation";

export interface ApiReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** JSON written in pieces (chunked): the pieces concatenated are the body. */
export interface StreamedReply {
  status: number;
  stream: AsyncIterable<Uint8Array>;
  headers?: Record<string, string>;
}

const JSON_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

/**
 * A client that has not read a streamed answer within this long loses it (the connection is
 * closed): whatever produces the pieces (a forward worker) is not held forever.
 */
export const STREAM_DEADLINE_MS = 120_000;

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
  res.writeHead(reply.status, { ...JSON_HEADERS, "content-length": Buffer.byteLength(text), ...reply.headers });
  res.end(text);
}

/**
 * Writes a streamed reply, waiting for the client to take each piece before asking for the next.
 * Stops (and so ends the producer, through the iterator's return) when the client goes away or
 * the deadline passes; a producer that fails midway breaks the connection off (the status has
 * been sent already), and the error is thrown to the caller to log.
 */
export async function sendStream(res: ServerResponse, reply: StreamedReply): Promise<void> {
  const pieces = reply.stream[Symbol.asyncIterator]();
  if (res.headersSent || res.destroyed) {
    await pieces.return?.();
    return;
  }
  res.writeHead(reply.status, { ...JSON_HEADERS, ...reply.headers });
  const deadline = setTimeout(() => res.destroy(), STREAM_DEADLINE_MS);
  try {
    for (;;) {
      const next = await pieces.next();
      if (next.done) break;
      if (res.destroyed) return;
      if (!res.write(next.value)) await drainedOrClosed(res);
      if (res.destroyed) return;
    }
    res.end();
  } catch (error) {
    res.destroy();
    throw error;
  } finally {
    clearTimeout(deadline);
    if (!res.writableEnded) await pieces.return?.();
  }
}

/** Resolves when `res` can take more, or will never (closed). */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
