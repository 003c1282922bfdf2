// The answer keys of the built-in lessons' choice rounds. They live here, in server code, and not
// in lib/lessons: the lesson files are bundled into the pages every student loads, and a key
// there would give the right option away before the reveal. The server adds them back to the
// lesson when it runs a round or forks the lesson (tests/unit/lesson-answer-keys.test.ts checks
// that every choice round has exactly one key that fits it).
import type { Exercise } from "../../lib/exercise/schema";
import { lessonBySlug, type Lesson } from "../../lib/lessons";
import { own } from "../../lib/own";

/** lesson slug → round index → the index of the right choice */
export const LESSON_ANSWER_KEYS: Readonly<Record<string, Readonly<Record<number, number>>>> = Object.freeze({
  // "Which of these neurons can only ever output 0 or 1?" → h1 (step)
  "on-off-myth": { 2: 0 },
  // "What does the next layer receive from h1?" → its output
  "what-is-passed-on": { 0: 2 },
  // "For which inputs in −6…6 does h2 output something other than 0?" → none
  "relu-dead-neurons": { 2: 0 },
  // "How many linear layers do you need …?" → 1
  "linear-collapse": { 2: 0 },
});

/** The lesson's exercise with its answer keys: for the server's own use only. */
export function lessonWithAnswerKeys(lesson: Lesson): Exercise {
  const keys = own(LESSON_ANSWER_KEYS, lesson.slug) ?? {};
  const exercise = structuredClone(lesson.exercise);
  exercise.rounds = exercise.rounds.map((round, i) => {
    const answer = own(keys, String(i));
    return answer === undefined ? round : { ...round, answer };
  });
  return exercise;
}

/** The built-in lesson `slug` with its answer keys, or undefined. */
export function fullLesson(slug: string): Exercise | undefined {
  const lesson = lessonBySlug(slug);
  return lesson ? lessonWithAnswerKeys(lesson) : undefined;
}
