// Session ownership leases (server/cluster/lease.ts) on a real Redis: one owner at a time, tokens
// that only grow, renewal only by the holder, takeover after expiry, release only of one's own.
import { afterAll, beforeAll, expect, it } from "vitest";
import { LeaseManager } from "../../server/cluster/lease";
import { connectTestRedis, type TestRedis } from "../helpers/redis";

let redis: TestRedis;
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await redis.close();
});

function manager(processId: string, ttlMs = 4000): LeaseManager {
  return new LeaseManager(redis.client, { prefix: redis.prefix, processId, ttlMs });
}

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it("one process owns a session at a time; asking again renews its own lease with the same token", async () => {
  const a = manager("a");
  const b = manager("b");
  const lease = await a.acquire("K7PQ2M");
  expect(lease).toEqual({ code: "K7PQ2M", token: 1 });
  expect(await b.acquire("K7PQ2M")).toBeNull();
  expect(await a.acquire("K7PQ2M")).toEqual(lease);
  expect(await a.owner("K7PQ2M")).toEqual({ processId: "a", token: 1 });
  // other sessions are independent
  expect(await b.acquire("ZZZZZZ")).toEqual({ code: "ZZZZZZ", token: 1 });
});

it("an expired lease is taken over with a greater token; the old holder can no longer renew or release it", async () => {
  const old = manager("old", 150);
  const next = manager("next", 4000);
  const first = (await old.acquire("TAKEOV"))!;
  expect(await old.renew(first)).toBe(true);
  // the old owner stops renewing (killed, paused): the lease runs out
  await until(async () => (await next.acquire("TAKEOV")) !== null);
  const second = (await next.owner("TAKEOV"))!;
  expect(second.processId).toBe("next");
  expect(second.token).toBeGreaterThan(first.token);
  expect(await old.renew(first)).toBe(false);
  await old.release(first);
  expect(await next.owner("TAKEOV")).toEqual(second);
});

it("a released lease is free at once, and the next holder still gets a greater token", async () => {
  const a = manager("a");
  const b = manager("b");
  const first = (await a.acquire("FREEUP"))!;
  await a.release(first);
  expect(await a.owner("FREEUP")).toBeNull();
  const second = (await b.acquire("FREEUP"))!;
  expect(second.token).toBe(first.token + 1);
});

it("many processes racing for one session: exactly one wins", async () => {
  const managers = Array.from({ length: 12 }, (_, i) => manager(`p${i}`));
  const results = await Promise.all(managers.map((m) => m.acquire("RACE23")));
  expect(results.filter((lease) => lease !== null)).toHaveLength(1);
});

it("refuses process ids that would make the lease value ambiguous", () => {
  expect(() => manager("a:b")).toThrow(/process id/);
  expect(() => manager("")).toThrow(/process id/);
});
