// Configuration from the environment, read once at start-up (docs: README "Configuration").
import { publicOrigin } from "../lib/live/join-origin";
import { DEFAULT_DATABASE_URL } from "./db/url";

export interface ServerConfig {
  port: number;
  host: string;
  /** `file:./data/activation-lab.db` by default: a SQLite file created on first start */
  databaseUrl: string;
  dev: boolean;
  /** several processes serve the same sessions through this Redis (unset: one process, no Redis) */
  redisUrl?: string;
  /** prefix of this deployment's Redis keys (default "al:") */
  redisPrefix?: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  if (env.PUBLIC_URL && !publicOrigin(env.PUBLIC_URL)) {
    throw new Error(`PUBLIC_URL must be an http(s) URL such as http://192.168.1.20:3000, got "${env.PUBLIC_URL}"`);
  }
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    dev: env.NODE_ENV !== "production",
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    ...(env.REDIS_PREFIX ? { redisPrefix: env.REDIS_PREFIX } : {}),
  };
}
