// Recent shape changes of a session's shared network and the socket that made each: an edit made
// on a version before someone else's shape change is stale (its indices may point elsewhere now),
// while a client's own edits sent right after its own shape change are fine. In memory only: after
// a reload every earlier shape change counts as someone else's.

import type { SessionValue } from "../../lib/session/authority";
import type { Action, Actor } from "../../lib/session/rules";
import type { Refusal } from "../../lib/validation";

const HISTORY = 64;

export class ShapeLog {
  private changes: { version: number; connectionId: string | undefined }[] = [];

  record(version: number, connectionId: string | undefined): void {
    this.changes.push({ version, connectionId });
    if (this.changes.length > HISTORY) this.changes.shift();
  }

  /** A write failed: the changes after `version` never happened. */
  rollback(version: number): void {
    this.changes = this.changes.filter((c) => c.version <= version);
  }

  /**
   * Has the shape changed after `baseVersion` by another socket than `connectionId`?
   * `shapeVersion`: the version of the last shape change, as stored.
   */
  changedSince(baseVersion: number, connectionId: string | undefined, shapeVersion: number): boolean {
    if (shapeVersion <= baseVersion) return false;
    const oldest = this.changes[0];
    // shape changes before this process loaded the session: unknown author, so assume another
    if (!oldest || oldest.version > baseVersion + 1) return true;
    return this.changes.some((c) => c.version > baseVersion && c.connectionId !== connectionId);
  }

  /**
   * Is an action sent on `baseVersion` stale? A version the server does not know yet is, and so is
   * an edit of the shared network made before someone else changed its shape. null: fresh.
   */
  staleness(
    value: SessionValue,
    action: Action,
    actor: Actor,
    { baseVersion, connectionId }: { baseVersion?: number; connectionId?: string },
  ): Refusal | null {
    if (baseVersion === undefined) return null;
    if (baseVersion > value.state.version) {
      return { code: "stale", message: `version ${baseVersion} is not known here: resync` };
    }
    const sharedEdit = action.type === "edit" && !(actor.role === "student" && value.state.mode === "sandbox");
    if (sharedEdit && this.changedSince(baseVersion, connectionId, value.server.shapeVersion)) {
      return { code: "stale", message: "the network's shape changed meanwhile: resync" };
    }
    return null;
  }
}
