// POST /api/forward runs in worker threads and streams its answer (server/forward/): against the
// real server, with the largest request the API documents. The answer is exactly Contract 2;
// while a forward call is being computed, the event loop still answers everyone else; a busy
// pool, a request over the cost budget and a client that goes away are handled by name.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "../../lib/kernel/kernel";
import type { Network } from "../../lib/network/schema";
import { heavyForwardBody } from "../helpers/heavy-forward";
import { loadTestKernel } from "../helpers/kernel";
import { createSession, LiveClient } from "../helpers/live";
import { startTestServer, type TestServer } from "../helpers/server";

let kernel: Kernel;
beforeAll(async () => {
  kernel = await loadTestKernel("simd");
});

/** A forward call with node:http: `flushed` once the whole body is on its way, `response` at the headers. */
function postForward(url: string, body: string) {
  const req = httpRequest(`${url}/api/forward`, { method: "POST", headers: { "content-type": "application/json" } });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.on("response", resolve);
    req.on("error", reject);
  });
  const flushed = new Promise<void>((resolve) => req.end(body, resolve));
  return { req, flushed, response };
}

async function text(res: IncomingMessage): Promise<string> {
  res.setEncoding("utf8");
  let all = "";
  for await (const chunk of res) all += chunk as string;
  return all;
}

describe("with the default pool", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers exactly the documented JSON, streamed, and only the outputs when asked", async () => {
    const body = JSON.parse(heavyForwardBody(1000)) as { network: Network; inputs: number[][] };
    const call = postForward(server.url, JSON.stringify(body));
    const res = await call.response;
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.headers["transfer-encoding"]).toBe("chunked");
    expect(res.headers["content-length"]).toBeUndefined();
    const expected = kernel.forward(body.network, body.inputs);
    expect(await text(res)).toBe(JSON.stringify({ results: expected }));

    const outputs = await fetch(`${server.url}/api/forward`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, return: "outputs" }),
    });
    expect(await outputs.text()).toBe(JSON.stringify({ outputs: expected.map((row) => row.layers.at(-1)!.a) }));
    const wrong = await fetch(`${server.url}/api/forward`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, return: "everything" }),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: "invalid_request", path: "return" } });
  });

  it("keeps answering health checks and live edits while the largest forward call is computed", async () => {
    const session = await createSession(server.url);
    const teacher = await LiveClient.teacher(server.url, session);
    try {
      // all of the body but its last byte, and two round trips: the server has read that much
      const body = heavyForwardBody();
      const req = httpRequest(`${server.url}/api/forward`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
      });
      let answered = false;
      const forwarded = new Promise<IncomingMessage>((resolve, reject) => {
        req.on("response", (res) => {
          answered = true;
          resolve(res);
        });
        req.on("error", reject);
      });
      await new Promise<void>((resolve) => req.write(body.slice(0, -1), () => resolve()));
      for (let i = 0; i < 2; i++) expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      req.end(body.slice(-1));
      // now the server computes: count what it answers meanwhile (a server that computes on its
      // event loop answers nothing until it is done)
      const meanwhile: string[] = [];
      for (let i = 0; !answered; i++) {
        if (i % 2 === 0) {
          expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
          if (!answered) meanwhile.push("health");
        } else {
          // paced like a drag (the session's edit budget refuses a flood, rightly: not this test's point)
          await new Promise((resolve) => setTimeout(resolve, 25));
          const ack = await teacher.act({ type: "edit", edit: { type: "setBias", layer: 0, neuron: 0, value: i } });
          expect(ack).toMatchObject({ ok: true });
          if (!answered) meanwhile.push("edit");
        }
      }
      expect(meanwhile.slice(0, 3)).toEqual(["health", "edit", "health"]);
      const res = await forwarded;
      expect(res.statusCode).toBe(200);
      expect((await text(res)).length).toBeGreaterThan(40_000_000);
    } finally {
      teacher.close();
    }
  });
});

describe("with one worker and no queue", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { forward: { workers: 1, queue: 0, maxCost: 1_000_000 } } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a call while the worker is busy (503 forward_busy, Retry-After), and frees it when the client goes away", async () => {
    // a client that does not read its answer: the worker waits for it (flow control)
    const slow = postForward(server.url, heavyForwardBody(7000));
    const res = await slow.response;
    expect(res.statusCode).toBe(200);
    res.pause();

    const busy = await fetch(`${server.url}/api/forward`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: heavyForwardBody(10),
    });
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("1");
    expect(await busy.json()).toMatchObject({ error: { code: "forward_busy" } });

    slow.req.destroy(); // the client goes away: its job is dropped
    for (;;) {
      const next = await fetch(`${server.url}/api/forward`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: heavyForwardBody(10),
      });
      await next.arrayBuffer();
      if (next.status === 200) break;
      expect(next.status).toBe(503); // the close has not reached the pool yet
    }
  });

  it("refuses a call over the cost budget per request (422 too_costly) and serves one within it", async () => {
    const over = await fetch(`${server.url}/api/forward`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: heavyForwardBody(7813), // 7 813 rows × 128 neurons = 1 000 064
    });
    expect(over.status).toBe(422);
    expect(await over.json()).toMatchObject({
      error: { code: "too_costly", path: "inputs", message: expect.stringContaining("at most 7812 rows") },
    });
    const within = await fetch(`${server.url}/api/forward`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: heavyForwardBody(7812),
    });
    expect(within.status).toBe(200);
    expect((await within.text()).length).toBeGreaterThan(30_000_000);
  });
});
