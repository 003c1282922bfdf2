// What one process asks of a session's owner process over the bus (bus.ts), and how it answers.
// Everything in a request was parsed by the sending process (the socket layer's contract) and
// travels between this deployment's own processes only.
import type { AnswerRequest, ClientRequests, JoinRequest, RoundRequest } from "../../lib/session/protocol";
import type { ActivityEvent } from "../live/activities";
import type { Action, Actor } from "../../lib/session/rules";

export interface RemoteConnection {
  id: string;
  actor: Actor;
}

export type OwnerOp =
  | { op: "join"; request: JoinRequest; connectionId: string }
  | { op: "recover"; connection: RemoteConnection }
  | { op: "connect"; connections: RemoteConnection[] }
  | { op: "disconnect"; connectionId: string }
  | { op: "snapshot"; actor: Actor }
  | { op: "apply"; action: Action; actor: Actor; baseVersion?: number; connectionId?: string; opId: string }
  | { op: "round"; request: RoundRequest }
  | { op: "answer"; actor: Actor; request: AnswerRequest & { opId: string } }
  | { op: "roundStatus"; actor: Actor }
  | { op: "activity"; event: ActivityEvent; actor: Actor; request: ClientRequests[ActivityEvent] }
  | { op: "end" };

/** `token`: the owner's fencing token as the sender knows it; another one answers `notOwner`. */
export type OwnerRequest = OwnerOp & { code: string; token: number };

/** `notOwner`: this process does not own the session (any more): look the owner up again. */
export type OwnerReply = { notOwner: true } | { value: unknown };
