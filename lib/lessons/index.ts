// The built-in lessons, in teaching order: one neuron, what its activation does, what it passes
// on, a tour of activation functions, and finally why non-linearity is what makes depth worth it.
import type { Lesson } from "./lesson";
import { linearCollapse } from "./linear-collapse";
import { mixedActivations } from "./mixed-activations";
import { onOffMyth } from "./on-off-myth";
import { reluDeadNeurons } from "./relu-dead-neurons";
import { seedNeuron } from "./seed-neuron";
import { tanhVsSigmoid } from "./tanh-vs-sigmoid";
import { whatIsPassedOn } from "./what-is-passed-on";
import { xorNeedsNonlinearity } from "./xor-needs-nonlinearity";

export type { Lesson } from "./lesson";
export { RELU_LESSON_INPUT_RANGE } from "./relu-dead-neurons";
export {
  XOR_ALL_LINEAR_VARIANTS,
  XOR_CORNERS,
  xorAllLinearVariant,
  xorSingleLinearNeuron,
} from "./xor-needs-nonlinearity";

export const LESSONS: readonly Lesson[] = Object.freeze([
  seedNeuron,
  onOffMyth,
  whatIsPassedOn,
  tanhVsSigmoid,
  reluDeadNeurons,
  mixedActivations,
  linearCollapse,
  xorNeedsNonlinearity,
]);

export function lessonBySlug(slug: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.slug === slug);
}
