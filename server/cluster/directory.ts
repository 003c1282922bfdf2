// Live sessions when several processes serve them (REDIS_URL): code → a SessionRef (session-ref.ts)
// for this process's sockets, and the sessions this process owns. Owning a session is holding its
// lease (lease.ts): taken when a socket asks for a session that nobody holds, renewed every third
// of its lifetime by the lease keeper's thread (lease-keeper.ts: a busy event loop does not lose
// it, a hung one does), given up when the session ends or idles, lost when a renewal fails (then
// the Room is dropped at once). Taking a session over writes the lease's fencing token into the
// session's row (store.claim) before it is loaded, so whatever an older owner still tries to write
// after that changes nothing (docs/architecture.md "Scale-out").
import type { LiveStatus } from "../http/services";
import type { SessionDirectory } from "../live/directory";
import { joinRoom, recoverIn, type Joined } from "../live/port";
import type { Connection } from "../live/presence";
import type { Room } from "../live/room";
import type { LiveStore } from "../live/store";
import type { Actor } from "../../lib/session/rules";
import type { Snapshot } from "../../lib/session/protocol";
import type { Cluster } from "./cluster";
import type { Lease } from "./lease";
import { SessionRef, type RefHost, type Target } from "./session-ref";
import type { OwnerReply, OwnerRequest, RemoteConnection } from "./wire";
import { runActivity } from "../live/activities";

export interface ClusterDirectoryOptions {
  cluster: Cluster;
  store: LiveStore;
  /** loads a session's Room writing through `store` (fenced with the lease's token) */
  loadRoom(code: string, store: LiveStore): Promise<Room | null>;
  /** a socket of another process is no longer a member (removed, session ended): out of its rooms */
  detach(connectionId: string, code: string, actor: Actor): void;
  /** the ids of the sockets in the session's rooms on every live process (Socket.IO's fetchSockets) */
  sockets(code: string): Promise<Set<string>>;
  /** waits until the session's broadcasts still waiting for their frame have gone out (live/coalesce.ts) */
  sent?(code: string): Promise<void> | null;
  /** an owned session without connections is given up after this long (default 10 min) */
  idleMs?: number;
  logError?: (message: string, error: unknown) => void;
}

interface Owned {
  room: Room;
  lease: Lease;
  /** connections no live process had at the last look (gone with a killed process?) */
  missing: Set<string>;
}

/** how often (in looks at the owned sessions, every third of a lease) an owner looks for connections of processes that died */
const PRUNE_EVERY = 5;
/** a ref to another process's session, with no socket of this process in it, is kept this long after its last lookup */
const UNUSED_REF_MS = 60_000;

export class ClusterDirectory implements SessionDirectory, RefHost {
  private readonly owned = new Map<string, Owned>();
  private readonly taking = new Map<string, Promise<Target | null | "behind">>();
  private readonly refs = new Map<string, SessionRef>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private looks = 0;
  /** leases the keeper lost while their session was still loading ("code:token") */
  private readonly lostWhileTaking = new Set<string>();
  private readonly logError: (message: string, error: unknown) => void;

  constructor(private readonly options: ClusterDirectoryOptions) {
    this.logError = options.logError ?? ((message, error) => console.error(message, error));
    options.cluster.bus.serve((body) => this.serve(body as OwnerRequest));
    options.cluster.keeper.onLost = (lease) => this.lost(lease);
    this.timer = setInterval(() => void this.tend(), Math.max(100, options.cluster.leases.ttlMs / 3));
    this.timer.unref();
  }

  get bus() {
    return this.options.cluster.bus;
  }

  async get(code: string): Promise<SessionRef | null> {
    if (this.closed) return null;
    const ref = this.refs.get(code) ?? new SessionRef(code, this);
    ref.lastUsedAt = Date.now();
    if (!(await ref.current())) return null;
    this.refs.set(code, ref);
    return ref;
  }

  leaseOwner(code: string) {
    return this.options.cluster.leases.owner(code);
  }

  owns(code: string, token: number): boolean {
    return this.owned.get(code)?.lease.token === token;
  }

  async locate(code: string): Promise<Target | null> {
    const { leases, processId } = this.options.cluster;
    for (let attempt = 0; attempt < 20 && !this.closed; attempt++) {
      const owned = this.owned.get(code);
      if (owned) return { kind: "local", room: owned.room, token: owned.lease.token };
      const taking = await this.taking.get(code);
      if (taking !== undefined && taking !== "behind") return taking;
      if (taking === "behind") continue;
      const owner = await leases.owner(code);
      if (owner && owner.processId !== processId) return { kind: "remote", ...owner };
      // no such session: answered by the database, without a lease and a fence counter in Redis
      // for every code someone types
      if (!owner && (await this.options.store.ownerEpoch(code)) === null) return null;
      const lease = await leases.acquire(code); // nobody holds it (or we do): ours
      if (!lease) continue; // another process was quicker: look again
      if (this.owned.has(code) || this.taking.has(code)) continue;
      // renewed from now on, while the session loads (a slow load must not lose it)
      this.options.cluster.keeper.hold(lease);
      const took = this.take(code, lease).finally(() => this.taking.delete(code));
      this.taking.set(code, took);
      const target = await took;
      if (target !== "behind") return target;
    }
    throw new Error(`live session ${code}: no owner found`);
  }

  status(): LiveStatus {
    const { cluster } = this.options;
    return {
      redis: cluster.connected ? "connected" : "disconnected",
      ownedSessions: this.owned.size,
      processId: cluster.processId,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.taking.values()]);
    await Promise.all([...this.owned.keys()].map((code) => this.giveUp(code)));
  }

  /**
   * Takes a session over: its row carries our token first, then it is loaded from the database.
   * "behind": the row holds a newer token than Redis gave (Redis lost its counter): raised, try again.
   */
  private async take(code: string, lease: Lease): Promise<Target | null | "behind"> {
    const { store, cluster } = this.options;
    try {
      if (!(await store.claim(code, lease.token))) {
        const epoch = await store.ownerEpoch(code);
        await this.letGo(lease);
        if (epoch === null) return null; // no such session
        await cluster.leases.raiseFence(code, epoch);
        return "behind";
      }
      const room = await this.options.loadRoom(code, store.fenced(lease.token));
      if (!room || this.closed) {
        await this.letGo(lease);
        return null;
      }
      if (this.lostWhileTaking.delete(`${code}:${lease.token}`)) {
        room.stop(); // the lease ran out while loading: look again who owns it
        return "behind";
      }
      this.owned.set(code, { room, lease, missing: new Set() });
      return { kind: "local", room, token: lease.token };
    } catch (error) {
      await this.letGo(lease).catch(() => {});
      throw error;
    }
  }

  /** Stops renewing the lease and gives it up. */
  private async letGo(lease: Lease): Promise<void> {
    this.options.cluster.keeper.drop(lease);
    await this.options.cluster.leases.release(lease);
  }

  release(code: string): Promise<void> {
    return this.giveUp(code);
  }

  /** Writes what the room holds, then lets another process have the session. */
  private async giveUp(code: string): Promise<void> {
    const owned = this.owned.get(code);
    if (!owned) return;
    this.owned.delete(code);
    this.refs.get(code)?.forget();
    try {
      await owned.room.close();
    } finally {
      await this.letGo(owned.lease).catch(() => {});
    }
  }

  /** The lease keeper could not renew a lease: another process may own the session now. */
  private lost(lease: Lease): void {
    const owned = this.owned.get(lease.code);
    if (owned?.lease.token !== lease.token) {
      if (this.taking.has(lease.code)) this.lostWhileTaking.add(`${lease.code}:${lease.token}`);
      return; // still loading (take() looks), or given up meanwhile
    }
    // stop answering for it (its writes would be fenced off anyway)
    this.owned.delete(lease.code);
    this.refs.get(lease.code)?.forget();
    owned.room.stop();
  }

  /** Gives up idle sessions, forgets unused refs, now and then looks for connections of dead processes. */
  private async tend(): Promise<void> {
    if (this.closed) return;
    const now = Date.now();
    for (const [code, owned] of [...this.owned]) {
      if (owned.room.idleFor(now) > (this.options.idleMs ?? 10 * 60_000)) await this.giveUp(code);
    }
    // a ref without sockets is forgotten only once unused for a while: a join between its lookup
    // and its socket's arrival must find the ref it was given still here, or that socket would not
    // be announced to the next owner after a failover
    for (const [code, ref] of this.refs) {
      if (ref.connectionCount === 0 && !ref.local && now - ref.lastUsedAt > UNUSED_REF_MS) this.refs.delete(code);
    }
    if (++this.looks % PRUNE_EVERY === 0) await this.prune();
  }

  /**
   * A process that dies takes its sockets along without saying so: a connection that no live
   * process has in the session's rooms twice in a row (a join may be between two looks once) is
   * counted as gone, so the roster stops showing its member online.
   */
  private async prune(): Promise<void> {
    for (const [code, owned] of [...this.owned]) {
      if (this.closed) return;
      let live: Set<string>;
      try {
        live = await this.options.sockets(code);
      } catch {
        continue; // a process did not answer in time: look next time
      }
      const missing = new Set(owned.room.connectionIds.filter((id) => !live.has(id)));
      for (const id of missing) if (owned.missing.has(id)) owned.room.disconnect(id);
      owned.missing = missing;
    }
  }

  /**
   * Another process asks the owner: answered when this process owns the session with that token;
   * an answer goes back once the `applied` it caused are sent (the asker sees them before its ack).
   */
  private async serve(request: OwnerRequest): Promise<OwnerReply> {
    const reply = await this.answer(request);
    const waiting = this.options.sent?.(request.code);
    if (waiting) await waiting;
    return reply;
  }

  private async answer(request: OwnerRequest): Promise<OwnerReply> {
    const owned = this.owned.get(request.code);
    if (!owned || owned.lease.token !== request.token) return { notOwner: true };
    const { room } = owned;
    const connection = ({ id, actor }: RemoteConnection): Connection => ({
      id,
      actor,
      detach: () => this.options.detach(id, request.code, actor),
    });
    switch (request.op) {
      case "join": {
        let sent: { ok: true; joined: Joined; snapshot: Snapshot } | null = null;
        const refused = await joinRoom(
          room,
          request.request,
          (joined) => connection({ id: request.connectionId, actor: joined.actor }),
          (joined, snapshot) => (sent = { ok: true, joined, snapshot }),
        );
        return { value: refused ?? sent };
      }
      case "recover": {
        const status = recoverIn(room, request.connection.actor);
        if (status === "ok") room.connect(connection(request.connection));
        return { value: status };
      }
      case "connect":
        for (const each of request.connections) room.connect(connection(each));
        return { value: null };
      case "disconnect":
        room.disconnect(request.connectionId);
        return { value: null };
      case "snapshot":
        return { value: room.snapshot(request.actor) };
      case "apply": {
        const { action, actor, op: _op, code: _code, token: _token, ...options } = request;
        return { value: await room.apply(action, actor, options) };
      }
      case "round":
        return { value: await room.round(request.request) };
      case "answer":
        return { value: await room.answer(request.actor, request.request) };
      case "roundStatus":
        return { value: room.roundStatus(request.actor) };
      case "activity":
        // the request was parsed for this event by the sending process's socket layer
        return { value: await runActivity(room, request.event, request.actor, request.request as never) };
      case "end":
        await room.end();
        await this.giveUp(request.code);
        return { value: { ok: true } };
    }
  }
}
