// What a browser keeps per live session, in localStorage (a phone that closes the tab and opens the
// link again comes back as the same participant): the teacher key of a session this browser
// started, and a student's place (participant id + resume token + name); and, for this tab only
// (sessionStorage), a report key that came in a shared link. Storage may be disabled (private
// mode, policies): then nothing is kept and every function still works.
import { mergeClasses, parseStoredClasses, type KeptClass } from "./classes";
import type { StudentPlace } from "./session-client";

const PREFIX = "activation-lab:live";

export const teacherKeyName = (code: string) => `${PREFIX}:teacher:${code.toUpperCase()}`;
export const studentPlaceName = (code: string) => `${PREFIX}:student:${code.toUpperCase()}`;
export const reportKeyName = (code: string) => `${PREFIX}:report:${code.toUpperCase()}`;
/** "My classes" (lib/live/classes.ts): the sessions this browser started. */
export const classesName = `${PREFIX}:classes`;

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

/**
 * The sessions this browser started, newest first: the kept list, plus any session whose teacher
 * key is kept without an entry (started before the list existed, or the list was cleared).
 */
export function loadClasses(): KeptClass[] {
  const listed = parseStoredClasses(read(classesName));
  const loose: KeptClass[] = [];
  const store = storage("local");
  try {
    const prefix = teacherKeyName("");
    for (let i = 0; store && i < store.length; i++) {
      const name = store.key(i);
      if (!name?.startsWith(prefix)) continue;
      const teacherKey = read(name);
      const code = name.slice(prefix.length);
      if (teacherKey && /^[A-Z2-9]{6}$/.test(code)) loose.push({ code, title: "", startedAt: 0, teacherKey });
    }
  } catch {
    // storage went away while reading: the list as kept
  }
  return mergeClasses(listed, loose);
}

/** Adds sessions to "My classes" (a new one, or an imported file) and keeps each teacher key. */
export function rememberClasses(classes: readonly KeptClass[]): void {
  const listed = parseStoredClasses(read(classesName));
  write(classesName, JSON.stringify(mergeClasses(listed, classes)));
  for (const entry of classes) if (!loadTeacherKey(entry.code)) saveTeacherKey(entry.code, entry.teacherKey);
}

/** Takes a session off "My classes" and forgets its teacher key in this browser. */
export function forgetClass(code: string): void {
  const listed = parseStoredClasses(read(classesName));
  write(classesName, JSON.stringify(listed.filter((entry) => entry.code !== code)));
  saveTeacherKey(code, null);
}
