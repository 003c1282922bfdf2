// Where students' phones should go to join: the origin shown under the join code, in the QR code
// and in POST /api/sessions' joinUrl. A teacher who runs the app on their laptop opens it as
// http://localhost:3000, but "localhost" on a phone is the phone: so a loopback address is
// replaced by the machine's address on the local network. PUBLIC_URL (e.g. behind a proxy, or a
// DNS name) overrides everything. Pure: the caller passes the request's host and the machine's
// addresses (server/join-origin.ts).

export interface JoinOriginInput {
  /** the PUBLIC_URL setting, if any */
  publicUrl?: string | undefined;
  /** the request's Host header */
  host?: string | undefined;
  proto: "http" | "https";
  /** the machine's IPv4 addresses on its networks (not loopback), best first */
  lanAddresses: readonly string[];
}

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** PUBLIC_URL's origin, or null when it is not an absolute http(s) URL. */
export function publicOrigin(publicUrl: string | undefined): string | null {
  if (!publicUrl) return null;
  try {
    const url = new URL(publicUrl);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** The origin students should use, or null when nothing better than the page's own is known. */
export function joinOrigin({ publicUrl, host, proto, lanAddresses }: JoinOriginInput): string | null {
  const configured = publicOrigin(publicUrl);
  if (configured) return configured;
  if (!host || !HOST.test(host)) return null;
  const [, name = host, port] = /^(.*?)(?::(\d{1,5}))?$/.exec(host) ?? [];
  const lan = lanAddresses[0];
  if (LOOPBACK.test(name) && lan) return `${proto}://${lan}${port ? `:${port}` : ""}`;
  return `${proto}://${host}`;
}

/** Private-network addresses first (192.168/16, 10/8, 172.16/12), in the order given. */
export function rankLanAddresses(addresses: readonly string[]): string[] {
  const isPrivate = (a: string) => /^(192\.168\.|10\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a);
  return [...addresses.filter(isPrivate), ...addresses.filter((a) => !isPrivate(a))];
}
