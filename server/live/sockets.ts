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
  type You,
} from "../../lib/session/protocol";
import type { Actor } from "../../lib/session/rules";
import { refuse } from "../../lib/validation";
import type { LiveRateLimits } from "../limits/live";
import { coalesceApplied } from "./coalesce";
import { RoomRegistry, type RegistryOptions } from "./registry";
import { scriptFor } from "../exercises/script";
import { labOf } from "./labs";
import type { Services } from "../services";
import type { Audience, Connection, Room, RoomTransport } from "./room";

/** What a socket remembers across a recovered connection (Socket.IO keeps `socket.data`). */
export interface LiveSocketData {
  live?: { code: string; actor: Actor; epoch: number };
}

// Client events are untrusted: typed as unknown and parsed in each handler.
type UntrustedEvents = Record<string, (...args: unknown[]) => void>;
export type LiveServer = Server<UntrustedEvents, ServerToClientEvents, Record<string, never>, LiveSocketData>;
type LiveSocket = Socket<UntrustedEvents, ServerToClientEvents, Record<string, never>, LiveSocketData>;

export interface LiveOptions extends RegistryOptions {
  /** connections, events, joins and fan-out per socket, address and session */
  limits: LiveRateLimits;
}

export interface Live {
  registry: RoomRegistry;
  /** Writes every room's pending changes (call after io.close(), before closing the database). */
  close(): Promise<void>;
}

export const roomNames = {
  everyone: (code: string) => `live:${code}`,
  teachers: (code: string) => `live:${code}:teachers`,
  participant: (code: string, id: string) => `live:${code}:p:${id}`,
};

function transportFor(io: LiveServer, code: string): RoomTransport {
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
  return coalesceApplied({
    send(audience, event, payload) {
      // one encoding, written to every socket of the audience
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
  const { limits } = options;
  const registry = new RoomRegistry(services.sessions, (code) => limits.countFanOut(code, transportFor(io, code)), {
    loadForward: async () => (net, rows) => kernel.forward(net, rows),
    legacyScript: async (slug) => {
      // sessions kept before they carried their rounds: no edit key was given, so only the keys a
      // built-in lesson wrote can be used
      const source = await exercises.open(slug);
      return source ? scriptFor(source, undefined, exercises) : [];
    },
    ...options,
  });
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  io.use(limits.middleware);

  io.on("connection", (socket: LiveSocket) => {
    let room: Room | null = null;
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
      if (live) {
        void socket.leave(roomNames.everyone(live.code));
        void socket.leave(roomNames.teachers(live.code));
        if (live.actor.role === "student") void socket.leave(roomNames.participant(live.code, live.actor.id));
      }
      socket.data.live = undefined;
      room = null;
      actor = null;
    };

    const attach = (joined: Room, member: Actor, joinRooms: boolean) => {
      if (joinRooms) {
        const names = [roomNames.everyone(joined.code)];
        names.push(
          member.role === "teacher" ? roomNames.teachers(joined.code) : roomNames.participant(joined.code, member.id),
        );
        void socket.join(names);
      }
      room = joined;
      actor = member;
      socket.data.live = { code: joined.code, actor: member, epoch: joined.epoch };
      joined.connect(connection(member));
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
          (answer) => {
            if (answer !== undefined) reply(answer);
          },
          (error: unknown) => {
            logError(`live: "${event}" from ${socket.id} failed:`, error);
            reply(refuse("internal", "the server could not do that"));
          },
        );
      });
    };

    /** The room and actor of a joined socket (`on` checked them before the handler runs). */
    const member = (): { room: Room; actor: Actor } => {
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
          const found = await registry.get(request.code);
          if (!found) return refuse("no_such_session", "no session has this code");
          if (found.ended) return refuse("session_ended", "this session has ended");
          let you: You;
          let joined: Actor;
          if (request.role === "teacher") {
            if (!found.verifyTeacher(request.teacherKey))
              return refuse("wrong_teacher_key", "this is not the teacher key");
            you = { role: "teacher" };
            joined = { role: "teacher" };
          } else {
            const student = await found.joinStudent(request);
            if (!student.ok) return student;
            const { ok: _ok, ...place } = student;
            you = { role: "student", ...place };
            joined = { role: "student", id: student.participantId };
          }
          if (socket.disconnected) return refuse("disconnected", "the connection closed while joining");
          attach(found, joined, true);
          reply({ ok: true, you, snapshot: found.snapshot(joined) } satisfies JoinAck);
          return undefined;
        } finally {
          joining = false;
        }
      },
      "nothing",
    );

    on("action", async (request) => {
      const { room, actor } = member();
      return room.apply(request.action, actor, { baseVersion: request.baseVersion, connectionId: socket.id });
    });

    on("resync", async (_request, reply) => {
      const { room, actor } = member();
      reply({ ok: true, snapshot: room.snapshot(actor) });
      return undefined;
    });

    on("end", async () => {
      const { room, actor } = member();
      if (actor.role !== "teacher") return refuse("not_allowed", "only the teacher can end the session");
      await room.end();
      registry.drop(room.code);
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

    on("switchExercise", async (request) => {
      const { room, actor } = member();
      if (actor.role !== "teacher") return refuse("not_allowed", "only the teacher switches the exercise");
      const source = await exercises.open(request.exercise);
      if (!source) return refuse("no_such_exercise", `no exercise "${request.exercise}"`, "exercise");
      // its rounds with the keys this teacher may use, as when a session starts (docs/api.md)
      const script = await scriptFor(source, request.editKey, exercises);
      const current = room.exerciseSlug;
      const first = current === null ? null : await exercises.open(current);
      const next = { slug: source.slug, title: source.exercise.title, lab: labOf(source.exercise), script };
      return room.switchExercise(next, first?.exercise.title ?? "");
    });

    socket.on("disconnect", () => {
      room?.disconnect(socket.id);
    });

    // Socket.IO recovered this connection (same id, rooms and data; missed broadcasts replayed):
    // count it as connected again, or tell it why it no longer belongs.
    const recovered = socket.recovered ? socket.data.live : undefined;
    if (recovered) {
      ready = (async () => {
        const found = await registry.get(recovered.code);
        const member = recovered.actor;
        if (socket.disconnected) return;
        if (!found || found.ended) {
          leave();
          socket.emit("ended", { message: "this session has ended" });
        } else if (member.role === "student" && !found.hasParticipant(member.id)) {
          leave();
          socket.emit("removed", { message: "the teacher removed you from this session" });
        } else {
          attach(found, member, false);
          // a room loaded again since: the replayed broadcasts may not line up, send it all
          if (found.epoch !== recovered.epoch) {
            socket.emit("snapshot", { reason: "reloaded", snapshot: found.snapshot(member) });
          }
        }
      })().catch((error: unknown) => {
        leave();
        logError(`live: recovering ${socket.id} failed:`, error);
      });
    }
  });

  return {
    registry,
    close: () => registry.close(),
  };
}
