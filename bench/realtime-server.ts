// The real server (API + Socket.IO, no Next) as a child process, for bench/realtime.ts and the
// kill -9 test: `node --import tsx bench/realtime-server.ts` with DATABASE_FILE set. Sends
// {type: "listening", url} over IPC once it listens, and answers {type: "stats"} with its CPU time
// and memory. SIGTERM closes it cleanly (pending writes flushed).
import { startServer } from "../server/app";

const file = process.env.DATABASE_FILE;
if (!file) throw new Error("DATABASE_FILE must name the SQLite file");

const server = await startServer({
  port: Number(process.env.PORT ?? 0),
  host: "127.0.0.1",
  databaseUrl: `file:${file}`,
  dev: false,
  withNext: false,
});
const url = `http://127.0.0.1:${server.port}`;
process.send?.({ type: "listening", url });
if (!process.send) console.log(url);

process.on("message", (message: { type?: string }) => {
  if (message.type === "stats") {
    process.send?.({ type: "stats", cpu: process.cpuUsage(), rss: process.memoryUsage().rss, at: performance.now() });
  }
});

process.once("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
