"use client";
// An exercise that is not a built-in lesson: fetched from GET /api/exercises/:slug (200: the
// exercise@1 file, 404: not found), checked with the exercise schema, then shown like a lesson.
import Link from "next/link";
import { useEffect, useState } from "react";
import { parseExercise, type Exercise } from "@/lib/exercise/schema";
import { useT } from "@/app/_i18n/locale-provider";
import { ownerHeaders } from "./exercise-actions-api";
import { LessonView } from "../lab/lesson-view";
import { SiteHeader } from "../ui/site-header";
import styles from "../ui/site.module.css";

type Loaded =
  | { status: "loading" }
  | { status: "ready"; exercise: Exercise; revision?: number }
  | { status: "not-found" }
  | { status: "error"; key: "lesson.loadError" | "lesson.invalid"; message: string };

async function load(slug: string, signal: AbortSignal): Promise<Loaded> {
  const response = await fetch(`/api/exercises/${encodeURIComponent(slug)}`, {
    signal,
    headers: { accept: "application/json", ...ownerHeaders(slug) },
  });
  if (response.status === 404) return { status: "not-found" };
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const message =
      body && typeof body === "object" && "error" in body && typeof body.error === "object" && body.error
        ? String((body.error as { message?: unknown }).message ?? `HTTP ${response.status}`)
        : `HTTP ${response.status}`;
    return { status: "error", key: "lesson.loadError", message };
  }
  const parsed = parseExercise(await response.json());
  const revision = Number(response.headers.get("x-exercise-revision") ?? Number.NaN);
  return parsed.ok
    ? { status: "ready", exercise: parsed.value, ...(Number.isInteger(revision) ? { revision } : {}) }
    : { status: "error", key: "lesson.invalid", message: parsed.error.message };
}

export function SavedExercise({ slug }: { slug: string }) {
  const t = useT("site");
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    load(slug, controller.signal).then(setLoaded, (error: unknown) => {
      if (controller.signal.aborted) return;
      setLoaded({
        status: "error",
        key: "lesson.loadError",
        message: error instanceof Error ? error.message : String(error),
      });
    });
    return () => controller.abort();
  }, [slug]);

  if (loaded.status === "ready") {
    return <LessonView exercise={loaded.exercise} kind="saved" slug={slug} revision={loaded.revision} />;
  }
  return (
    <div className={styles.page}>
      <SiteHeader back />
      <main className={styles.message} data-testid="exercise-status">
        {loaded.status === "loading" && <p role="status">{t("lesson.loading")}</p>}
        {loaded.status === "not-found" && (
          <>
            <h1>{t("lesson.notFound.title")}</h1>
            <p>{t("lesson.notFound.text", { slug })}</p>
            <p>
              <Link href="/">{t("lesson.home")}</Link>
            </p>
          </>
        )}
        {loaded.status === "error" && (
          <p role="alert" className={styles.error}>
            {t(loaded.key, { message: loaded.message })}
          </p>
        )}
      </main>
    </div>
  );
}
