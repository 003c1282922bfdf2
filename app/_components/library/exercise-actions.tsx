"use client";
// Save, share, fork, export and import for the exercise on a page (a lesson or a saved exercise):
//   <ExerciseActions exercise={current} slug={slug} isBuiltIn={false} revision={loadedRevision} />
// `exercise` is the exercise as it is now on the page (the edited network included). Save as new
// and Fork hand out an edit key, kept in this browser (localStorage) by slug; Save changes sends
// it with the revision the page was loaded at, so a newer save by someone else is reported
// (409), never overwritten. Needs a LocaleProvider above it (every page has one).
import Link from "next/link";
import { useEffect, useId, useState, type FormEvent } from "react";
import { exerciseUrl, type CreatedExercise, type ExerciseMeta } from "@/lib/api/exercises";
import { parseExercise, type Exercise } from "@/lib/exercise/schema";
import {
  ApiFailure,
  downloadExercise,
  fetchExerciseMeta,
  forkExercise,
  heldEditKey,
  saveExerciseChanges,
  saveNewExercise,
  shareLink,
  type HeldKey,
} from "./exercise-actions-api";
import { useT } from "@/app/_i18n/locale-provider";
import { ImportExercise } from "./exercise-actions-import";
import type { MessageKey } from "@/lib/i18n";
import styles from "./exercise-actions.module.css";

export interface SavedExerciseResult {
  kind: "created" | "forked" | "imported" | "updated";
  slug: string;
  url: string;
  code: string | null;
  revision: number;
}

export interface ExerciseActionsProps {
  /** the exercise as it is now on the page */
  exercise: Exercise;
  /** the slug of the lesson or saved exercise shown; none for an exercise not saved yet */
  slug?: string;
  isBuiltIn: boolean;
  /**
   * the revision the page's exercise was loaded at (the `x-exercise-revision` header of
   * GET /api/exercises/:slug); without it, the revision the component reads when it mounts
   */
  revision?: number;
  /** after every successful save, fork or import */
  onSaved?(result: SavedExerciseResult): void;
}

type Panel = "none" | "save" | "import";

export function ExerciseActions({
  exercise,
  slug,
  isBuiltIn,
  revision: loadedRevision,
  onSaved,
}: ExerciseActionsProps) {
  const t = useT("library");
  const id = useId();
  const saved = Boolean(slug) && !isBuiltIn;
  const [meta, setMeta] = useState<ExerciseMeta | null>(null);
  const [held, setHeld] = useState<HeldKey | null>(null);
  const [revision, setRevision] = useState<number | undefined>(loadedRevision);
  const [panel, setPanel] = useState<Panel>("none");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SavedExerciseResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  // what the server knows (fork link, code, revision) and whether this browser holds the edit key
  useEffect(() => {
    if (!slug || isBuiltIn) return;
    let live = true;
    fetchExerciseMeta(slug).then(
      (found) => {
        if (!live) return;
        setMeta(found);
        setHeld(heldEditKey(found.slug));
        setRevision((current) => current ?? found.revision);
      },
      () => {}, // the page reports an exercise it cannot load; these actions just stay limited
    );
    return () => {
      live = false;
    };
  }, [slug, isBuiltIn]);

  function finish(next: SavedExerciseResult) {
    setResult(next);
    setError(null);
    setPanel("none");
    onSaved?.(next);
  }

  function fail(failure: unknown) {
    setResult(null);
    if (failure instanceof ApiFailure && failure.refusal.code === "conflict") {
      setError(t("actions.error.conflict", { revision: failure.revision ?? "?" }));
    } else if (failure instanceof ApiFailure && failure.refusal.code === "wrong_edit_key") {
      setError(t("actions.error.wrongKey"));
    } else {
      setError(t("actions.error.other", { message: failure instanceof Error ? failure.message : String(failure) }));
    }
  }

  async function run(action: () => Promise<SavedExerciseResult>) {
    setBusy(true);
    setError(null);
    try {
      finish(await action());
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(false);
    }
  }

  const created = (kind: SavedExerciseResult["kind"], value: CreatedExercise): SavedExerciseResult => ({
    kind,
    slug: value.slug,
    url: value.url,
    code: value.code,
    revision: value.revision,
  });

  const saveChanges = () =>
    run(async () => {
      if (!slug || !held || revision === undefined) throw new Error("no edit key");
      const updated = await saveExerciseChanges(meta?.slug ?? slug, exercise, revision, held.editKey);
      setRevision(updated.revision);
      return { kind: "updated", slug: updated.slug, url: updated.url, code: updated.code, revision: updated.revision };
    });

  const fork = () => run(async () => created("forked", await forkExercise(meta?.slug ?? slug!, exercise)));

  return (
    <section className={styles.panel} aria-labelledby={`${id}-heading`} data-testid="exercise-actions">
      <h2 id={`${id}-heading`} className={styles.heading}>
        {t("actions.heading")}
      </h2>
      {meta?.forkedFrom && (
        <p className={styles.meta} data-testid="forked-from">
          {t("actions.forkedFrom")} <Link href={exerciseUrl(meta.forkedFrom.slug)}>{meta.forkedFrom.title}</Link>
        </p>
      )}
      {meta?.code && (
        <p className={styles.meta}>
          {t("actions.share.code")} <span className={styles.shareCode}>{meta.code}</span>
        </p>
      )}

      <div className={styles.row}>
        {saved && (
          <button
            type="button"
            className={styles.primary}
            onClick={saveChanges}
            disabled={busy || !held || revision === undefined}
            data-testid="save-changes"
          >
            {t("actions.saveChanges")}
          </button>
        )}
        <button
          type="button"
          className={styles.button}
          onClick={() => setPanel(panel === "save" ? "none" : "save")}
          aria-expanded={panel === "save"}
          disabled={busy}
          data-testid="save-new"
        >
          {t("actions.saveNew")}
        </button>
        {slug && (
          <button type="button" className={styles.button} onClick={fork} disabled={busy} data-testid="fork">
            {t("actions.fork")}
          </button>
        )}
        <button
          type="button"
          className={styles.button}
          onClick={() => downloadExercise(exercise, meta?.slug ?? slug)}
          data-testid="export"
        >
          {t("actions.export")}
        </button>
        <button
          type="button"
          className={styles.button}
          onClick={() => setPanel(panel === "import" ? "none" : "import")}
          aria-expanded={panel === "import"}
          disabled={busy}
          data-testid="import"
        >
          {t("actions.import")}
        </button>
      </div>

      {isBuiltIn && <p className={styles.note}>{t("actions.builtInNote")}</p>}
      {saved && meta && !held && <p className={styles.note}>{t("actions.noKeyNote")}</p>}

      {panel === "save" && (
        <SaveNewForm
          exercise={exercise}
          busy={busy}
          onCancel={() => setPanel("none")}
          onSave={(next, options) =>
            run(async () =>
              created(
                "created",
                // a copy of an exercise the server has (a lesson, a saved one) is made by the
                // server, which keeps the answer keys of its choice rounds; the page's changes follow
                slug
                  ? await forkExercise(meta?.slug ?? slug, next, { ...options, title: next.title })
                  : await saveNewExercise(next, options),
              ),
            )
          }
        />
      )}
      {panel === "import" && (
        <ImportExercise onImported={(value) => finish(created("imported", value))} onCancel={() => setPanel("none")} />
      )}
      {busy && (
        <p role="status" className={styles.note}>
          {t("actions.working")}
        </p>
      )}
      {error && (
        <p role="alert" className={styles.error} data-testid="actions-error">
          {error}
        </p>
      )}
      {result && <ShareResult result={result} />}
    </section>
  );
}

export interface SaveNewFormProps {
  exercise: Exercise;
  busy: boolean;
  onSave(exercise: Exercise, options: { authorName: string; visibility: "public" | "unlisted" }): void;
  onCancel(): void;
}

export function SaveNewForm({ exercise, busy, onSave, onCancel }: SaveNewFormProps) {
  const t = useT("library");
  const [title, setTitle] = useState(exercise.title);
  const [description, setDescription] = useState(exercise.description);
  const [authorName, setAuthorName] = useState("");
  const [unlisted, setUnlisted] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseExercise({ ...exercise, title, description });
    if (!parsed.ok) {
      setError(parsed.error.message);
      return;
    }
    setError(null);
    onSave(parsed.value, { authorName, visibility: unlisted ? "unlisted" : "public" });
  }

  return (
    <form className={styles.form} onSubmit={submit} data-testid="save-form">
      <label className={styles.field}>
        {t("actions.form.title")}
        <input
          className={styles.input}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          maxLength={120}
          required
          data-testid="save-title"
        />
      </label>
      <label className={styles.field}>
        {t("actions.form.description")}
        <textarea
          className={styles.textarea}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          maxLength={4000}
          rows={3}
          data-testid="save-description"
        />
      </label>
      <label className={styles.field}>
        {t("actions.form.author")}
        <input
          className={styles.input}
          value={authorName}
          onChange={(event) => setAuthorName(event.target.value)}
          maxLength={60}
          autoComplete="name"
          data-testid="save-author"
        />
      </label>
      <label className={styles.check}>
        <input type="checkbox" checked={unlisted} onChange={(event) => setUnlisted(event.target.checked)} />
        {t("actions.form.unlisted")}
      </label>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <div className={styles.row}>
        <button type="submit" className={styles.primary} disabled={busy} data-testid="save-submit">
          {t("actions.form.save")}
        </button>
        <button type="button" className={styles.button} onClick={onCancel}>
          {t("actions.form.cancel")}
        </button>
      </div>
    </form>
  );
}

const DONE = {
  created: "actions.done.created",
  forked: "actions.done.forked",
  imported: "actions.done.imported",
  updated: "actions.done.updated",
} as const satisfies Record<SavedExerciseResult["kind"], MessageKey<"library">>;

/** What was saved, and how to share it: the link, the short code, a copy button. */
export function ShareResult({ result }: { result: SavedExerciseResult }) {
  const t = useT("library");
  const [copied, setCopied] = useState(false);
  const link = shareLink(result.url);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard permission: the link is on screen to copy by hand
    }
  }

  return (
    <div className={styles.result} role="status" data-testid="share-result">
      <p>{t(DONE[result.kind], { revision: result.revision })}</p>
      {result.kind !== "updated" && (
        <>
          <p className={styles.shareLine}>
            <span>{t("actions.share.link")}</span>
            <a href={result.url} data-testid="share-link">
              {link}
            </a>
          </p>
          {result.code && (
            <p className={styles.shareLine}>
              <span>{t("actions.share.code")}</span>
              <span className={styles.shareCode} data-testid="share-code">
                {result.code}
              </span>
            </p>
          )}
          <div className={styles.row}>
            <button type="button" className={styles.button} onClick={copy}>
              {copied ? t("actions.share.copied") : t("actions.share.copy")}
            </button>
            <Link href={result.url} className={styles.button} data-testid="share-open">
              {t("actions.share.open")}
            </Link>
          </div>
          <p className={styles.note}>{t("actions.share.keyNote")}</p>
        </>
      )}
    </div>
  );
}
