// Reading a secret from a request header: the first value, and nothing for one too long to be a key.
import type { IncomingMessage } from "node:http";

export function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.length <= 200 ? text : null;
}
