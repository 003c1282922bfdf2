// What the API handlers receive: the server's services (server/services.ts), created once per
// server by startServer (never module globals).
export type { Services as ApiServices } from "../services";
