"use client";
// A training worker for a component, started only while `enabled` (a page that never trains never
// downloads the training module) and stopped when the component goes away. `onStart` sends the
// first commands (the worker queues them until its module has loaded); `onSnapshot` sees each
// snapshot as it is shown, outside rendering.
import { useEffect, useEffectEvent, useState, useSyncExternalStore } from "react";
import type { TrainingCommand, TrainingSnapshot } from "@/lib/training/protocol";
import { INITIAL_VIEW, type TrainingView } from "@/lib/training/view";
import { TrainingClient } from "./training-client";

export interface TrainingConnection {
  view: TrainingView;
  /** sends a command to the worker (dropped while it is not running) */
  send(command: TrainingCommand): void;
}

export interface TrainingClientHandlers {
  onStart(send: (command: TrainingCommand) => void): void;
  onSnapshot(snapshot: TrainingSnapshot): void;
}

export function useTrainingClient(enabled: boolean, handlers: TrainingClientHandlers): TrainingConnection {
  const [client] = useState(() => new TrainingClient());
  const onStart = useEffectEvent(handlers.onStart);
  const onSnapshot = useEffectEvent(handlers.onSnapshot);
  useEffect(() => {
    if (!enabled) return;
    client.start((snapshot) => onSnapshot(snapshot));
    onStart((command) => client.send(command));
    return () => client.stop();
  }, [client, enabled]);
  const view = useSyncExternalStore(client.subscribe, client.getView, () => INITIAL_VIEW);
  return { view, send: (command) => client.send(command) };
}
