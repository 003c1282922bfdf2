// Redis for tests: the server of TEST_REDIS_URL (default: the local one), with a key prefix of
// its own per test file and run, whose keys are deleted afterwards, so two runs never collide.
import { randomBytes } from "node:crypto";
import { createClient, type RedisClientType } from "redis";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface TestRedis {
  client: RedisClientType;
  /** `al-test:<pid>:<random>:` */
  prefix: string;
  /** deletes every key under the prefix and closes the client */
  close(): Promise<void>;
}

export async function connectTestRedis(): Promise<TestRedis> {
  const client: RedisClientType = createClient({ url: TEST_REDIS_URL });
  client.on("error", () => {}); // reported by the calls that fail
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${TEST_REDIS_URL} (start it, or set TEST_REDIS_URL; .ci/run starts it)`,
      {
        cause: error,
      },
    );
  }
  const prefix = `al-test:${process.pid}:${randomBytes(4).toString("hex")}:`;
  return {
    client,
    prefix,
    async close() {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        const batch = Array.isArray(keys) ? keys : [keys];
        if (batch.length > 0) await client.del(batch);
      }
      await client.quit();
    },
  };
}
