// Requests between server processes over Redis pub/sub (server/cluster/bus.ts), on a real Redis.
import { afterAll, beforeAll, expect, it } from "vitest";
import { BusError, ProcessBus } from "../../server/cluster/bus";
import { connectTestRedis, type TestRedis } from "../helpers/redis";

let redis: TestRedis;
const buses: ProcessBus[] = [];
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  await redis.close();
});

async function bus(processId: string, timeoutMs?: number): Promise<ProcessBus> {
  const opened = await ProcessBus.open(redis.client, {
    prefix: redis.prefix,
    processId,
    timeoutMs,
    logError: () => {},
  });
  buses.push(opened);
  return opened;
}

it("a request reaches the named process and its answer comes back", async () => {
  const owner = await bus("owner");
  const other = await bus("other");
  owner.serve(async (body) => ({ echoed: body, by: "owner" }));
  other.serve(async () => ({ by: "other" }));
  await expect(other.request("owner", { op: 1 })).resolves.toEqual({ echoed: { op: 1 }, by: "owner" });
  await expect(owner.request("other", null)).resolves.toEqual({ by: "other" });
});

it("many requests in flight each get their own answer", async () => {
  const owner = await bus("counter");
  const client = await bus("caller");
  owner.serve(async (body) => (body as number) * 2);
  const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => client.request("counter", i)));
  expect(answers).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
});

it("a process that is not listening is reported at once, not after the timeout", async () => {
  const client = await bus("lonely", 60_000);
  const started = Date.now();
  const error = await client.request("nobody-here", {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BusError);
  expect((error as BusError).reason).toBe("unreachable");
  expect(Date.now() - started).toBeLessThan(30_000); // far below the request's 60 s timeout
});

it("a handler that throws answers a failure; one that never answers times out", async () => {
  const owner = await bus("broken");
  const client = await bus("asker", 300);
  owner.serve(async (body) => {
    if (body === "throw") throw new Error("boom");
    return new Promise(() => {}); // never
  });
  const failed = await client.request("broken", "throw").catch((e: unknown) => e);
  expect((failed as BusError).reason).toBe("remote");
  const slow = await client.request("broken", "hang").catch((e: unknown) => e);
  expect((slow as BusError).reason).toBe("timeout");
});

it("a process that stops listening with a request in hand: the request fails `gone` within a second, not at its timeout", async () => {
  const doomed = await bus("doomed");
  doomed.serve(() => new Promise(() => {})); // received, never answered: as if killed right after
  const caller = await bus("survivor", 30_000);
  const started = Date.now();
  const asked = caller.request("doomed", { op: "answer" });
  asked.catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 100));
  await doomed.close(); // its channel has no listener any more, as after kill -9
  await expect(asked).rejects.toMatchObject({ reason: "gone" });
  expect(Date.now() - started).toBeLessThan(3000);
});
