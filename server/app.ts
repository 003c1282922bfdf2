// One HTTP server on one port: the app's /api routes, Socket.IO, and Next.js for everything else.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { Server as SocketServer } from "socket.io";
import type { ServerConfig } from "./config";

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions extends ServerConfig {
  /** false serves only /api and Socket.IO (integration tests that do not need pages) */
  withNext?: boolean;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  let handlePage: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  if (options.withNext !== false) {
    const app = next({ dev: options.dev, dir: process.cwd() });
    await app.prepare();
    const handler = app.getRequestHandler();
    handlePage = (req, res) => handler(req, res);
  }

  const server = createServer((req, res) => {
    if (handlePage) {
      void handlePage(req, res);
    } else {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "not_found", message: "no such route" } }));
    }
  });
  const io = new SocketServer(server);

  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    async close() {
      await io.close();
      server.closeAllConnections();
    },
  };
}
