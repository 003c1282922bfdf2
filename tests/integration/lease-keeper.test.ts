// The lease keeper (server/cluster/lease-keeper.ts) on a real Redis, its thread renewing while this
// (main) thread is blocked: a lease outlives a block longer than itself as long as the block is
// shorter than the allowed stall; past the allowed stall the lease runs out, and once the main
// thread runs again the keeper reports it lost.
import { afterAll, beforeAll, expect, it } from "vitest";
import { LeaseManager } from "../../server/cluster/lease";
import { LeaseKeeper } from "../../server/cluster/lease-keeper";
import type { Lease } from "../../server/cluster/lease";
import { connectTestRedis, TEST_REDIS_URL, type TestRedis } from "../helpers/redis";

const TTL_MS = 800;
const STALL_MS = 2500;

let redis: TestRedis;
let keeper: LeaseKeeper;
let leases: LeaseManager;
const lost: Lease[] = [];

beforeAll(async () => {
  redis = await connectTestRedis();
  const options = { prefix: redis.prefix, processId: "keeper-test", ttlMs: TTL_MS };
  leases = new LeaseManager(redis.client, options);
  keeper = await LeaseKeeper.start({ ...options, redisUrl: TEST_REDIS_URL, stallMs: STALL_MS, logError: () => {} });
  keeper.onLost = (lease) => lost.push(lease);
});

afterAll(async () => {
  await keeper?.close();
  await redis?.close();
});

/** this thread does nothing else for `ms`: no timers, no I/O (the keeper's thread runs on) */
function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("keeps a held lease through a block of the main thread longer than the lease", async () => {
  const lease = (await leases.acquire("BUSYOK"))!;
  keeper.hold(lease);
  blockFor(2.5 * TTL_MS); // < STALL_MS
  expect(await leases.owner("BUSYOK")).toEqual({ processId: "keeper-test", token: lease.token });
  await settle(2 * TTL_MS);
  expect(lost).toEqual([]);
  // dropped: no longer renewed, it runs out
  keeper.drop(lease);
  await settle(3 * TTL_MS);
  expect(await leases.owner("BUSYOK")).toBeNull();
  expect(lost).toEqual([]);
});

it("lets the leases run out when the main thread is silent past the allowed stall, and reports them lost after", async () => {
  const lease = (await leases.acquire("HUNGUP"))!;
  keeper.hold(lease);
  blockFor(STALL_MS + 3 * TTL_MS);
  expect(await leases.owner("HUNGUP")).toBeNull();
  // the heartbeat is back: the keeper asks at once and finds the lease gone
  await settle(5 * TTL_MS);
  expect(lost).toEqual([lease]);
});
