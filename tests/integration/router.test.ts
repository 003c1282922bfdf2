// The /api router on a plain HTTP server: a handler that throws answers 500 `internal` without
// details, and the server keeps serving.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiError } from "../../server/http/reply";
import { createRouter } from "../../server/http/router";

let server: Server;
let url: string;
const logged: unknown[] = [];

beforeAll(async () => {
  const router = createRouter(
    [
      {
        method: "GET",
        path: "/api/boom",
        async handler() {
          throw new Error("secret detail /work/main/server/x.ts:12");
        },
      },
      {
        method: "GET",
        path: "/api/refuse",
        async handler() {
          throw new ApiError(409, { code: "conflict", message: "already there", path: "slug" });
        },
      },
      {
        method: "GET",
        path: "/api/items/:slug",
        async handler({ params, query }) {
          return { status: 200, body: { slug: params.slug, q: query.get("q") } };
        },
      },
    ],
    { logError: (error) => logged.push(error) },
  );
  server = createServer((req, res) => void router(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it("turns a thrown error into 500 internal without a stack", async () => {
  const response = await fetch(url + "/api/boom");
  expect(response.status).toBe(500);
  const text = await response.text();
  expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "internal server error" } });
  expect(text).not.toContain("secret");
  expect(logged).toHaveLength(1);
});

it("turns an ApiError into its refusal", async () => {
  const response = await fetch(url + "/api/refuse");
  expect(response.status).toBe(409);
  expect(await response.json()).toEqual({ error: { code: "conflict", message: "already there", path: "slug" } });
});

it("matches :params, decodes them, and ignores the query and a trailing slash", async () => {
  const response = await fetch(url + "/api/items/caf%C3%A9/?q=1");
  expect(await response.json()).toEqual({ slug: "café", q: "1" });
  expect((await fetch(url + "/api/items/%E0%A4%A")).status).toBe(404);
  expect((await fetch(url + "/api/items")).status).toBe(404);
});

it("keeps serving after a failure", async () => {
  expect((await fetch(url + "/api/boom")).status).toBe(500);
  expect((await fetch(url + "/api/items/x")).status).toBe(200);
});
