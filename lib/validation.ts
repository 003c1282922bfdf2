// Turns zod failures into the app's one refusal shape: {code, message, path}.
import type { z } from "zod";

export interface Refusal {
  code: string;
  message: string;
  path?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: Refusal };

/** `layers.0.neurons.1.weights`: the dotted path DESIGN.md promises in every refusal. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

export function refusalFromZod(code: string, error: z.ZodError): Refusal {
  const issue = error.issues[0];
  if (!issue) return { code, message: "invalid input" };
  if (issue.code === "unrecognized_keys") {
    // name the unknown field itself, not the object that holds it
    const path = dottedPath([...issue.path, issue.keys[0] ?? ""]);
    return { code, message: `${path}: unknown field`, path };
  }
  const path = dottedPath(issue.path);
  return path ? { code, message: `${path}: ${issue.message}`, path } : { code, message: issue.message };
}

/** Parses `input` with `schema`; a failure becomes a Refusal with `code`. */
export function parseWith<S extends z.ZodType>(schema: S, code: string, input: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: refusalFromZod(code, result.error) };
}

/** A named refusal: the one shape every rule answers "no" with. */
export function refuse(code: string, message: string, path?: string): { ok: false; error: Refusal } {
  return { ok: false, error: path === undefined ? { code, message } : { code, message, path } };
}

/** A refusal about one field, its path leading the message like zod's (`title: is required`). */
export function refuseField(code: string, path: string, message: string): { ok: false; error: Refusal } {
  return refuse(code, `${path}: ${message}`, path);
}
