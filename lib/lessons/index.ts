// The built-in lessons, in teaching order: one neuron, what its activation does, what it passes
// on, a tour of activation functions, why non-linearity is what makes depth worth it, and then
// the same lessons learned by training: XOR, step's missing gradient, dying ReLUs, tanh vs sigmoid.
import { deadRelusWhileTraining } from "./dead-relus-training";
import type { Lesson } from "./lesson";
import { linearCollapse } from "./linear-collapse";
import { mixedActivations } from "./mixed-activations";
import { onOffMyth } from "./on-off-myth";
import { reluDeadNeurons } from "./relu-dead-neurons";
import { seedNeuron } from "./seed-neuron";
import { sigmoidVsTanhTraining } from "./sigmoid-vs-tanh-training";
import { stepCannotLearn } from "./step-cannot-learn";
import { tanhVsSigmoid } from "./tanh-vs-sigmoid";
import { whatIsPassedOn } from "./what-is-passed-on";
import { xorByTraining } from "./xor-by-training";
import { xorNeedsNonlinearity } from "./xor-needs-nonlinearity";

export type { Lesson, LessonTraining, TrainingVariant } from "./lesson";
export { DEAD_RELU_DATA } from "./dead-relus-training";
export { SIGMOID_TANH_TARGET } from "./sigmoid-vs-tanh-training";
export { XOR_LINE_BOUND } from "./xor-by-training";
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
  // training: press play and watch
  xorByTraining,
  stepCannotLearn,
  deadRelusWhileTraining,
  sigmoidVsTanhTraining,
]);

export function lessonBySlug(slug: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.slug === slug);
}
