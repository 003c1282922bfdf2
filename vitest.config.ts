import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The integration files that run a second time on PostgreSQL (TEST_DATABASE=postgresql: each file's
 * server gets a database of its own, tests/helpers/database.ts): everything that reads or writes
 * through the stores. The rest (rate limits, the router, the forward pool, the fuzz test's pure
 * parts, SQLite's own migrations) does not touch the database's engine, and runs once.
 */
const ON_POSTGRES = [
  "live",
  "live-restart",
  "rounds",
  "rounds-restart",
  "rounds-report",
  "api",
  "exercises",
  "session-exercise",
  "stored-data",
  "answer-key-routes",
  "hostile-ids",
  "fencing",
  "race",
  "network-activity",
  "network-activity-restart",
].map((name) => `tests/integration/${name}.test.ts`);

export default defineConfig({
  // the app's "@/…" imports (tsconfig paths), for the few app modules that are tested without a browser
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "sqlite", include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"] },
      },
      {
        extends: true,
        test: { name: "postgresql", include: ON_POSTGRES, env: { TEST_DATABASE: "postgresql" } },
      },
    ],
  },
});
