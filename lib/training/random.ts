// The one seeded random number generator of training: data sets, initial weights and the order of
// the training points all come from it, so the same seed gives the same data, the same weights
// and the same loss curve in Node and in every browser.
//
// mulberry32 (Tommy Ettinger, public domain): 32 bits of state, integer operations only
// (Math.imul, shifts, xor), so every JavaScript engine gives the same sequence, and the wasm
// kernel (assembly/train-random.ts) runs the very same steps to shuffle the training points.
// Floats are made from it with exact operations only (a 32-bit integer times 2^-32).
import { portableLog } from "./portable-math";

/** A stream of pseudo-random numbers. */
export interface Random {
  /** The next 32-bit unsigned integer. */
  nextU32(): number;
  /** Uniform in [0, 1): the next integer times 2^-32 (exact). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Uniform integer in [0, n) for 1 <= n <= 2^21 (exact: see uniformIndex). */
  index(n: number): number;
  /** The current state: `createRandom(random.state())` continues the same stream. */
  state(): number;
}

const TWO_POW_32 = 4294967296;

/** One mulberry32 step: returns [next state, output]. The wasm kernel has the same function. */
export function mulberry32(state: number): [number, number] {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [next >>> 0, (t ^ (t >>> 14)) >>> 0];
}

/**
 * floor(u · n / 2^32) for a 32-bit u: an index in [0, n). u · n < 2^53 for n <= 2^21, so the
 * float64 product and the division by a power of two are exact: the same in every engine and
 * in the kernel.
 */
export function uniformIndex(u: number, n: number): number {
  return Math.floor((u * n) / TWO_POW_32);
}

export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const nextU32 = (): number => {
    const [state, out] = mulberry32(s);
    s = state;
    return out;
  };
  return {
    nextU32,
    next: () => nextU32() / TWO_POW_32,
    uniform: (min, max) => min + (max - min) * (nextU32() / TWO_POW_32),
    index: (n) => uniformIndex(nextU32(), n),
    state: () => s,
  };
}

/**
 * A seed for one use of a seed (`stream`: the data, the split, the initial weights, the
 * shuffling…), so that one number a user picks can drive them all without their streams
 * overlapping. A murmur3-style integer mix of (seed, stream).
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = Math.imul((seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The streams deriveSeed is used with in lib/training (documented so nobody reuses one). */
export const SEED_STREAMS = { data: 1, split: 2, weights: 3, shuffle: 4 } as const;

/**
 * Fisher–Yates shuffle in place, from the last element down: `order[i]` swaps with a uniform
 * index in [0, i]. The kernel shuffles its training points with exactly these steps.
 */
export function shuffleInPlace(order: Int32Array | number[], random: Random): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.index(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

/** Standard normal deviate (Marsaglia's polar method), with a portable log and sqrt only. */
export function normal(random: Random): number {
  for (;;) {
    const u = 2 * random.next() - 1;
    const v = 2 * random.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * portableLog(s)) / s);
  }
}
