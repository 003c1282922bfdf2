// DEV/BENCH PAGE, not part of the lessons: the lesson view training TensorFlow Playground's default
// case — a 2-8-8-1 tanh network on 250 circle points (500 drawn, half for training), squared
// error, batch 10, learning rate 0.03 — at full speed, for bench/train-ui.ts to measure the frame
// time and the epochs per second shown while it trains.
import type { Metadata } from "next";
import { EXERCISE_FORMAT, type Exercise } from "@/lib/exercise/schema";
import type { LessonTraining } from "@/lib/lessons/lesson";
import { initialiseNetwork, networkOfShape } from "@/lib/training/init";
import { LocaleProvider } from "@/app/_i18n/locale-provider";
import { LessonView } from "@/app/_components/lab/lesson-view";

export const metadata: Metadata = {
  title: "Training bench (dev) · Activation Lab",
  robots: { index: false, follow: false },
};

const network = initialiseNetwork(
  networkOfShape(
    ["x1", "x2"],
    [8, 8, 1].map((size) => ({ size, activation: "tanh" as const })),
  ),
  1,
);

const exercise: Exercise = {
  format: EXERCISE_FORMAT,
  title: "Training bench: 2-8-8-1 tanh on the circle",
  description: "A development page for measuring training in the lesson view.",
  locale: "en",
  network,
  inputValues: [1, 1],
  rounds: [],
};

const training: LessonTraining = {
  settings: {
    data: { kind: "circle", points: 500, trainFraction: 0.5, seed: 1 },
    options: { loss: "squared_error", targets: "minus_one_one", batchSize: 10, learningRate: 0.03, seed: 1 },
    goal: { stopAfter: null, targetLoss: null },
  },
  speed: "full",
  claim: { en: "", "zh-CN": "" },
  variants: [],
};

export default function TrainBenchPage() {
  return (
    <LocaleProvider initial="en">
      <LessonView exercise={exercise} training={training} kind="saved" />
    </LocaleProvider>
  );
}
