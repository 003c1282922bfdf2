// The training module (train-simd.wasm / train-scalar.wasm, built from assembly/train.ts): a
// WebAssembly module of its own, so that a page that only draws heatmaps downloads the small
// forward kernel and nothing of training. lib/training/kernel-trainer.ts lays out its memory and
// runs it; this file only names what the module exports and who holds its memory.
import type { KernelBuild } from "./kernel";

/** What the training module exports (see assembly/train.ts). */
export interface TrainingExports {
  memory: WebAssembly.Memory;
  trainPrepare(
    inputs: number,
    layers: number,
    neurons: number,
    params: number,
    train: number,
    test: number,
    batch: number,
  ): number;
  trainConfigure(
    loss: number,
    optimizer: number,
    learningRate: number,
    momentumOrBeta1: number,
    beta2: number,
    epsilon: number,
    l2: number,
    threshold: number,
  ): void;
  trainLayoutOffset(): number;
  trainParamsOffset(): number;
  trainGradsOffset(): number;
  trainStateOffset(): number;
  trainL2Offset(): number;
  trainDataOffset(test: number): number;
  trainPointStride(test: number): number;
  trainRecordCapacity(): number;
  trainRecordsOffset(): number;
  trainRecordCount(): number;
  trainFlowOffset(): number;
  trainPermutationOffset(): number;
  trainStatus(): number;
  trainRandomState(): number;
  trainAdamStep(): number;
  trainSetCounters(random: number, adamStep: number): void;
  trainEpochs(
    epochs: number,
    epoch: number,
    evaluateEvery: number,
    stopLoss: number,
    onTest: number,
    evaluateLast: number,
  ): number;
  trainEvaluate(): void;
  trainInspect(): void;
}

/** Every name of TrainingExports: the loader checks the module has them. */
export const TRAINING_EXPORTS = [
  "memory",
  "trainPrepare",
  "trainConfigure",
  "trainLayoutOffset",
  "trainParamsOffset",
  "trainGradsOffset",
  "trainStateOffset",
  "trainL2Offset",
  "trainDataOffset",
  "trainPointStride",
  "trainRecordCapacity",
  "trainRecordsOffset",
  "trainRecordCount",
  "trainFlowOffset",
  "trainPermutationOffset",
  "trainStatus",
  "trainRandomState",
  "trainAdamStep",
  "trainSetCounters",
  "trainEpochs",
  "trainEvaluate",
  "trainInspect",
] as const satisfies readonly (keyof TrainingExports)[];

/**
 * One instance of the training module. Several trainers may share it: each lays out the memory
 * its own way, so claim() tells a trainer whether anyone else used the memory since its own last
 * claim (then it uploads its run again).
 */
export class TrainingKernel {
  /** Who laid out the memory last. */
  private holder: object | null = null;

  constructor(
    private readonly wasm: TrainingExports,
    readonly build: KernelBuild,
  ) {}

  /** The raw exports, and whether `holder` still owns the layout (nobody claimed since its last claim). */
  claim(holder: object): { exports: TrainingExports; intact: boolean } {
    const intact = this.holder === holder;
    this.holder = holder;
    return { exports: this.wasm, intact };
  }
}
