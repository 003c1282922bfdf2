"use client";
// The one place the live session's socket lives (docs/protocol.md). It connects with
// socket.io-client, feeds every server event to a LiveSessionClient (lib/live/session-client.ts:
// join with resume, folding, resync on a gap / stale / every 30 s, optimistic edits with rollback,
// ≤ 30 actions/s with a drag's latest value last), and keeps what must survive a reload in
// localStorage per session code: a student's place, the teacher key.
//
// Pages read `session.state` (what to draw, own pending edits included), `session.confirmed` (the
// server's state), `session.view.phase`…, and change things with `emitAction(action, key?)`.
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { io, type Socket } from "socket.io-client";
import {
  LiveSessionClient,
  type LiveEvent,
  type LiveRole,
  type LiveTransport,
  type LiveView,
} from "@/lib/live/session-client";
import { loadPlace, loadTeacherKey, savePlace, saveTeacherKey } from "@/lib/live/storage";
import type { ClientToServerEvents, EndAck, ServerToClientEvents } from "@/lib/session/protocol";
import type { Action, SessionState } from "@/lib/session/rules";
import type { Refusal } from "@/lib/validation";

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** No answer within this long: the client resyncs (or joins again). */
const ACK_TIMEOUT_MS = 10_000;

const INITIAL_VIEW: LiveView = {
  phase: "joining",
  connected: false,
  reconnecting: false,
  you: null,
  actor: null,
  state: null,
  confirmed: null,
  online: [],
  teacherOnline: false,
  refusal: null,
  joinError: null,
  message: null,
  pending: 0,
};

const OFFLINE: Refusal = { code: "offline", message: "not connected to the session" };

/** Holds the current client so that React can subscribe before the effect has created it. */
class ClientSlot {
  private client: LiveSessionClient | null = null;
  private socket: LiveSocket | null = null;
  private listeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;
  /** handlers added with on(), kept across sockets (a remount makes a new one) */
  private handlers = new Map<string, Set<(payload: unknown) => void>>();

  set(client: LiveSessionClient | null, socket: LiveSocket | null = null): void {
    this.unsubscribe?.();
    this.client = client;
    this.socket = socket;
    if (socket) {
      for (const [event, set] of this.handlers)
        for (const handler of set) (socket as unknown as Socket).on(event, handler);
    }
    this.unsubscribe = client ? client.subscribe(() => this.emit()) : null;
    this.emit();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): LiveView => this.client?.getView() ?? INITIAL_VIEW;

  // stable functions for the page, whatever client is current
  emitAction = (action: Action, key?: string): Refusal | null => this.client?.act(action, key) ?? OFFLINE;
  dismissRefusal = () => this.client?.dismissRefusal();
  joinAsStudent = (name: string) => this.client?.joinAsStudent(name);
  joinAsTeacher = (key: string) => this.client?.joinAsTeacher(key);
  resync = () => this.client?.resync();
  end = (): Promise<EndAck> => this.client?.end() ?? Promise.resolve({ ok: false, error: OFFLINE });

  /**
   * Extension point (e.g. prediction rounds): sends another client event with an ack. `done`
   * runs inside the ack callback (fold a snapshot there, not after an await).
   */
  request = (event: string, payload: unknown, done: (error: Error | null, answer?: unknown) => void): void => {
    if (!this.socket) return done(new Error("not connected"));
    socketTransport(this.socket).request(event, payload, done);
  };

  /** Extension point: listens to another server event (first argument only); returns the unsubscribe. */
  on = (event: string, handler: (payload: unknown) => void): (() => void) => {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    const once = (payload: unknown) => handler(payload);
    set.add(once);
    (this.socket as unknown as Socket | null)?.on(event, once);
    return () => {
      set.delete(once);
      (this.socket as unknown as Socket | null)?.off(event, once);
    };
  };

  /** Extension point: folds something the client does not know into the confirmed state. */
  fold = (reducer: (confirmed: SessionState) => SessionState): void => this.client?.fold(reducer);

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export interface LiveSession extends LiveView {
  code: string;
  role: LiveRole;
  /** Applies an action at once and sends it; `key` marks a continuous gesture (slider drag). */
  emitAction(action: Action, key?: string): Refusal | null;
  dismissRefusal(): void;
  joinAsStudent(name: string): void;
  joinAsTeacher(key: string): void;
  resync(): void;
  end(): Promise<EndAck>;
  /** extension points for features built on the session (prediction rounds) */
  request(event: string, payload: unknown, done: (error: Error | null, answer?: unknown) => void): void;
  on(event: string, handler: (payload: unknown) => void): () => void;
  fold(reducer: (confirmed: SessionState) => SessionState): void;
}

function socketTransport(socket: LiveSocket): LiveTransport {
  return {
    request(event: LiveEvent | string, payload: unknown, done: (error: Error | null, answer?: unknown) => void) {
      // untyped on purpose: the client builds each payload by the protocol's schemas
      (socket.timeout(ACK_TIMEOUT_MS) as unknown as Socket).emit(
        event,
        payload,
        (error: Error | null, answer?: unknown) => done(error, answer),
      );
    },
  };
}

export function useLiveSession(code: string, role: LiveRole): LiveSession {
  const [slot] = useState(() => new ClientSlot());
  const view = useSyncExternalStore(slot.subscribe, slot.getView, () => INITIAL_VIEW);

  useEffect(() => {
    const socket: LiveSocket = io({ reconnectionDelayMax: 5000 });
    const client = new LiveSessionClient({
      code,
      role,
      teacherKey: role === "teacher" ? loadTeacherKey(code) : null,
      place: role === "student" ? loadPlace(code) : null,
      transport: socketTransport(socket),
      onJoined(you, teacherKey) {
        if (you.role === "student") {
          savePlace(code, { participantId: you.participantId, resumeToken: you.resumeToken, name: you.name });
        } else if (teacherKey) {
          saveTeacherKey(code, teacherKey);
        }
      },
      onForget(reason) {
        // removed / ended: keep the place (or key), so that a reload says so again instead of
        // offering a fresh join; only a place or key the server does not accept is dropped
        if (reason !== "invalid") return;
        if (role === "student") savePlace(code, null);
        else saveTeacherKey(code, null);
      },
    });
    slot.set(client, socket);

    // every handler reads the first argument only: with connection-state recovery Socket.IO
    // appends an offset to broadcasts
    socket.on("connect", () => client.connected(socket.recovered));
    socket.on("disconnect", () => client.disconnected());
    socket.on("applied", (event) => client.onApplied(event));
    socket.on("appliedBatch", (batch) => client.onAppliedBatch(batch));
    socket.on("sandbox", (event) => client.onSandbox(event));
    socket.on("roster", (event) => client.onRoster(event));
    socket.on("removed", (event) => client.onRemoved(event));
    socket.on("ended", (event) => client.onEnded(event));
    socket.on("snapshot", (event) => client.onSnapshot(event));
    // new server events (e.g. prediction rounds) go here: socket.on("…", (event) => client.fold(…))

    // a phone woken from sleep: catch up at once rather than at the next 30 s resync
    const onVisible = () => {
      if (document.visibilityState === "visible") client.resync();
    };
    document.addEventListener("visibilitychange", onVisible);

    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      socket.removeAllListeners();
      socket.disconnect();
      client.dispose();
      slot.set(null);
    };
  }, [code, role, slot]);

  return useMemo(
    () => ({
      ...view,
      code,
      role,
      emitAction: slot.emitAction,
      dismissRefusal: slot.dismissRefusal,
      joinAsStudent: slot.joinAsStudent,
      joinAsTeacher: slot.joinAsTeacher,
      resync: slot.resync,
      end: slot.end,
      request: slot.request,
      on: slot.on,
      fold: slot.fold,
    }),
    [view, code, role, slot],
  );
}
