// "Be the network" in the live client (the rules: lib/session/network-activity.ts): the teacher's
// requests, a student's answer for one of their neurons, the answers this member may hold.
import type {
  ActivityAck,
  ActivityRequest,
  ActivityStatusAck,
  NeuronAnswerAck,
  NeuronAnswerRequest,
} from "../network-activity/requests";
import { activityRefusal } from "../session/network-activity";
import { askJudged, type ClientCore } from "./client-core";

export class LiveNetworkActivity {
  constructor(private readonly core: ClientCore) {}

  /** The teacher's "Be the network" requests. */
  control(request: ActivityRequest): Promise<ActivityAck> {
    return askJudged(this.core, "netActivity", request, activityRefusal);
  }

  /** A student's z and f(z) for one of their neurons (again: a new answer, kept beside the first). */
  answerNeuron(request: NeuronAnswerRequest): Promise<NeuronAnswerAck> {
    return this.core.ask("neuronAnswer", request);
  }

  /** The activity's answers this member may hold (own ones; the teacher's: all). */
  status(): Promise<ActivityStatusAck> {
    return this.core.ask("netActivityStatus", {});
  }
}
