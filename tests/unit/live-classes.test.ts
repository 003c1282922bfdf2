// "My classes": merging this browser's list with an imported one, and the export file's round trip.
import { describe, expect, it } from "vitest";
import {
  CLASSES_FILE_FORMAT,
  classesFile,
  mergeClasses,
  parseClassesFile,
  parseStoredClasses,
  type KeptClass,
} from "../../lib/live/classes";

const entry = (code: string, startedAt: number, title = `Lesson ${code}`): KeptClass => ({
  code,
  title,
  startedAt,
  teacherKey: `key-${code}`,
});

describe("mergeClasses", () => {
  it("keeps one entry per code, newest first", () => {
    const merged = mergeClasses([entry("AAAAAA", 1), entry("BBBBBB", 3)], [entry("CCCCCC", 2), entry("AAAAAA", 9)]);
    expect(merged.map((c) => c.code)).toEqual(["BBBBBB", "CCCCCC", "AAAAAA"]);
  });

  it("never overwrites what this browser knows, yet fills in what it does not", () => {
    const here = { ...entry("AAAAAA", 0, ""), teacherKey: "mine" };
    const [merged] = mergeClasses([here], [{ ...entry("AAAAAA", 5, "Week 3"), teacherKey: "theirs" }]);
    expect(merged).toEqual({ code: "AAAAAA", title: "Week 3", startedAt: 5, teacherKey: "mine" });
  });
});

describe("the classes file", () => {
  it("comes back as it went out", () => {
    const list = [entry("K7PQ2M", 1764290000000), entry("ABCDEF", 1764200000000)];
    const text = classesFile(list);
    expect(JSON.parse(text)).toMatchObject({ format: CLASSES_FILE_FORMAT });
    expect(parseClassesFile(text)).toEqual({ ok: true, value: list });
  });

  it("refuses what is not one, by name", () => {
    expect(parseClassesFile("{")).toMatchObject({ ok: false, error: { code: "invalid_file" } });
    expect(parseClassesFile(JSON.stringify({ format: "other", classes: [] }))).toMatchObject({
      ok: false,
      error: { path: "format" },
    });
    const badCode = JSON.stringify({ format: CLASSES_FILE_FORMAT, classes: [entry("0OIL11", 1)] });
    expect(parseClassesFile(badCode)).toMatchObject({ ok: false, error: { path: "classes.0.code" } });
  });

  it("a stored list drops the entries it cannot read and keeps the rest", () => {
    const text = JSON.stringify([entry("K7PQ2M", 1), { code: "nope" }, 5]);
    expect(parseStoredClasses(text)).toEqual([entry("K7PQ2M", 1)]);
    expect(parseStoredClasses("not json")).toEqual([]);
    expect(parseStoredClasses(null)).toEqual([]);
  });
});
