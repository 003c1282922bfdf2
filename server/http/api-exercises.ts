// The exercise library (docs/api.md, "Exercises"): list, read, create, fork, update, delete.
// Thin: parse (lib/api/exercises.ts) → store (server/exercises/store.ts) → reply. Every refusal
// happens before anything is written.
import type { IncomingMessage } from "node:http";
import {
  EDIT_KEY_HEADER,
  EXERCISE_BODY_LIMIT,
  parseCreateExercise,
  parseForkRequest,
  parseListQuery,
  parseUpdateExercise,
  REVISION_HEADER,
} from "../../lib/api/exercises";
import type { Parsed } from "../../lib/validation";
import type { ChangeRefusal } from "../exercises/store";
import { readJsonBody } from "./body";
import { ApiError, type ApiReply } from "./reply";
import type { Route } from "./router";
import type { ApiServices } from "./services";

export function exerciseRoutes({ exercises: store }: ApiServices): Route[] {
  return [
    {
      method: "GET",
      path: "/api/exercises",
      async handler({ query }) {
        const parsed = valid(parseListQuery(query));
        return { status: 200, body: await store.list(parsed) };
      },
    },
    {
      method: "POST",
      path: "/api/exercises",
      async handler({ req }) {
        const fields = valid(parseCreateExercise(await readJsonBody(req, EXERCISE_BODY_LIMIT)));
        return { status: 201, body: await store.create(fields) };
      },
    },
    {
      method: "GET",
      path: "/api/exercises/:slug",
      async handler({ req, params }) {
        const slug = params.slug!;
        // with the edit key, the owner's whole file; without, no choice round's answer key
        const found = await store.get(slug, editKey(req));
        if (!found) throw notFound(slug);
        // the body is exactly the exercise file; the revision it is at rides in a header
        return { status: 200, body: found.exercise, headers: { [REVISION_HEADER]: String(found.meta.revision) } };
      },
    },
    {
      method: "GET",
      path: "/api/exercises/:slug/meta",
      async handler({ params }) {
        const slug = params.slug!;
        const found = await store.get(slug);
        if (!found) throw notFound(slug);
        return { status: 200, body: found.meta };
      },
    },
    {
      method: "PUT",
      path: "/api/exercises/:slug",
      async handler({ req, params }) {
        const body = await readJsonBody(req, EXERCISE_BODY_LIMIT);
        const slug = params.slug!;
        const fields = valid(parseUpdateExercise(body));
        const result = await store.update(slug, editKey(req), fields);
        if (!result.ok) return refusalReply(result, slug);
        return { status: 200, body: result.value };
      },
    },
    {
      method: "DELETE",
      path: "/api/exercises/:slug",
      async handler({ req, params }) {
        const slug = params.slug!;
        const result = await store.remove(slug, editKey(req));
        if (!result.ok) return refusalReply(result, slug);
        return { status: 200, body: { deleted: true, slug: result.value.slug } };
      },
    },
    {
      method: "POST",
      path: "/api/exercises/:slug/fork",
      async handler({ req, params }) {
        const body = hasBody(req) ? await readJsonBody(req, EXERCISE_BODY_LIMIT) : undefined;
        const slug = params.slug!;
        const fields = valid(parseForkRequest(body));
        // the source's own answer keys stay readable in the fork only with its edit key
        const created = await store.fork(slug, fields, editKey(req));
        if (!created) throw notFound(slug);
        return { status: 201, body: created };
      },
    },
  ];
}

/** The parsed value, or the refusal thrown: 400 for the body's shape, 422 for its content. */
function valid<T>(parsed: Parsed<T>): T {
  if (parsed.ok) return parsed.value;
  const shape = parsed.error.code === "invalid_request" || parsed.error.code === "invalid_query";
  throw new ApiError(shape ? 400 : 422, parsed.error);
}

function editKey(req: IncomingMessage): string | undefined {
  const value = req.headers[EDIT_KEY_HEADER];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

/** Whether the request carries a body at all (a fork may come without one). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return length !== undefined ? Number(length) > 0 : req.headers["transfer-encoding"] !== undefined;
}

function notFound(slug: string): ApiError {
  return new ApiError(404, { code: "exercise_not_found", message: `no exercise has the slug or code "${slug}"` });
}

function refusalReply(refusal: ChangeRefusal, slug: string): ApiReply {
  switch (refusal.reason) {
    case "not_found":
      return notFound(slug).toReply();
    case "built_in":
      return new ApiError(403, {
        code: "built_in_lesson",
        message: `"${slug}" is a built-in lesson and cannot be changed; fork it to make your own copy`,
      }).toReply();
    case "wrong_edit_key":
      return new ApiError(403, {
        code: "wrong_edit_key",
        message: `the ${EDIT_KEY_HEADER} header is missing or is not this exercise's edit key`,
      }).toReply();
    case "conflict":
      return {
        status: 409,
        body: {
          error: {
            code: "conflict",
            message: `baseRevision: the exercise was changed since (it is at revision ${refusal.revision}); load it again and redo the change`,
            path: "baseRevision",
          },
          revision: refusal.revision,
        },
      };
  }
}
