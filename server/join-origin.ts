// The join origin for a request (lib/live/join-origin.ts) with this machine's network addresses
// and the PUBLIC_URL setting: used by POST /api/sessions and the teacher's page.
import { networkInterfaces } from "node:os";
import { joinOrigin, rankLanAddresses } from "../lib/live/join-origin";

/**
 * This machine's IPv4 addresses other than loopback, private networks first; none when the server
 * listens on loopback only (HOST=127.0.0.1): phones could not reach it there anyway.
 */
export function lanAddresses(): string[] {
  if (/^(127\.|localhost$|::1$)/.test(process.env.HOST ?? "")) return [];
  const found: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) if (info.family === "IPv4" && !info.internal) found.push(info.address);
  }
  return rankLanAddresses(found);
}

export function requestJoinOrigin(request: {
  host: string | undefined;
  forwardedProto: string | undefined;
  encrypted: boolean;
}): string | null {
  const forwarded = (request.forwardedProto ?? "").split(",")[0]!.trim().toLowerCase();
  const proto = forwarded === "https" || forwarded === "http" ? forwarded : request.encrypted ? "https" : "http";
  return joinOrigin({
    publicUrl: process.env.PUBLIC_URL,
    host: request.host,
    proto,
    lanAddresses: lanAddresses(),
  });
}
