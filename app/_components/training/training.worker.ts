// The training worker: its own instance of the training module (train-*.wasm; it never fetches
// the forward kernel) running the training host (lib/training/host.ts), which trains in time
// slices and posts a snapshot whenever the page has painted the last one. Commands that arrive
// while the module loads wait for it. Started by training-client.ts with
// `new Worker(new URL("./training.worker.ts", import.meta.url))`, which both bundlers
// (Turbopack and webpack) emit as a same-origin script: CSP needs `worker-src 'self'`, and the
// worker compiles wasm (`'wasm-unsafe-eval'` where the worker's script carries a CSP).
import { loadBrowserTrainingKernel } from "@/lib/kernel/browser";
import { createTrainingHost, type TrainingHost } from "@/lib/training/host";
import { createTrainer } from "@/lib/training/kernel-trainer";
import type { TrainingEvent } from "@/lib/training/protocol";

function post(event: TrainingEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, { transfer });
}

// a task queue without setTimeout's clamping (≥ 4 ms after a few nested calls): a message to
// ourselves runs as soon as the messages already waiting have been handled
const channel = new MessageChannel();
let scheduled: (() => void) | null = null;
channel.port1.onmessage = () => {
  const task = scheduled;
  scheduled = null;
  run(() => task?.());
};

function run(work: () => void): void {
  try {
    work();
  } catch (error) {
    post({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  }
}

let host: TrainingHost | null = null;
const waiting: unknown[] = [];

self.onmessage = (event: MessageEvent) => {
  if (host) run(() => host?.receive(event.data));
  else waiting.push(event.data);
};

loadBrowserTrainingKernel().then(
  (kernel) => {
    host = createTrainingHost({
      createTrainer: (input) => createTrainer(kernel, input),
      post,
      now: () => performance.now(),
      schedule(task) {
        scheduled = task;
        channel.port2.postMessage(null);
      },
      later: (task, ms) => setTimeout(() => run(task), ms),
    });
    post({ type: "ready", build: kernel.build });
    for (const message of waiting.splice(0)) run(() => host?.receive(message));
  },
  (error: unknown) => post({ type: "failed", message: error instanceof Error ? error.message : String(error) }),
);
