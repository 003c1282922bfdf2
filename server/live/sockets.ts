// The Socket.IO side of live sessions (docs/protocol.md): thin handlers that parse → ask the Room
// → acknowledge. Every payload is parsed with lib/session/protocol.ts; a missing ack is replaced by
// a no-op; every handler runs inside a catch, so no client can crash the process; every event
// passes the rate limits first (server/limits/live.ts: per socket, address and session).
import type { Server, Socket } from "socket.io";
import {
  CLIENT_REQUESTS,
  PROTOCOL_VERSION,
  type ClientAcks,
  type ClientEvent,
  type ClientRequests,
  type JoinAck,
  type Refused,
  type ServerToClientEvents,
} from "../../lib/session/protocol";
import type { Actor } from "../../lib/session/rules";
import { refuse } from "../../lib/validation";
import type { LiveRateLimits } from "../limits/live";
import { FanOutPacing, FRAME_MS } from "./coalesce";
import { RoomRegistry, type RegistryOptions } from "./registry";
import { scriptFor } from "../exercises/script";
import type { LiveStatus } from "../http/services";
import { labOf } from "./labs";
import type { Services } from "../services";
import { loadServerTrainingKernel } from "../kernel";
import type { TrainingKernel } from "../../lib/kernel/training-kernel";
import { evaluateOnKernel } from "../../lib/training/kernel-trainer";
import { Room, type Audience, type Connection, type RoomTransport } from "./room";
import { LocalDirectory, type SessionDirectory } from "./directory";
import { NO_SUCH_SESSION, type SessionPort } from "./port";
import { ACTIVITY_EVENTS, TEACHER_ONLY, type ActivityEvent } from "./activities";
import { ClusterDirectory } from "../cluster/directory";
import type { Cluster } from "../cluster/cluster";

/** What a socket remembers across a recovered connection (Socket.IO keeps `socket.data`). */
export interface LiveSocketData {
  live?: { code: string; actor: Actor; epoch: string };
}

// Client events are untrusted: typed as unknown and parsed in each handler.
type UntrustedEvents = Record<string, (...args: unknown[]) => void>;
export type LiveServer = Server<UntrustedEvents, ServerToClientEvents, Record<string, never>, LiveSocketData>;
type LiveSocket = Socket<UntrustedEvents, ServerToClientEvents, Record<string, never>, LiveSocketData>;

export interface LiveOptions extends RegistryOptions {
  /** connections, events, joins and fan-out per socket, address and session */
  limits: LiveRateLimits;
  /** several processes serve the sessions (REDIS_URL): each session has one owner (server/cluster) */
  cluster?: Cluster;
  /**
   * the shortest time between two `applied` messages of a session (default FRAME_MS, 0: one per
   * synchronous stretch): consecutive ops in between go out together (coalesce.ts)
   */
  frameMs?: number;
}

export interface Live {
  /** for /api/health */
  status(): LiveStatus;
  /** Writes every room's pending changes (call after io.close(), before closing the database). */
  close(): Promise<void>;
}

export const roomNames = {
  everyone: (code: string) => `live:${code}`,
  teachers: (code: string) => `live:${code}:teachers`,
  participant: (code: string, id: string) => `live:${code}:p:${id}`,
};

/** The Socket.IO rooms a member's socket is in. */
function memberRooms(code: string, member: Actor): string[] {
  const own = member.role === "teacher" ? roomNames.teachers(code) : roomNames.participant(code, member.id);
  return [roomNames.everyone(code), own];
}

function transportFor(io: LiveServer, code: string, pacing: FanOutPacing): RoomTransport {
  const names = (audience: Audience): string | string[] => {
    switch (audience.to) {
      case "everyone":
        return roomNames.everyone(code);
      case "teachers":
        return roomNames.teachers(code);
      case "participant":
        return roomNames.participant(code, audience.id);
      case "teachersAndParticipant":
        return [roomNames.teachers(code), roomNames.participant(code, audience.id)];
    }
  };
  return pacing.wrap(code, {
    send(audience, event, payload) {
      // one encoding (and one WebSocket frame, made once), written to every socket of the audience
      (io.to(names(audience)).emit as (event: string, payload: unknown) => boolean)(event, payload);
    },
  });
}

const NOT_JOINED = refuse("not_joined", "join the session first");

/**
 * Live sessions on `io`, kept in `services.sessions`; a round's truth comes from the server's one
 * kernel (precise float64). Every event passes `options.limits` first.
 */
export function attachLive(io: LiveServer, services: Services, options: LiveOptions): Live {
  const { kernel, exercises } = services;
  let trainingKernel: Promise<TrainingKernel> | null = null;
  const { limits } = options;
  const roomOptions: RegistryOptions = {
    loadForward: async () => (net, rows) => kernel.forward(net, rows),
    // the exercise a teacher switches to, with the rounds whose keys this teacher may use, as when
    // a session starts (docs/api.md); run by the session's owner process
    loadSwitch: async (request, currentSlug) => {
      const source = await exercises.open(request.exercise);
      if (!source) return refuse("no_such_exercise", `no exercise "${request.exercise}"`, "exercise");
      const script = await scriptFor(source, request.editKey, exercises);
      const first = currentSlug === null ? null : await exercises.open(currentSlug);
      const next = { slug: source.slug, title: source.exercise.title, lab: labOf(source.exercise), script };
      return { ok: true, source: next, firstTitle: first?.exercise.title ?? "" };
    },
    // the race recomputes losses with the training module the browsers train with (loaded once)
    loadRaceEvaluator: async () => {
      trainingKernel ??= loadServerTrainingKernel();
      const loaded = await trainingKernel;
      return (input) => evaluateOnKernel(loaded, input);
    },
    legacyScript: async (slug) => {
      // sessions kept before they carried their rounds: no edit key was given, so only the keys a
      // built-in lesson wrote can be used
      const source = await exercises.open(slug);
      return source ? scriptFor(source, undefined, exercises) : [];
    },
    ...options,
  };
  const pacing = new FanOutPacing(options.frameMs ?? FRAME_MS);
  const transport = (code: string) => limits.countFanOut(code, transportFor(io, code, pacing));
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const directory: SessionDirectory = options.cluster
    ? new ClusterDirectory({
        cluster: options.cluster,
        store: services.sessions,
        loadRoom: (code, store) => Room.load(code, store, transport(code), roomOptions),
        detach: (connectionId, code, actor) => io.in(connectionId).socketsLeave(memberRooms(code, actor)),
        sockets: async (code) => new Set((await io.in(roomNames.everyone(code)).fetchSockets()).map((s) => s.id)),
        sent: (code) => pacing.sent(code),
        ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
        logError,
      })
    : new LocalDirectory(new RoomRegistry(services.sessions, transport, roomOptions));
  io.use(limits.middleware);

  io.on("connection", (socket: LiveSocket) => {
    let room: SessionPort | null = null;
    let actor: Actor | null = null;
    const gate = limits.gate(socket, () => (room && actor ? { code: room.code, role: actor.role } : null));
    let joining = false;
    let ready: Promise<void> = Promise.resolve();

    const connection = (member: Actor): Connection => ({
      id: socket.id,
      actor: member,
      detach() {
        leave();
      },
    });

    const leave = () => {
      const live = socket.data.live;
      if (live) for (const name of memberRooms(live.code, live.actor)) void socket.leave(name);
      socket.data.live = undefined;
      room = null;
      actor = null;
    };

    /** The socket is a member of `joined` from now on: its rooms, its data; answers its Connection. */
    const attach = (joined: SessionPort, member: Actor, joinRooms: boolean): Connection => {
      if (joinRooms) void socket.join(memberRooms(joined.code, member));
      room = joined;
      actor = member;
      socket.data.live = { code: joined.code, actor: member, epoch: joined.epoch };
      return connection(member);
    };

    /**
     * Wraps the handler of one event of the contract (lib/session/protocol.ts CLIENT_REQUESTS):
     * rate limit, ack or no-op, membership, the payload parsed, and a catch around everything. The
     * handler's result is the ack; a handler may instead call `reply` itself, so that an answer
     * holding a snapshot goes out in the same turn as the snapshot is taken (no broadcast between).
     */
    const on = <E extends ClientEvent>(
      event: E,
      handler: (
        request: ClientRequests[E],
        reply: (answer: ClientAcks[E]) => void,
      ) => Promise<ClientAcks[E] | Refused | undefined>,
      needs: "member" | "nothing" = "member",
    ) => {
      const name: string = event; // every client event arrives untrusted: typed unknown until parsed
      socket.on(name, (...args: unknown[]) => {
        const last = args[args.length - 1];
        const ack = typeof last === "function" ? (last as (answer: unknown) => void) : () => {};
        const payload = args.length > 0 && typeof args[0] !== "function" ? args[0] : undefined;
        let replied = false;
        const reply = (answer: ClientAcks[E] | Refused) => {
          if (replied) return;
          replied = true;
          try {
            ack(answer);
          } catch (error) {
            logError(`live: ack of "${event}" failed:`, error);
          }
        };
        const limited = gate.admit(event, payload);
        if (limited) {
          reply(limited);
          return;
        }
        const run = async () => {
          await ready;
          if (needs === "member" && (!room || !actor)) return NOT_JOINED;
          const parsed = CLIENT_REQUESTS[event](payload);
          if (!parsed.ok) return parsed;
          return handler(parsed.value, reply);
        };
        run().then(
          async (answer) => {
            if (answer === undefined) return;
            // the session's `applied` still waiting for their frame go out before the ack
            const waiting = room && pacing.sent(room.code);
            if (waiting) await waiting;
            reply(answer);
          },
          (error: unknown) => {
            logError(`live: "${event}" from ${socket.id} failed:`, error);
            reply(refuse("internal", "the server could not do that"));
          },
        );
      });
    };

    /** The session and actor of a joined socket (`on` checked them before the handler runs). */
    const member = (): { room: SessionPort; actor: Actor } => {
      if (!room || !actor) throw new Error("not joined");
      return { room, actor };
    };

    on(
      "join",
      async (request, reply) => {
        if (actor || joining) return refuse("already_joined", "this connection has joined a session already");
        if (request.protocol !== PROTOCOL_VERSION) {
          return refuse("unsupported_protocol", `this server speaks protocol ${PROTOCOL_VERSION}: reload the page`);
        }
        joining = true;
        try {
          const found = await directory.get(request.code);
          if (!found) return NO_SUCH_SESSION;
          if (socket.disconnected) return refuse("disconnected", "the connection closed while joining");
          const refused = await found.join(
            request,
            socket.id,
            (joined) => attach(found, joined.actor, true),
            (joined, snapshot) => reply({ ok: true, you: joined.you, snapshot } satisfies JoinAck),
          );
          if (refused) return refused;
          // closed while a join was forwarded to another process: that one counted it connected
          if (socket.disconnected) found.disconnect(socket.id);
          return undefined;
        } finally {
          joining = false;
        }
      },
      "nothing",
    );

    on("action", async (request) => {
      const { room, actor } = member();
      return room.apply(request.action, actor, {
        ...(request.baseVersion === undefined ? {} : { baseVersion: request.baseVersion }),
        ...(request.opId === undefined ? {} : { opId: request.opId }),
        connectionId: socket.id,
      });
    });

    on("resync", async (_request, reply) => {
      const { room, actor } = member();
      await room.snapshot(actor, (snapshot) => reply({ ok: true, snapshot }));
      return undefined;
    });

    on("end", async () => {
      const { room, actor } = member();
      if (actor.role !== "teacher") return refuse("not_allowed", "only the teacher can end the session");
      await room.end();
      return { ok: true };
    });

    on("round", async (request) => {
      const { room, actor } = member();
      if (actor.role !== "teacher") return refuse("not_allowed", "only the teacher runs rounds");
      return room.round(request);
    });

    on("answer", async (request) => {
      const { room, actor } = member();
      return room.answer(actor, request);
    });

    on("roundStatus", async () => {
      const { room, actor } = member();
      return room.roundStatus(actor);
    });

    // the activities (activities.ts): who may ask, then the session's one `activity` call
    const onActivity = <E extends ActivityEvent>(event: E) =>
      on(event, async (request) => {
        const { room, actor } = member();
        const teacherOnly = TEACHER_ONLY[event];
        if (teacherOnly !== null && actor.role !== "teacher") return refuse("not_allowed", teacherOnly);
        return room.activity(event, actor, request);
      });
    for (const event of ACTIVITY_EVENTS) onActivity(event);

    socket.on("disconnect", () => {
      room?.disconnect(socket.id);
    });

    // Socket.IO recovered this connection (same id, rooms and data; missed broadcasts replayed):
    // count it as connected again, or tell it why it no longer belongs.
    const recovered = socket.recovered ? socket.data.live : undefined;
    if (recovered) {
      ready = (async () => {
        const found = await directory.get(recovered.code);
        const member = recovered.actor;
        if (socket.disconnected) return;
        const status = found ? await found.recover(attach(found, member, false)) : "ended";
        if (status === "ended") {
          leave();
          socket.emit("ended", { message: "this session has ended" });
        } else if (status === "removed") {
          leave();
          socket.emit("removed", { message: "the teacher removed you from this session" });
        } else if (found && found.epoch !== recovered.epoch) {
          // a session loaded again since (a restart, another owner): the replayed broadcasts may not
          // line up, send it all
          await found.snapshot(member, (snapshot) => socket.emit("snapshot", { reason: "reloaded", snapshot }));
        }
      })().catch((error: unknown) => {
        leave();
        logError(`live: recovering ${socket.id} failed:`, error);
      });
    }
  });

  return {
    status: () => directory.status(),
    close: () => directory.close(),
  };
}
