// code → the session's port (port.ts), for the sockets. One process: every session's Room is here
// (LocalDirectory over the RoomRegistry). Several processes (REDIS_URL): server/cluster/directory.ts.
import type { LiveStatus } from "../http/services";
import { LocalPort, type SessionPort } from "./port";
import type { RoomRegistry } from "./registry";
import type { Room } from "./room";

export interface SessionDirectory {
  /** the session of `code`, or null when there is none */
  get(code: string): Promise<SessionPort | null>;
  status(): LiveStatus;
  /** writes what the sessions of this process hold; serves no more */
  close(): Promise<void>;
}

export class LocalDirectory implements SessionDirectory {
  private readonly ports = new WeakMap<Room, LocalPort>();

  constructor(private readonly registry: RoomRegistry) {}

  async get(code: string): Promise<SessionPort | null> {
    const room = await this.registry.get(code);
    if (!room) return null;
    let port = this.ports.get(room);
    if (!port) {
      port = new LocalPort(room, () => this.registry.drop(code));
      this.ports.set(room, port);
    }
    return port;
  }

  status(): LiveStatus {
    return { redis: "off", ownedSessions: this.registry.size };
  }

  close(): Promise<void> {
    return this.registry.close();
  }
}
