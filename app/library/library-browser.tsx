"use client";
// The library's list: search by title (as you type), newest / most forked, "show more" pages,
// open an exercise by its short code, and import a file as a new exercise.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import type { ExerciseList, ExerciseSummary, ListSort } from "@/lib/api/exercises";
import type { Locale } from "@/lib/i18n";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { ShareResult, type SavedExerciseResult } from "@/app/_components/library/exercise-actions";
import {
  ApiFailure,
  downloadExercise,
  fetchExercise,
  fetchExerciseMeta,
  forkExercise,
  listExercises,
} from "@/app/_components/library/exercise-actions-api";
import { ImportExercise } from "@/app/_components/library/exercise-actions-import";
import { SiteHeader } from "@/app/_components/ui/site-header";
import actions from "@/app/_components/library/exercise-actions.module.css";
import site from "@/app/_components/ui/site.module.css";
import styles from "./library.module.css";

const PAGE_SIZE = 20;

interface LibraryBrowserProps {
  initialQuery: string;
  initialSort: ListSort;
}

type Loaded =
  | { key: string; status: "ready"; exercises: ExerciseSummary[]; nextOffset: number | null }
  | { key: string; status: "error"; message: string };

/** `value`, once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function LibraryBrowser({ initialQuery, initialSort }: LibraryBrowserProps) {
  const t = useT("library");
  const { locale } = useLocale();
  const router = useRouter();
  const [query, setQuery] = useState(initialQuery);
  const [sort, setSort] = useState<ListSort>(initialSort);
  const q = useSettled(query.trim(), 250);
  const key = `${sort}|${q}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<SavedExerciseResult | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busySlug, setBusySlug] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    listExercises({ q, sort, limit: PAGE_SIZE }).then(
      (list) => live && setLoaded({ key, status: "ready", ...list }),
      (error: unknown) => live && setLoaded({ key, status: "error", message: messageOf(error) }),
    );
    // the address keeps the search, so it can be shared and survives a reload
    const params = new URLSearchParams(window.location.search);
    if (q) params.set("q", q);
    else params.delete("q");
    if (sort !== "newest") params.set("sort", sort);
    else params.delete("sort");
    const search = params.size ? `?${params}` : "";
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${search}`);
    return () => {
      live = false;
    };
  }, [key, q, sort, reload]);

  async function showMore() {
    if (loaded?.status !== "ready" || loaded.nextOffset === null) return;
    setMoreBusy(true);
    try {
      const next: ExerciseList = await listExercises({ q, sort, limit: PAGE_SIZE, offset: loaded.nextOffset });
      setLoaded((current) =>
        current?.status === "ready" && current.key === key
          ? { ...current, exercises: [...current.exercises, ...next.exercises], nextOffset: next.nextOffset }
          : current,
      );
    } catch (error) {
      setLoaded({ key, status: "error", message: messageOf(error) });
    } finally {
      setMoreBusy(false);
    }
  }

  /** one action on one entry at a time; its failure is shown above the list */
  async function act(slug: string, action: () => Promise<void>) {
    setBusySlug(slug);
    setActionError(null);
    try {
      await action();
    } catch (error) {
      setActionError(t("actions.error.other", { message: messageOf(error) }));
    } finally {
      setBusySlug(null);
    }
  }

  async function fork(slug: string) {
    const created = await forkExercise(slug);
    setNotice({ kind: "forked", ...created });
    setReload((n) => n + 1);
    window.scrollTo({ top: 0, behavior: "smooth" });
  }

  async function exportFile(slug: string) {
    const { exercise } = await fetchExercise(slug);
    downloadExercise(exercise, slug);
  }

  const current = loaded?.key === key ? loaded : null;

  return (
    <div className={site.page}>
      <SiteHeader back />
      <main>
        <header className={styles.header}>
          <h1>{t("library.title")}</h1>
          <p className={styles.lede}>{t("library.intro")}</p>
        </header>

        <div className={styles.tools}>
          <label className={styles.search}>
            <span>{t("library.search")}</span>
            <input
              type="search"
              className={actions.input}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              maxLength={120}
              data-testid="library-search"
            />
          </label>
          <label className={styles.sort}>
            <span>{t("library.sort")}</span>
            <select
              className={actions.input}
              value={sort}
              onChange={(event) => setSort(event.target.value === "forks" ? "forks" : "newest")}
              data-testid="library-sort"
            >
              <option value="newest">{t("library.sort.newest")}</option>
              <option value="forks">{t("library.sort.forks")}</option>
            </select>
          </label>
          <OpenByCode onOpen={(url) => router.push(url)} />
          <button
            type="button"
            className={actions.button}
            onClick={() => setImporting(!importing)}
            aria-expanded={importing}
            data-testid="library-import"
          >
            {t("actions.import")}
          </button>
        </div>

        {importing && (
          <div className={`${actions.panel} ${styles.importPanel}`}>
            <ImportExercise
              onImported={(created) => {
                setImporting(false);
                setActionError(null);
                setNotice({ kind: "imported", ...created });
                setReload((n) => n + 1);
              }}
              onCancel={() => setImporting(false)}
            />
          </div>
        )}
        {actionError && (
          <p role="alert" className={actions.error} data-testid="library-action-error">
            {actionError}
          </p>
        )}
        {notice && <ShareResult result={notice} />}

        <section aria-live="polite" aria-busy={!current} className={styles.results}>
          {!current && <p className={styles.muted}>{t("library.loading")}</p>}
          {current?.status === "error" && (
            <p role="alert" className={actions.error}>
              {t("library.error", { message: current.message })}
            </p>
          )}
          {current?.status === "ready" && current.exercises.length === 0 && (
            <p className={styles.muted}>{t("library.empty", { q })}</p>
          )}
          {current?.status === "ready" && current.exercises.length > 0 && (
            <ul className={styles.list} data-testid="library-list">
              {current.exercises.map((entry) => (
                <LibraryEntry
                  key={entry.slug}
                  entry={entry}
                  locale={locale}
                  busy={busySlug === entry.slug}
                  onFork={() => act(entry.slug, () => fork(entry.slug))}
                  onExport={() => act(entry.slug, () => exportFile(entry.slug))}
                />
              ))}
            </ul>
          )}
          {current?.status === "ready" && current.nextOffset !== null && (
            <button
              type="button"
              className={actions.button}
              onClick={showMore}
              disabled={moreBusy}
              data-testid="library-more"
            >
              {moreBusy ? t("library.loading") : t("library.more")}
            </button>
          )}
        </section>
      </main>
    </div>
  );
}

interface LibraryEntryProps {
  entry: ExerciseSummary;
  locale: Locale;
  busy: boolean;
  onFork(): void;
  onExport(): void;
}

function LibraryEntry({ entry, locale, busy, onFork, onExport }: LibraryEntryProps) {
  const t = useT("library");
  const title = entry.translations?.[locale]?.title ?? entry.title;
  const description = entry.translations?.[locale]?.description ?? entry.description;
  return (
    <li className={styles.entry} data-testid="library-entry" data-slug={entry.slug}>
      <Link href={entry.url} className={styles.title}>
        {title}
      </Link>
      <p className={styles.facts}>
        {entry.builtIn ? (
          <span className={styles.badge}>{t("library.builtIn")}</span>
        ) : (
          entry.authorName && <span>{t("library.by", { name: entry.authorName })}</span>
        )}
        {entry.forkedFrom && (
          <span data-testid="entry-forked-from">
            {t("actions.forkedFrom")} <Link href={`/e/${entry.forkedFrom.slug}`}>{entry.forkedFrom.title}</Link>
          </span>
        )}
        {entry.forkCount > 0 && (
          <span>
            {entry.forkCount === 1 ? t("library.forks.one") : t("library.forks.many", { n: entry.forkCount })}
          </span>
        )}
        {entry.code && <span className={styles.code}>{entry.code}</span>}
      </p>
      {description && <p className={styles.description}>{clip(description, 180)}</p>}
      <div className={styles.entryActions}>
        <button type="button" className={actions.button} onClick={onFork} disabled={busy} data-testid="entry-fork">
          {t("actions.fork")}
        </button>
        <button type="button" className={actions.button} onClick={onExport} disabled={busy} data-testid="entry-export">
          {t("actions.export")}
        </button>
      </div>
    </li>
  );
}

function OpenByCode({ onOpen }: { onOpen(url: string): void }) {
  const t = useT("library");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const wanted = code.trim();
    if (!wanted) return;
    try {
      const meta = await fetchExerciseMeta(wanted);
      setError(null);
      onOpen(meta.url);
    } catch (failure) {
      setError(
        failure instanceof ApiFailure && failure.status === 404
          ? t("library.code.notFound", { code: wanted })
          : messageOf(failure),
      );
    }
  }

  return (
    <form className={styles.byCode} onSubmit={submit}>
      <label className={styles.search}>
        <span>{t("library.code.label")}</span>
        <span className={styles.codeRow}>
          <input
            className={`${actions.input} ${styles.codeInput}`}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            maxLength={80}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            data-testid="library-code"
          />
          <button type="submit" className={actions.button}>
            {t("library.code.go")}
          </button>
        </span>
      </label>
      {error && (
        <p role="alert" className={actions.error}>
          {error}
        </p>
      )}
    </form>
  );
}

function clip(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
