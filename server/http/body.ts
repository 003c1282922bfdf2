// Reads a JSON request body with a size limit: refuses a wrong content type (415), stops reading
// as soon as the limit is passed (413, and the connection is closed), refuses bad JSON (400).
import type { IncomingMessage } from "node:http";
import { ApiError } from "./reply";

/** 2 MiB: room for 10 000 rows of 8 long decimal inputs and a network. */
export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;

export async function readJsonBody(req: IncomingMessage, limit: number = DEFAULT_BODY_LIMIT): Promise<unknown> {
  return parseJsonBytes(await readJsonBytes(req, limit));
}

/** The body's bytes, unparsed: the content type and the size limit checked (a worker may parse them). */
export async function readJsonBytes(req: IncomingMessage, limit: number = DEFAULT_BODY_LIMIT): Promise<Uint8Array> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new ApiError(415, {
      code: "unsupported_media_type",
      message: `the body must be JSON sent as "content-type: application/json"${type ? `, got "${type}"` : ""}`,
    });
  }
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  return readLimited(req, limit);
}

/** UTF-8 JSON bytes → a value, or the refusal thrown (400 invalid_json). */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalidJson("the body is not valid UTF-8");
  }
  if (!text.trim()) throw invalidJson("the body is empty");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidJson(`the body is not valid JSON (${error instanceof Error ? error.message : "parse error"})`);
  }
}

function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        req.pause(); // read no more: the reply closes the connection
        reject(tooLarge(limit));
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(new ApiError(400, { code: "aborted", message: `the request body could not be read (${error.message})` }));
    };
    const onAborted = () => onError(new Error("client aborted"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
  });
}

function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    { code: "body_too_large", message: `the body must be at most ${limit} bytes` },
    { connection: "close" },
  );
}

function invalidJson(message: string): ApiError {
  return new ApiError(400, { code: "invalid_json", message });
}
