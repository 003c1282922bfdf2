// What a browser keeps per live session, in localStorage (a phone that closes the tab and opens the
// link again comes back as the same participant): the teacher key of a session this browser
// started, and a student's place (participant id + resume token + name); and, for this tab only
// (sessionStorage), a report key that came in a shared link. Storage may be disabled (private
// mode, policies): then nothing is kept and every function still works.
import type { StudentPlace } from "./session-client";

const PREFIX = "activation-lab:live";

export const teacherKeyName = (code: string) => `${PREFIX}:teacher:${code.toUpperCase()}`;
export const studentPlaceName = (code: string) => `${PREFIX}:student:${code.toUpperCase()}`;
export const reportKeyName = (code: string) => `${PREFIX}:report:${code.toUpperCase()}`;

type Kind = "local" | "session";

function storage(kind: Kind): Storage | null {
  try {
    if (typeof window === "undefined") return null;
    return kind === "local" ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

function read(name: string, kind: Kind = "local"): string | null {
  try {
    return storage(kind)?.getItem(name) ?? null;
  } catch {
    return null;
  }
}

function write(name: string, value: string | null, kind: Kind = "local"): void {
  try {
    const store = storage(kind);
    if (value === null) store?.removeItem(name);
    else store?.setItem(name, value);
  } catch {
    // full or disabled: the session still works, only a reload will not resume
  }
}

export function loadTeacherKey(code: string): string | null {
  return read(teacherKeyName(code));
}

export function saveTeacherKey(code: string, key: string | null): void {
  write(teacherKeyName(code), key);
}

/** A report key from a shared link, kept for this tab so that a reload still shows the report. */
export function loadReportKey(code: string): string | null {
  return read(reportKeyName(code), "session");
}

export function saveReportKey(code: string, key: string): void {
  write(reportKeyName(code), key, "session");
}

export function loadPlace(code: string): StudentPlace | null {
  return parsePlace(read(studentPlaceName(code)));
}

export function savePlace(code: string, place: StudentPlace | null): void {
  write(studentPlaceName(code), place === null ? null : JSON.stringify(place));
}

/** A stored place, or null for anything else (tampered with, an older format). */
export function parsePlace(text: string | null): StudentPlace | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    const { participantId, resumeToken, name } = value as Record<string, unknown>;
    if (typeof participantId !== "string" || typeof resumeToken !== "string" || typeof name !== "string") return null;
    if (!participantId || !resumeToken) return null;
    return { participantId, resumeToken, name };
  } catch {
    return null;
  }
}
