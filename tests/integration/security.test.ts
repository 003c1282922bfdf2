// Which pages may open a live connection (server/http/origin.ts), and the security headers of the
// API's answers (server/http/security-headers.ts; pages: tests/e2e/security.spec.ts). Against the
// real server with real socket.io-clients, which send the Origin header a browser page would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { io } from "socket.io-client";
import { pageCsp } from "../../server/http/security-headers";
import { connected, createSession, rawSocket } from "../helpers/live";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** "connected", or the connect_error's message */
async function outcome(socket: Socket): Promise<string> {
  try {
    await connected(socket);
    return "connected";
  } catch (error) {
    return (error as Error).message;
  } finally {
    socket.disconnect();
  }
}

describe("the Origin of a live connection", () => {
  it("is refused from another site's page, over WebSocket and over polling", async () => {
    expect(await outcome(rawSocket(server.url, { headers: { origin: "http://evil.example" } }))).not.toBe("connected");
    expect(await outcome(rawSocket(server.url, { headers: { origin: "null" } }))).not.toBe("connected");
    const polling = io(server.url, {
      transports: ["polling"],
      forceNew: true,
      reconnection: false,
      extraHeaders: { origin: `http://evil.example:${server.port}` },
    });
    expect(await outcome(polling)).not.toBe("connected");
    const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: "https://evil.example" },
    });
    expect(handshake.status).toBe(403);
    expect(await handshake.json()).toMatchObject({ message: "origin_not_allowed" });
  });

  it("is accepted from the server's own pages, from PUBLIC_URL's, and without an Origin (not a browser)", async () => {
    expect(await outcome(rawSocket(server.url, { headers: { origin: server.url } }))).toBe("connected");
    expect(await outcome(rawSocket(server.url, { headers: { origin: `https://127.0.0.1:${server.port}` } }))).toBe(
      "connected",
    );
    expect(await outcome(rawSocket(server.url))).toBe("connected");
    const polling = io(server.url, {
      transports: ["polling"],
      forceNew: true,
      reconnection: false,
      extraHeaders: { origin: server.url },
    });
    expect(await outcome(polling)).toBe("connected");

    const saved = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = "https://lab.school.example";
    try {
      expect(await outcome(rawSocket(server.url, { headers: { origin: "https://lab.school.example" } }))).toBe(
        "connected",
      );
      expect(await outcome(rawSocket(server.url, { headers: { origin: "http://lab.school.example" } }))).not.toBe(
        "connected",
      );
    } finally {
      if (saved === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = saved;
    }
  });
});

describe("security headers", () => {
  it("are on every API answer: no document, no framing, no referrer", async () => {
    const session = await createSession(server.url);
    const answers = await Promise.all([
      fetch(`${server.url}/api/health`),
      fetch(`${server.url}/api/nothing-here`),
      fetch(`${server.url}/api/reports/${session.code}/answers.csv`, {
        headers: { "x-report-key": session.teacherKey },
      }),
      fetch(`${server.url}/api/forward`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          network: {
            format: "activation-lab/network@1",
            inputs: ["x"],
            layers: [{ activation: "linear", neurons: [{ weights: [1], bias: 0 }] }],
          },
          inputs: [[1]],
        }),
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 404, 200, 200]);
    for (const answer of answers) {
      expect(answer.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(answer.headers.get("x-frame-options")).toBe("DENY");
      expect(answer.headers.get("referrer-policy")).toBe("no-referrer");
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      await answer.arrayBuffer();
    }
  });

  it("for pages: scripts only with this answer's nonce (and WebAssembly), no framing; eval only in development", () => {
    const csp = pageCsp("abc123", false);
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic' 'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(pageCsp("abc123", true)).toContain("'unsafe-eval'");
  });
});
