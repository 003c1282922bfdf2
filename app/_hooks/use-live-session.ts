"use client";
// The one place the live session's socket lives (docs/protocol.md). It connects with
// socket.io-client, feeds every server event to a LiveSessionClient (lib/live/session-client.ts:
// join with resume, folding, resync on a gap / stale / every 30 s, optimistic edits with rollback,
// ≤ 30 actions/s with a drag's latest value last), and keeps what must survive a reload in
// localStorage per session code: a student's place, the teacher key.
//
// Pages read `session.state` (what to draw, own pending edits included), `session.confirmed` (the
// server's state), `session.view.phase`…, `session.round` (the round's progress, own answer and
// result), and change things with `emitAction(action, key?)`, `answer(value)`, `controlRound(request)`.
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { io, type Socket } from "socket.io-client";
import { LiveSessionClient, type LiveRole, type LiveTransport, type LiveView } from "@/lib/live/session-client";
import type { SwitchExerciseAck, SwitchExerciseRequest } from "@/lib/session/exercise-switch";
import type { PlanAck, PlanRequest, PlanStatusAck } from "@/lib/session/plan";
import { loadPlace, loadTeacherKey, savePlace, saveTeacherKey } from "@/lib/live/storage";
import { EMPTY_ATTRIBUTION } from "@/lib/live/attribution";
import type {
  AnswerAck,
  ClientAcks,
  ClientEvent,
  ClientRequests,
  ClientToServerEvents,
  EndAck,
  RoundAck,
  RoundRequest,
  ServerToClientEvents,
} from "@/lib/session/protocol";
import type { Action } from "@/lib/session/rules";
import type { RaceAck, RaceEntryAck, RaceEntryRequest, RaceRequest } from "@/lib/race/model";
import type {
  ActivityAck,
  ActivityRequest,
  ActivityStatusAck,
  NeuronAnswerAck,
  NeuronAnswerRequest,
} from "@/lib/network-activity/requests";
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
  round: null,
  board: [],
  race: null,
  attribution: EMPTY_ATTRIBUTION,
  overtaken: null,
};

const OFFLINE: Refusal = { code: "offline", message: "not connected to the session" };

/** Holds the current client so that React can subscribe before the effect has created it. */
class ClientSlot {
  private client: LiveSessionClient | null = null;
  private listeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;

  set(client: LiveSessionClient | null): void {
    this.unsubscribe?.();
    this.client = client;
    this.unsubscribe = client ? client.subscribe(() => this.emit()) : null;
    this.emit();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): LiveView => this.client?.getView() ?? INITIAL_VIEW;

  // stable functions for the page, whatever client is current
  // (not `?? OFFLINE`: an accepted action answers null)
  emitAction = (action: Action, key?: string): Refusal | null => (this.client ? this.client.act(action, key) : OFFLINE);
  dismissRefusal = () => this.client?.dismissRefusal();
  dismissOvertaken = () => this.client?.dismissOvertaken();
  joinAsStudent = (name: string) => this.client?.joinAsStudent(name);
  joinAsTeacher = (key: string) => this.client?.joinAsTeacher(key);
  resync = () => this.client?.resync();
  end = (): Promise<EndAck> => this.client?.end() ?? Promise.resolve({ ok: false, error: OFFLINE });
  answer = (value: number): Promise<AnswerAck> =>
    this.client?.rounds.answer(value) ?? Promise.resolve({ ok: false, error: OFFLINE });
  controlRound = (request: RoundRequest): Promise<RoundAck> =>
    this.client?.rounds.control(request) ?? Promise.resolve({ ok: false, error: OFFLINE });
  controlRace = (request: RaceRequest): Promise<RaceAck> =>
    this.client?.race.control(request) ?? Promise.resolve({ ok: false, error: OFFLINE });
  raceEntry = (request: RaceEntryRequest): Promise<RaceEntryAck> =>
    this.client?.race.entry(request) ?? Promise.resolve({ ok: false, error: OFFLINE });
  controlActivity = (request: ActivityRequest): Promise<ActivityAck> =>
    this.client?.netActivity.control(request) ?? Promise.resolve({ ok: false, error: OFFLINE });
  answerNeuron = (request: NeuronAnswerRequest): Promise<NeuronAnswerAck> =>
    this.client?.netActivity.answerNeuron(request) ?? Promise.resolve({ ok: false, error: OFFLINE });
  activityStatus = (): Promise<ActivityStatusAck> =>
    this.client?.netActivity.status() ?? Promise.resolve({ ok: false, error: OFFLINE });
  switchExercise = (request: SwitchExerciseRequest): Promise<SwitchExerciseAck> =>
    this.client?.exercise.switchTo(request) ?? Promise.resolve({ ok: false, error: OFFLINE });
  plan = (request: PlanRequest): Promise<PlanAck> =>
    this.client?.plan.change(request) ?? Promise.resolve({ ok: false, error: OFFLINE });
  planStatus = (): Promise<PlanStatusAck> =>
    this.client?.plan.status() ?? Promise.resolve({ ok: false, error: OFFLINE });

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
  /** hides the "your value was replaced" notice */
  dismissOvertaken(): void;
  joinAsStudent(name: string): void;
  joinAsTeacher(key: string): void;
  resync(): void;
  end(): Promise<EndAck>;
  /** a student's prediction for the round on screen */
  answer(value: number): Promise<AnswerAck>;
  /** the teacher's open / close / reveal / clear / leaderboard */
  controlRound(request: RoundRequest): Promise<RoundAck>;
  /** the teacher's start / stop / spotlight / clear of a race */
  controlRace(request: RaceRequest): Promise<RaceAck>;
  /** a student's enter / progress / submit in the race */
  raceEntry(request: RaceEntryRequest): Promise<RaceEntryAck>;
  /** "Be the network": the teacher's requests, a student's answer, the answers this member may hold */
  controlActivity(request: ActivityRequest): Promise<ActivityAck>;
  answerNeuron(request: NeuronAnswerRequest): Promise<NeuronAnswerAck>;
  activityStatus(): Promise<ActivityStatusAck>;
  /** the teacher moves the class to another exercise (one code for the whole lesson) */
  switchExercise(request: SwitchExerciseRequest): Promise<SwitchExerciseAck>;
  /** the lesson's plan: write a question, reorder; the plan's questions (teacher only) */
  plan(request: PlanRequest): Promise<PlanAck>;
  planStatus(): Promise<PlanStatusAck>;
}

/** Each event of the contract sent with its own typed emit (Socket.IO cannot type a generic one). */
function socketTransport(socket: LiveSocket): LiveTransport {
  const timed = () => socket.timeout(ACK_TIMEOUT_MS);
  const send: { [E in ClientEvent]: Sender<E> } = {
    join: (payload, done) => timed().emit("join", payload, done),
    action: (payload, done) => timed().emit("action", payload, done),
    resync: (payload, done) => timed().emit("resync", payload, done),
    end: (payload, done) => timed().emit("end", payload, done),
    round: (payload, done) => timed().emit("round", payload, done),
    answer: (payload, done) => timed().emit("answer", payload, done),
    roundStatus: (payload, done) => timed().emit("roundStatus", payload, done),
    race: (payload, done) => timed().emit("race", payload, done),
    raceEntry: (payload, done) => timed().emit("raceEntry", payload, done),
    raceStatus: (payload, done) => timed().emit("raceStatus", payload, done),
    netActivity: (payload, done) => timed().emit("netActivity", payload, done),
    neuronAnswer: (payload, done) => timed().emit("neuronAnswer", payload, done),
    netActivityStatus: (payload, done) => timed().emit("netActivityStatus", payload, done),
    switchExercise: (payload, done) => timed().emit("switchExercise", payload, done),
    plan: (payload, done) => timed().emit("plan", payload, done),
    planStatus: (payload, done) => timed().emit("planStatus", payload, done),
  };
  return {
    request(event, payload, done) {
      send[event](payload, done);
    },
  };
}

type Sender<E extends ClientEvent> = (
  payload: ClientRequests[E],
  done: (error: Error | null, answer?: ClientAcks[E]) => void,
) => void;

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
    slot.set(client);

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
    socket.on("roundProgress", (event) => client.rounds.onProgress(event));
    socket.on("roundResult", (result) => client.rounds.onResult(result));
    socket.on("raceCurve", (event) => client.race.onCurve(event));

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
      dismissOvertaken: slot.dismissOvertaken,
      joinAsStudent: slot.joinAsStudent,
      joinAsTeacher: slot.joinAsTeacher,
      resync: slot.resync,
      end: slot.end,
      answer: slot.answer,
      controlRound: slot.controlRound,
      controlRace: slot.controlRace,
      raceEntry: slot.raceEntry,
      controlActivity: slot.controlActivity,
      answerNeuron: slot.answerNeuron,
      activityStatus: slot.activityStatus,
      switchExercise: slot.switchExercise,
      plan: slot.plan,
      planStatus: slot.planStatus,
    }),
    [view, code, role, slot],
  );
}
