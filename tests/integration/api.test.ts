// The HTTP API against the real server (no Next): health, forward, and every refusal.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FORWARD_ROWS } from "../../lib/api/forward";
import { referenceForward } from "../../lib/network/reference";
import type { Network } from "../../lib/network/schema";
import { TEST_DATABASE } from "../helpers/database";
import { startTestServer, type TestServer } from "../helpers/server";

const SEED: Network = {
  format: "activation-lab/network@1",
  inputs: ["x1", "x2"],
  layers: [{ activation: "sigmoid", neurons: [{ weights: [0.5, 0.2], bias: 0.1 }] }],
};

const DEEP: Network = {
  format: "activation-lab/network@1",
  inputs: ["x1", "x2"],
  layers: [
    {
      activation: "tanh",
      neurons: [
        { weights: [0.5, 0.2], bias: 0.1 },
        { weights: [-1, 1], bias: 0, activation: "relu", label: "h2" },
        { weights: [2, -3], bias: -0.5, activation: "leaky_relu" },
      ],
    },
    {
      activation: "softplus",
      neurons: [
        { weights: [1, 0.5, -0.25], bias: 0.3 },
        { weights: [-0.7, 0.1, 1.2], bias: 0, activation: "step" },
      ],
    },
    { activation: "sigmoid", neurons: [{ weights: [1.5, -0.7], bias: 0.2 }] },
  ],
};

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function call(method: string, path: string, body?: string, contentType = "application/json"): Promise<Answer> {
  const response = await fetch(server.url + path, {
    method,
    headers: body === undefined ? {} : { "content-type": contentType },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const forward = (payload: unknown) => call("POST", "/api/forward", JSON.stringify(payload));

function expectRefusal(answer: Answer, status: number, code: string, path?: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(answer.body.error.code).toBe(code);
  expect(typeof answer.body.error.message).toBe("string");
  expect(answer.body.error.message.length).toBeGreaterThan(0);
  if (path !== undefined) expect(answer.body.error.path).toBe(path);
  expect(JSON.stringify(answer.body)).not.toMatch(/\bat .*\.ts:\d+/); // never a stack
}

describe("GET /api/health", () => {
  it("answers with the database and the kernel", async () => {
    const answer = await call("GET", "/api/health");
    expect(answer.status).toBe(200);
    // one process without Redis: it owns every session it has in memory
    expect(answer.body).toMatchObject({ ok: true, database: TEST_DATABASE, redis: "off", kernel: "wasm" });
    expect(answer.body.ownedSessions).toEqual(expect.any(Number));
    expect(["simd", "scalar"]).toContain(answer.body.kernelBuild);
  });
});

describe("POST /api/forward", () => {
  it("computes the seed example", async () => {
    const answer = await forward({ network: SEED, inputs: [[1, 1]] });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toHaveLength(1);
    const [layer] = answer.body.results[0].layers;
    expect(layer.z).toHaveLength(1);
    expect(layer.z[0]).toBeCloseTo(0.8, 12);
    expect(layer.a[0]).toBeCloseTo(0.689974481, 6);
  });

  it("matches the reference implementation on a deeper network", async () => {
    const rows = [
      [1, 1],
      [0, 0],
      [-2.5, 3],
      [1000, -1000],
      [0.125, -0.75],
    ];
    const answer = await forward({ network: DEEP, inputs: rows });
    expect(answer.status).toBe(200);
    const expected = referenceForward(DEEP, rows);
    expect(answer.body.results).toHaveLength(rows.length);
    answer.body.results.forEach((result: { layers: { z: number[]; a: number[] }[] }, r: number) => {
      expect(result.layers).toHaveLength(DEEP.layers.length);
      result.layers.forEach((layer, l) => {
        const want = expected[r]!.layers[l]!;
        layer.z.forEach((z, j) =>
          expect(Math.abs(z - want.z[j]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(want.z[j]!))),
        );
        layer.a.forEach((a, j) =>
          expect(Math.abs(a - want.a[j]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(want.a[j]!))),
        );
      });
    });
  });

  it(`accepts ${MAX_FORWARD_ROWS} rows`, async () => {
    const rows = Array.from({ length: MAX_FORWARD_ROWS }, (_, i) => [i / 1000, -i / 2000]);
    const answer = await forward({ network: SEED, inputs: rows });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toHaveLength(MAX_FORWARD_ROWS);
    expect(answer.body.results[MAX_FORWARD_ROWS - 1].layers[0].z[0]).toBeCloseTo(0.5 * 9.999 + 0.2 * -4.9995 + 0.1, 10);
  });
});

describe("refusals", () => {
  it("refuses a body that is not JSON", async () => {
    expectRefusal(await call("POST", "/api/forward", '{"network": '), 400, "invalid_json");
    expectRefusal(await call("POST", "/api/forward", ""), 400, "invalid_json");
  });

  it("refuses a body that is not sent as JSON", async () => {
    expectRefusal(
      await call("POST", "/api/forward", JSON.stringify({ network: SEED, inputs: [[1, 1]] }), "text/plain"),
      415,
      "unsupported_media_type",
    );
  });

  it("refuses a body of the wrong shape", async () => {
    expectRefusal(await forward([1, 2]), 400, "invalid_request");
    expectRefusal(await forward({ network: SEED }), 400, "invalid_request", "inputs");
    expectRefusal(await forward({ inputs: [[1, 1]] }), 400, "invalid_request", "network");
    expectRefusal(await forward({ network: SEED, inputs: [[1, 1]], extra: 1 }), 400, "invalid_request");
  });

  it("refuses an invalid network with the path of the field", async () => {
    const wrongWeights: Network = {
      ...SEED,
      layers: [
        {
          activation: "tanh",
          neurons: [
            { weights: [1, 1], bias: 0 },
            { weights: [1], bias: 0 },
          ],
        },
      ],
    };
    expectRefusal(
      await forward({ network: wrongWeights, inputs: [[1, 1]] }),
      422,
      "invalid_network",
      "network.layers.0.neurons.1.weights",
    );
    const badActivation = { ...SEED, layers: [{ activation: "swish", neurons: [{ weights: [1, 1], bias: 0 }] }] };
    expectRefusal(
      await forward({ network: badActivation, inputs: [[1, 1]] }),
      422,
      "invalid_network",
      "network.layers.0.activation",
    );
    const answer = await forward({ network: { ...SEED, format: "other" }, inputs: [[1, 1]] });
    expectRefusal(answer, 422, "invalid_network", "network.format");
    expect(answer.body.error.message).toMatch(/^network\.format: /);
  });

  it(`refuses more than ${MAX_FORWARD_ROWS} rows`, async () => {
    const rows = Array.from({ length: MAX_FORWARD_ROWS + 1 }, () => [1, 1]);
    expectRefusal(await forward({ network: SEED, inputs: rows }), 422, "too_many_rows", "inputs");
  });

  it("refuses an empty list of rows", async () => {
    expectRefusal(await forward({ network: SEED, inputs: [] }), 422, "invalid_inputs", "inputs");
  });

  it("refuses a row with the wrong number of values", async () => {
    expectRefusal(await forward({ network: SEED, inputs: [[1, 1], [1]] }), 422, "invalid_inputs", "inputs.1");
    expectRefusal(await forward({ network: SEED, inputs: [[1, 1, 1]] }), 422, "invalid_inputs", "inputs.0");
    expectRefusal(await forward({ network: SEED, inputs: [3] }), 422, "invalid_inputs", "inputs.0");
  });

  it("refuses input values that are not finite numbers in [-1000, 1000]", async () => {
    const raw = (inputs: string) =>
      call("POST", "/api/forward", `{"network": ${JSON.stringify(SEED)}, "inputs": ${inputs}}`);
    expectRefusal(await raw("[[1, 1e999]]"), 422, "invalid_inputs", "inputs.0.1"); // JSON.parse gives Infinity
    expectRefusal(await raw("[[1, -1e999]]"), 422, "invalid_inputs", "inputs.0.1");
    expectRefusal(await raw("[[1001, 0]]"), 422, "invalid_inputs", "inputs.0.0");
    expectRefusal(await raw("[[0, 0], [0, -1000.5]]"), 422, "invalid_inputs", "inputs.1.1");
    expectRefusal(await raw('[["1", 0]]'), 422, "invalid_inputs", "inputs.0.0");
    expectRefusal(await raw("[[null, 0]]"), 422, "invalid_inputs", "inputs.0.0");
  });

  it("refuses a huge body announced by its content-length", async () => {
    const huge = JSON.stringify({ network: SEED, inputs: Array.from({ length: 400_000 }, () => [0.123456, 0.654321]) });
    expect(huge.length).toBeGreaterThan(4 * 1024 * 1024);
    expectRefusal(await call("POST", "/api/forward", huge), 413, "body_too_large");
  });

  it("stops reading a huge chunked body as soon as it passes the limit", async () => {
    const chunk = Buffer.alloc(64 * 1024, "1");
    const answer = await new Promise<{ status: number; body: { error: { code: string } }; sent: number }>(
      (resolve, reject) => {
        let sent = 0;
        const req = request(server.url + "/api/forward", {
          method: "POST",
          headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
        });
        req.on("response", (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), sent }));
        });
        req.on("error", reject);
        req.write('{"network": {}, "inputs": [');
        // keep sending up to 64 MiB unless the server answers first
        const pump = () => {
          while (sent < 64 * 1024 * 1024 && !req.destroyed) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
          req.end();
        };
        pump();
      },
    );
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe("body_too_large");
    expect(answer.sent).toBeLessThan(16 * 1024 * 1024); // socket buffers, not the 64 MiB offered
  });

  it("answers 404 to an unknown API route", async () => {
    expectRefusal(await call("GET", "/api/nothing-here"), 404, "not_found");
    expectRefusal(await call("GET", "/api"), 404, "not_found");
    expectRefusal(await call("POST", "/api/forward/extra", "{}"), 404, "not_found");
  });

  it("answers 405 to a wrong method", async () => {
    const get = await call("GET", "/api/forward");
    expectRefusal(get, 405, "method_not_allowed");
    expect(get.headers.get("allow")).toBe("POST");
    const post = await call("POST", "/api/health", "{}");
    expectRefusal(post, 405, "method_not_allowed");
    expect(post.headers.get("allow")).toBe("GET");
  });

  it("still answers health after all the bad requests", async () => {
    const answer = await call("GET", "/api/health");
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(true);
    const seed = await forward({ network: SEED, inputs: [[1, 1]] });
    expect(seed.body.results[0].layers[0].z[0]).toBeCloseTo(0.8, 12);
  });
});
