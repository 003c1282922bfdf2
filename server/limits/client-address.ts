// Who is asking: the client address that per-address limits count against. The peer of the TCP
// connection, unless that peer is a configured trusted proxy (TRUSTED_PROXIES): then the
// X-Forwarded-For header names the client — read from the right, skipping trusted proxies, since
// anything to the left of the first untrusted hop may have been written by the client itself.
// Without TRUSTED_PROXIES the header is ignored: anyone could send one.
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

/** `127.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`: addresses or subnets, comma-separated. */
export function parseTrustedProxies(text: string | undefined): BlockList {
  const list = new BlockList();
  for (const raw of (text ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, prefix] = entry.split("/") as [string, string | undefined];
    const family = isIP(address);
    const bits = prefix === undefined ? null : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (family === 0 || (bits !== null && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or subnet (e.g. 127.0.0.1 or 10.0.0.0/8)`);
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === null) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
}

/** `::ffff:10.1.2.3` (an IPv4 client on a dual-stack socket) is `10.1.2.3`. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The client's address for `req` (see above); "unknown" if the socket has none (closed). */
export function clientAddress(req: IncomingMessage, proxies: BlockList): string {
  let address = plain(req.socket.remoteAddress ?? "unknown");
  if (!trusted(proxies, address)) return address;
  const header = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((hop) => plain(hop.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) break; // garbage: the last trusted hop is all we know
    address = hop;
    if (!trusted(proxies, hop)) break;
  }
  return address;
}

/**
 * The key an address is counted under: an IPv4 address itself; for IPv6 its /64 network, since
 * one subscriber commonly holds a whole /64 and could otherwise pick a new address per request.
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail = ""] = address.toLowerCase().split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
