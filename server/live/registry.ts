// code → Room, for one process: loads a session from the store on first use (one load even when
// many sockets ask at once), drops rooms nobody has used for a while, writes everything on close.
import type { LiveStore } from "./store";
import { Room, type RoomOptions, type RoomTransport } from "./room";

export interface RegistryOptions extends RoomOptions {
  /** a room without connections is dropped from memory after this long (default 10 min) */
  idleMs?: number;
  /** how often idle rooms are looked for (default 60 s) */
  sweepMs?: number;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | null>>();
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly store: LiveStore,
    private readonly transportFor: (code: string) => RoomTransport,
    private readonly options: RegistryOptions = {},
  ) {
    this.sweeper = setInterval(() => void this.sweep(), options.sweepMs ?? 60_000);
    this.sweeper.unref();
  }

  /** The room of `code`, loaded if needed; null when there is no such session. */
  async get(code: string): Promise<Room | null> {
    if (this.closed) return null;
    const room = this.rooms.get(code);
    if (room) return room;
    let loading = this.loading.get(code);
    if (!loading) {
      loading = Room.load(code, this.store, this.transportFor(code), this.options).then(
        (loaded) => {
          this.loading.delete(code);
          if (loaded && !this.closed) this.rooms.set(code, loaded);
          return loaded;
        },
        (error: unknown) => {
          this.loading.delete(code);
          throw error;
        },
      );
      this.loading.set(code, loading);
    }
    return loading;
  }

  /** A room already in memory (no load). */
  peek(code: string): Room | undefined {
    return this.rooms.get(code);
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Forgets a room (an ended session); it is loaded again if asked for. */
  drop(code: string): void {
    this.rooms.delete(code);
  }

  /** Drops the rooms idle for longer than idleMs, after writing what they hold. */
  async sweep(now: number = Date.now()): Promise<void> {
    const idleMs = this.options.idleMs ?? 10 * 60_000;
    for (const [code, room] of this.rooms) {
      if (room.idleFor(now) > idleMs) {
        this.rooms.delete(code);
        await room.close();
      }
    }
  }

  /** Writes every room's pending changes; the registry serves no more rooms. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.loading.values()]);
    await Promise.all([...this.rooms.values()].map((room) => room.close()));
    this.rooms.clear();
  }
}
