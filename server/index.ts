// Entry point: `node --import tsx server/index.ts` (npm run serve / npm start / npm run dev).
import { startServer } from "./app";
import { configFromEnv } from "./config";

const config = configFromEnv();
const server = await startServer(config);
console.log(`Activation Lab on ${server.url} (${config.dev ? "development" : "production"})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
