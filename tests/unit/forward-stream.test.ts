// POST /api/forward's answer written in pieces from the kernel's columns (server/forward/json.ts)
// is byte for byte what JSON.stringify makes of the documented answer; a forward worker
// (server/forward/worker.ts, here on a MessageChannel instead of a thread) sends only a few pieces
// ahead of what has been written out, and refuses what the API refuses.
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ACTIVATION_IDS } from "../../lib/network/activations";
import type { Kernel } from "../../lib/kernel/kernel";
import type { Network } from "../../lib/network/schema";
import { forwardJsonPieces } from "../../server/forward/json";
import { PIECES_IN_FLIGHT, type FromWorker, type ToWorker } from "../../server/forward/messages";
import { serveForwardJobs } from "../../server/forward/worker";
import { heavyNetwork } from "../helpers/heavy-forward";
import { loadTestKernel } from "../helpers/kernel";
import { randomNetwork, randomRows, seededRandom } from "../helpers/random-network";

let kernel: Kernel;
beforeAll(async () => {
  kernel = await loadTestKernel("simd");
});

function columns(net: Network, rows: number[][]) {
  kernel.runRows(net, rows);
  return {
    rows: rows.length,
    layerSizes: net.layers.map((layer) => layer.neurons.length),
    z: (l: number, j: number) => kernel.z(l, j),
    a: (l: number, j: number) => kernel.a(l, j),
  };
}

describe("the streamed answer", () => {
  it("is exactly the documented JSON, in whole rows, for every activation and any row count", () => {
    const random = seededRandom(42);
    for (const count of [1, 2, 63, 64, 65, 700]) {
      const net = randomNetwork(random, { inputs: 3, layerSizes: [5, 16, 2], scale: 3, activations: ACTIVATION_IDS });
      const rows = randomRows(random, count, 3, 50);
      const expected = JSON.stringify({ results: kernel.forward(net, rows) });
      const pieces = [...forwardJsonPieces(columns(net, rows), "layers")];
      expect(pieces.join("")).toBe(expected);

      const outputs = JSON.stringify({ outputs: kernel.forward(net, rows).map((row) => row.layers.at(-1)!.a) });
      expect([...forwardJsonPieces(columns(net, rows), "outputs")].join("")).toBe(outputs);
    }
  });

  it("comes in pieces of about 256 kB for the largest request", () => {
    const net = heavyNetwork();
    const rows = randomRows(seededRandom(1), 2000, 8, 1);
    const pieces = [...forwardJsonPieces(columns(net, rows), "layers")];
    expect(pieces.length).toBeGreaterThan(20);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeLessThan(400 * 1024);
    expect(pieces.join("")).toBe(JSON.stringify({ results: kernel.forward(net, rows) }));
  });
});

describe("a forward worker", () => {
  let ports: MessagePort[] = [];
  afterEach(() => {
    for (const port of ports) port.close();
    ports = [];
  });

  /** A worker on one end of a channel; the test holds the other end. */
  function worker() {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    const received: FromWorker[] = [];
    let wake: (() => void) | null = null;
    port1.on("message", (message: FromWorker) => {
      received.push(message);
      wake?.();
    });
    serveForwardJobs(port2, kernel);
    const send = (message: ToWorker) =>
      message.type === "job"
        ? port1.postMessage(message, [message.body.buffer as ArrayBuffer])
        : port1.postMessage(message);
    const until = async (condition: () => boolean) => {
      while (!condition()) await new Promise<void>((resolve) => (wake = resolve));
    };
    return { received, send, until };
  }

  const job = (id: number, body: unknown, maxCost = 1e9): ToWorker => ({
    type: "job",
    id,
    body: new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body)),
    maxCost,
  });

  it("sends a few pieces ahead of what was written out, then one per piece written", async () => {
    const { received, send, until } = worker();
    await until(() => received.some((m) => m.type === "ready"));
    const net = heavyNetwork();
    const rows = randomRows(seededRandom(3), 3000, 8, 1);
    send(job(7, { network: net, inputs: rows }));
    await until(() => received.filter((m) => m.type === "piece").length === PIECES_IN_FLIGHT);
    // a round trip through the worker: had it sent more, it would be here before this answer
    send(job(8, "not json"));
    await until(() => received.some((m) => m.type === "refused" && m.id === 8));
    expect(received.filter((m) => m.type === "piece")).toHaveLength(PIECES_IN_FLIGHT);
    expect(received.find((m) => m.type === "head")).toEqual({ type: "head", id: 7, cost: 3000 * 128 });
    expect(received.find((m) => m.type === "refused")).toMatchObject({ status: 400, error: { code: "invalid_json" } });
  });

  it("answers the whole of it as pieces are written, and stops when cancelled", async () => {
    const { received, send, until } = worker();
    const net = heavyNetwork();
    const rows = randomRows(seededRandom(4), 1500, 8, 1);
    send(job(1, { network: net, inputs: rows }));
    const decoder = new TextDecoder();
    let text = "";
    let seen = 0;
    for (;;) {
      await until(() => received.length > seen);
      const message = received[seen++]!;
      if (message.type === "piece") {
        text += decoder.decode(message.bytes);
        send({ type: "more", id: 1 });
      }
      if (message.type === "end") break;
    }
    expect(text).toBe(JSON.stringify({ results: kernel.forward(net, rows) }));

    send(job(2, { network: net, inputs: rows }));
    await until(() => received.filter((m) => m.type === "piece" && m.id === 2).length === PIECES_IN_FLIGHT);
    send({ type: "cancel", id: 2 });
    send({ type: "more", id: 2 }); // too late: nothing more comes for it
    send(job(3, { network: net, inputs: [[1, 1, 1, 1, 1, 1, 1, 1]], return: "outputs" }));
    await until(() => received.some((m) => m.type === "end" && m.id === 3));
    expect(received.filter((m) => m.type === "piece" && m.id === 2)).toHaveLength(PIECES_IN_FLIGHT);
    expect(received.some((m) => m.type === "end" && m.id === 2)).toBe(false);
  });

  it("refuses a request over the cost budget, naming rows × neurons", async () => {
    const { received, send, until } = worker();
    const net = heavyNetwork(); // 128 neurons
    send(job(5, { network: net, inputs: randomRows(seededRandom(5), 100, 8, 1) }, 10_000));
    await until(() => received.some((m) => m.type === "refused"));
    expect(received.find((m) => m.type === "refused")).toEqual({
      type: "refused",
      id: 5,
      status: 422,
      cost: 12_800,
      error: {
        code: "too_costly",
        path: "inputs",
        message:
          "inputs: 100 rows × 128 neurons = 12800 is over this server's budget of 10000 per request; send at most 78 rows of this network per request",
      },
    });
  });
});
