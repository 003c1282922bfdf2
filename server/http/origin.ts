// Which pages may open a live connection: the server's own (the Origin's host is the Host the
// request was sent to, whatever the scheme: a TLS-terminating proxy changes only that) and
// PUBLIC_URL's. Browsers send Origin with every WebSocket handshake and every cross-site request,
// so a page on another site cannot use a visitor's browser to join or drive a session. A request
// without Origin (not a browser: Node's socket.io-client, curl) is not a cross-site page and passes;
// it could claim any Origin anyway.
import type { IncomingMessage } from "node:http";
import { publicOrigin } from "../../lib/live/join-origin";

export function originAllowed(req: IncomingMessage, publicUrl: string | undefined = process.env.PUBLIC_URL): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (origin === publicOrigin(publicUrl)) return true;
  let host: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    host = url.host;
  } catch {
    return false; // "null" (a sandboxed frame, a file) and anything unparsable
  }
  return host !== "" && host.toLowerCase() === (req.headers.host ?? "").toLowerCase();
}

/** Socket.IO's `allowRequest`: refuses a handshake from another site's page (HTTP 403). */
export function allowSameOrigin(
  req: IncomingMessage,
  callback: (error: string | null | undefined, ok: boolean) => void,
) {
  if (originAllowed(req)) callback(null, true);
  else callback("origin_not_allowed", false);
}
