// End-to-end tests against the production build, served by the real server (server/index.ts):
// run `npm run build` first (`npm test` does). Browser: Debian's Chromium, not a downloaded one.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./tests/helpers/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3107);
// A fresh database per run. Set once in the runner process; workers inherit the variable.
process.env.E2E_DATABASE_FILE ??= join(tmpdir(), `activation-lab-e2e-${Date.now()}-${process.pid}.db`);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  // one retry: a test that passes only on its retry is listed as "flaky" in the report, to be fixed
  retries: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node --import tsx server/index.ts",
    url: `http://127.0.0.1:${PORT}/`,
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${process.env.E2E_DATABASE_FILE}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
