// What a per-activity part of the live client (client-rounds.ts, client-race.ts,
// client-network-activity.ts, client-switch.ts) uses of the client (session-client.ts): the server's
// state as last heard, who this client is, and its requests. A part judges a teacher's request with
// the same rule as the server first (a refusal answered at once sends nothing), then asks.
import type { ClientAcks, ClientEvent, ClientRequests, Refused } from "../session/protocol";
import type { Actor, SessionState } from "../session/rules";
import type { Refusal } from "../validation";
import type { LiveTransport } from "./client-types";

/** The events a part asks with: all but the core's own (joining, edits, snapshots). */
export type AskEvent = Exclude<ClientEvent, "join" | "action" | "resync">;

export interface ClientCore {
  /** the server's state as last heard (null: not joined yet) */
  confirmed(): SessionState | null;
  actor(): Actor | null;
  now(): number;
  /** the view changed: draw again */
  notify(): void;
  /** A request whose ack is all the caller needs: no answer in time is the refusal `timeout`. */
  ask<E extends AskEvent>(event: E, payload: ClientRequests[E]): Promise<ClientAcks[E] | Refused>;
  /** A request whose ack (undefined: none came in time) is handed on unless the client is gone. */
  fetch<E extends AskEvent>(event: E, payload: ClientRequests[E], done: (ack: ClientAcks[E] | undefined) => void): void;
}

/** Sends a request whose ack is all the caller needs: no answer in time is the refusal `timeout`. */
export function askOver<E extends AskEvent>(
  transport: LiveTransport,
  event: E,
  payload: ClientRequests[E],
): Promise<ClientAcks[E] | Refused> {
  return new Promise((resolve) => {
    transport.request(event, payload, (error, ack) => {
      resolve(ack ?? { ok: false, error: { code: "timeout", message: error?.message ?? "no answer" } });
    });
  });
}

/**
 * A teacher's request judged first by `refusal`, the rule the server runs too: refused at once
 * (nothing is sent), or asked.
 */
export function askJudged<E extends AskEvent>(
  core: ClientCore,
  event: E,
  request: ClientRequests[E],
  refusal: (state: SessionState, request: ClientRequests[E], actor: Actor) => Refusal | null,
): Promise<ClientAcks[E] | Refused> {
  const confirmed = core.confirmed();
  const actor = core.actor();
  const denied = confirmed && actor ? refusal(confirmed, request, actor) : null;
  if (denied) return Promise.resolve({ ok: false, error: denied });
  return core.ask(event, request);
}
