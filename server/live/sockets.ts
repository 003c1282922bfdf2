// The Socket.IO side of live sessions (docs/protocol.md): thin handlers that parse → ask the Room
// → acknowledge. Every payload is parsed with lib/session/protocol.ts; a missing ack is replaced by
// a no-op; every handler runs inside a catch, so no client can crash the process; every event
// passes the rate limits first (server/limits/live.ts: per socket, address and session).
import type { Server, Socket } from "socket.io";
import {
  PROTOCOL_VERSION,
  actionRequestSchema,
  answerRequestSchema,
  endRequestSchema,
  joinRequestSchema,
  parsePayload,
  resyncRequestSchema,
  roundRequestSchema,
  roundStatusRequestSchema,
  type EndAck,
  type JoinAck,
  type Refused,
  type ResyncAck,
  type ServerToClientEvents,
  type You,
} from "../../lib/session/protocol";
import { actionSchema, type Actor } from "../../lib/session/rules";
import { parseWith } from "../../lib/validation";
import { loadServerKernel } from "../kernel";
import type { LiveRateLimits } from "../limits/live";
import { coalesceApplied } from "./coalesce";
import { RoomRegistry, type RegistryOptions } from "./registry";
import type { Audience, Connection, ForwardPass, Room, RoomTransport } from "./room";
import type { LiveStore } from "./store";

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

function refused(code: string, message: string): Refused {
  return { ok: false, error: { code, message } };
}

const NOT_JOINED = refused("not_joined", "join the session first");

/** The server's wasm kernel, loaded on the first round (precise float64: a round's truth). */
function wasmForward(): () => Promise<ForwardPass> {
  let loading: Promise<ForwardPass> | null = null;
  return () => {
    loading ??= loadServerKernel().then((kernel) => (net, rows) => kernel.forward(net, rows));
    return loading;
  };
}

export function attachLive(io: LiveServer, store: LiveStore, options: LiveOptions): Live {
  const { limits } = options;
  const registry = new RoomRegistry(store, (code) => limits.countFanOut(code, transportFor(io, code)), {
    loadForward: wasmForward(),
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
     * Wraps a handler: rate limit, ack or no-op, payload, and a catch around everything. The
     * handler's result is the ack; a handler may instead call `reply` itself, so that an answer
     * holding a snapshot goes out in the same turn as the snapshot is taken (no broadcast between).
     */
    const on = (event: string, handler: (payload: unknown, reply: (answer: unknown) => void) => Promise<unknown>) => {
      socket.on(event, (...args: unknown[]) => {
        const last = args[args.length - 1];
        const ack = typeof last === "function" ? (last as (answer: unknown) => void) : () => {};
        const payload = args.length > 0 && typeof args[0] !== "function" ? args[0] : undefined;
        let replied = false;
        const reply = (answer: unknown) => {
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
        let running: Promise<unknown>;
        try {
          running = handler(payload, reply);
        } catch (error) {
          running = Promise.reject(error);
        }
        running.then(
          (answer) => {
            if (answer !== undefined) reply(answer);
          },
          (error: unknown) => {
            logError(`live: "${event}" from ${socket.id} failed:`, error);
            reply(refused("internal", "the server could not do that"));
          },
        );
      });
    };

    on("join", async (payload, reply): Promise<JoinAck | undefined> => {
      await ready;
      if (actor || joining) return refused("already_joined", "this connection has joined a session already");
      const parsed = parsePayload(joinRequestSchema, payload);
      if (!parsed.ok) return parsed;
      const request = parsed.value;
      if (request.protocol !== PROTOCOL_VERSION) {
        return refused("unsupported_protocol", `this server speaks protocol ${PROTOCOL_VERSION}: reload the page`);
      }
      joining = true;
      try {
        const found = await registry.get(request.code);
        if (!found) return refused("no_such_session", "no session has this code");
        if (found.ended) return refused("session_ended", "this session has ended");
        let you: You;
        let member: Actor;
        if (request.role === "teacher") {
          if (!found.verifyTeacher(request.teacherKey))
            return refused("wrong_teacher_key", "this is not the teacher key");
          you = { role: "teacher" };
          member = { role: "teacher" };
        } else {
          const joined = await found.joinStudent(request);
          if (!joined.ok) return joined;
          const { ok: _ok, ...student } = joined;
          you = { role: "student", ...student };
          member = { role: "student", id: joined.participantId };
        }
        if (socket.disconnected) return refused("disconnected", "the connection closed while joining");
        attach(found, member, true);
        reply({ ok: true, you, snapshot: found.snapshot(member) } satisfies JoinAck);
        return undefined;
      } finally {
        joining = false;
      }
    });

    on("action", async (payload) => {
      await ready;
      if (!room || !actor) return NOT_JOINED;
      const envelope = parsePayload(actionRequestSchema, payload);
      if (!envelope.ok) return envelope;
      const action = parseWith(actionSchema, "invalid_action", envelope.value.action);
      if (!action.ok) return action;
      return room.apply(action.value, actor, { baseVersion: envelope.value.baseVersion, connectionId: socket.id });
    });

    on("resync", async (payload, reply): Promise<ResyncAck | undefined> => {
      await ready;
      if (!room || !actor) return NOT_JOINED;
      const parsed = parsePayload(resyncRequestSchema, payload ?? {});
      if (!parsed.ok) return parsed;
      reply({ ok: true, snapshot: room.snapshot(actor) } satisfies ResyncAck);
      return undefined;
    });

    on("end", async (payload): Promise<EndAck> => {
      await ready;
      if (!room || !actor) return NOT_JOINED;
      const parsed = parsePayload(endRequestSchema, payload ?? {});
      if (!parsed.ok) return parsed;
      if (actor.role !== "teacher") return refused("not_allowed", "only the teacher can end the session");
      const ending = room;
      await ending.end();
      registry.drop(ending.code);
      return { ok: true };
    });

    on("round", async (payload) => {
      await ready;
      if (!room || !actor) return NOT_JOINED;
      const parsed = parsePayload(roundRequestSchema, payload);
      if (!parsed.ok) return parsed;
      if (actor.role !== "teacher") return refused("not_allowed", "only the teacher runs rounds");
      return room.round(parsed.value);
    });

    on("answer", async (payload) => {
      await ready;
      if (!room || !actor) return NOT_JOINED;
      const parsed = parsePayload(answerRequestSchema, payload);
      if (!parsed.ok) return parsed;
      return room.answer(actor, parsed.value);
    });

    on("roundStatus", async (payload) => {
      await ready;
      if (!room || !actor) return NOT_JOINED;
      const parsed = parsePayload(roundStatusRequestSchema, payload ?? {});
      if (!parsed.ok) return parsed;
      return room.roundStatus(actor);
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
