"use client";
// "Be the network" as one page sees it. The activity comes with the session state
// (`state.activity`, folded from `applied`: lib/network-activity/model.ts ActivityView, never a
// value before it is due); what this member may hold beyond it — a student's own answers, every
// answer for the teacher's console — is asked of the server (`netActivityStatus`) after each change.
import { useEffect, useMemo, useState } from "react";
import { neuronsOf } from "@/lib/network-activity/flow";
import type { ActivityView, NeuronRef, OwnSubmission, Submission } from "@/lib/network-activity/model";
import type { ActivityAck, ActivityOp, NeuronAnswerAck } from "@/lib/network-activity/requests";
import type { LiveSession } from "@/app/_hooks/use-live-session";

/** What the activity needs of the live session (useLiveSession's value fits). */
export type ActivitySession = Pick<
  LiveSession,
  "state" | "actor" | "connected" | "controlActivity" | "answerNeuron" | "activityStatus"
>;

export type HeldAnswer = OwnSubmission & Partial<Submission>;

export interface NetworkActivity {
  view: ActivityView;
  /** participant id → nickname */
  names: ReadonlyMap<string, string>;
  /** what the server let this member hold: own answers (student), every answer (teacher) */
  held: readonly HeldAnswer[];
  /** the teacher's requests, for the activity on screen */
  control(op: ActivityOp): Promise<ActivityAck>;
  answer(neuron: NeuronRef, z: number, a: number): Promise<NeuronAnswerAck>;
  /** the student's neurons, in layer order */
  mine: NeuronRef[];
}

export function useNetworkActivity(session: ActivitySession): NetworkActivity | null {
  const view = session.state?.activity ?? null;
  const version = session.state?.version ?? 0;
  const participants = session.state?.participants;
  const me = session.actor?.role === "student" ? session.actor.id : null;
  const [held, setHeld] = useState<{ id: string; answers: readonly HeldAnswer[] } | null>(null);
  const { activityStatus, controlActivity, answerNeuron, connected } = session;
  const id = view?.id ?? null;

  useEffect(() => {
    if (id === null || !connected) return;
    let current = true;
    void activityStatus().then((ack) => {
      if (current && ack.ok && ack.activity) setHeld({ id: ack.activity.id, answers: ack.activity.submissions });
    });
    return () => {
      current = false;
    };
  }, [id, version, connected, activityStatus]);

  const names = useMemo(() => new Map((participants ?? []).map((p) => [p.id, p.name])), [participants]);
  if (!view) return null;
  return {
    view,
    names,
    held: held?.id === view.id ? held.answers : [],
    control: (op) => controlActivity(op.op === "start" ? op : { ...op, activityId: view.id }),
    answer: (neuron, z, a) => answerNeuron({ activityId: view.id, layer: neuron.layer, index: neuron.index, z, a }),
    mine: me === null ? [] : neuronsOf(view.members, me),
  };
}
