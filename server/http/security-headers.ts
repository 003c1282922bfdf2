// The security headers of every answer, set in one place (server/app.ts) for pages and API alike.
//
// Pages get a Content-Security-Policy with a fresh nonce per request. Next.js reads a CSP from the
// *request* headers and stamps that nonce on every script it writes (its inline bootstrap and RSC
// payload scripts and its chunks), so scripts need no 'unsafe-inline': only what this server wrote
// into this page runs ('strict-dynamic' lets those scripts load the chunks they import). The kernel
// compiles WebAssembly: 'wasm-unsafe-eval' (it allows WebAssembly compilation, not JS eval). Styles
// keep 'unsafe-inline': React writes style attributes (positions, colours, sizes) into the server's
// HTML, and a style cannot run code. Development mode adds 'unsafe-eval' (React's dev tools and
// hot reload evaluate code); production never has it. Nothing may frame a page (frame-ancestors,
// and X-Frame-Options for older browsers), and no page's address is sent to another site.
//
// API answers are data, never documents: `default-src 'none'` and the same framing and referrer rules.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

const COMMON = {
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
};

export function pageCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** For an /api request: the headers every answer carries. */
export function setApiSecurityHeaders(res: ServerResponse): void {
  res.setHeader("content-security-policy", API_CSP);
  for (const [name, value] of Object.entries(COMMON)) res.setHeader(name, value);
}

/**
 * For a page request (anything Next answers): a new nonce, its CSP on the answer, and the same CSP
 * on the request so that Next puts the nonce on its scripts.
 */
export function setPageSecurityHeaders(req: IncomingMessage, res: ServerResponse, dev: boolean): void {
  const csp = pageCsp(randomBytes(16).toString("base64"), dev);
  req.headers["content-security-policy"] = csp;
  res.setHeader("content-security-policy", csp);
  for (const [name, value] of Object.entries(COMMON)) res.setHeader(name, value);
}
