// What a new live session opens with: a built-in lesson, a saved exercise, or a blank 2-2-1 network.
import { initialInputValues } from "../../lib/exercise/schema";
import { lessonBySlug } from "../../lib/lessons";
import type { LabState } from "../../lib/network/ops";
import { NETWORK_FORMAT, inputValueSchema, networkSchema } from "../../lib/network/schema";
import type { Db } from "../db/client";

/** Two inputs, two sigmoid hidden neurons, one sigmoid output: small weights to start moving. */
export function blankLab(): LabState {
  return {
    network: {
      format: NETWORK_FORMAT,
      inputs: ["x1", "x2"],
      layers: [
        {
          activation: "sigmoid",
          neurons: [
            { weights: [0.5, 0.2], bias: 0.1 },
            { weights: [-0.4, 0.6], bias: 0 },
          ],
        },
        { activation: "sigmoid", neurons: [{ weights: [1, -1], bias: 0 }] },
      ],
    },
    inputValues: [1, 1],
  };
}

/**
 * The lab of the exercise `slug`: a built-in lesson (lib/lessons) first, else a saved exercise
 * (its `network` column is JSON text). null: no such exercise, or a stored one that does not parse.
 */
export async function labForExercise(slug: string, prisma: Db): Promise<LabState | null> {
  const lesson = lessonBySlug(slug);
  if (lesson) {
    return structuredClone({ network: lesson.exercise.network, inputValues: initialInputValues(lesson.exercise) });
  }
  const row: Record<string, unknown> | null = await prisma.exercise.findUnique({ where: { slug } });
  if (!row || typeof row.network !== "string") return null;
  const network = networkSchema.safeParse(parseJson(row.network));
  if (!network.success) return null;
  const count = network.data.inputs.length;
  // a saved exercise may carry its opening input values (JSON text), one per input
  const values = inputValueSchema.array().length(count).safeParse(parseJson(row.inputValues));
  return { network: network.data, inputValues: values.success ? values.data : new Array<number>(count).fill(1) };
}

function parseJson(text: unknown): unknown {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
