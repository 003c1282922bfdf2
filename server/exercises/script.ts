// The rounds a live session may run, worked out once when it starts: the exercise's rounds with
// every answer key the starter is entitled to (lib/exercise/answer-keys.ts `sessionScript`). A key
// written in a built-in lesson may always be used; a key written in a saved exercise only when the
// session was started with that exercise's edit key.
import { sessionScript, type KeyOrigin, type ScriptRound } from "../../lib/exercise/answer-keys";
import { editKeyMatches } from "./keys";
import type { ExerciseSource, ExerciseStore } from "./store";

export async function scriptFor(
  source: ExerciseSource,
  editKey: string | undefined,
  exercises: Pick<ExerciseStore, "editKeyHashes">,
): Promise<ScriptRound[]> {
  // the edit-key hashes of every exercise a sealed key came from, looked up once
  const elsewhere = source.sealed.flatMap((key) => (key?.origin.kind === "exercise" ? [key.origin.id] : []));
  const hashes = await exercises.editKeyHashes([...new Set(elsewhere)]);
  if (source.self.kind === "exercise" && source.editKeyHash) hashes.set(source.self.id, source.editKeyHash);
  const mayUse = (origin: KeyOrigin) => {
    if (origin.kind === "lesson") return true;
    const hash = hashes.get(origin.id);
    return hash !== undefined && editKeyMatches(editKey, hash);
  };
  return sessionScript(source.exercise, source.sealed, source.self, mayUse);
}
