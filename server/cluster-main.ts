// `npm run serve:cluster`: N server processes behind one port on one machine. The primary process
// listens and hands every connection to a worker (@socket.io/sticky: an Engine.IO session keeps to
// its worker, so long-polling works; least-connection balancing); each worker is the whole server
// (server/app.ts) on the shared PostgreSQL database and Redis. A worker that dies is started
// again; its sessions move to the other workers within seconds (docs/architecture.md "Scale-out").
// Several machines: run `npm run serve` on each behind a load balancer (README).
import cluster from "node:cluster";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import { setupMaster } from "@socket.io/sticky";
import { startServer } from "./app";
import { configFromEnv } from "./config";
import { databaseTarget } from "./db/url";
import { migrateDatabase } from "./db/migrate";

const config = configFromEnv();

if (cluster.isPrimary) {
  const database = databaseTarget(config.databaseUrl);
  if (database.provider !== "postgresql" || !config.redisUrl) {
    throw new Error("serve:cluster needs DATABASE_URL=postgresql://… and REDIS_URL=redis://… (README)");
  }
  const workers = Number(process.env.WORKERS ?? availableParallelism());
  if (!Number.isInteger(workers) || workers < 1)
    throw new Error(`WORKERS must be a number ≥ 1, got "${process.env.WORKERS}"`);
  await migrateDatabase(database); // once here; the workers then find nothing to apply
  // the primary hands the first chunk of each connection over with it: a Buffer, which the default
  // JSON serialization of the IPC channel would not keep (@socket.io/sticky's README)
  cluster.setupPrimary({ serialization: "advanced" });
  const http = createServer();
  setupMaster(http, { loadBalancingMethod: "least-connection" });
  let stopping = false;
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}): starting another`);
    cluster.fork();
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  http.listen(config.port, config.host, () => {
    console.log(`Activation Lab on http://localhost:${config.port}: ${workers} processes, one address`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopping = true;
      http.close();
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
} else {
  const server = await startServer({ ...config, sticky: true });
  console.log(`worker ${process.pid} ready (${config.dev ? "development" : "production"})`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void server.close().finally(() => process.exit(0));
    });
  }
}
