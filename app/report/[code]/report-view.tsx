"use client";
// The report page's body: per round the question, the truth with its arithmetic, the spread and
// every student's answer and score; per student the totals; the server's CSV files as downloads.
// The key goes to the API in a header only. It is the teacher key this browser keeps for the
// session (the teacher's "Report" button passes nothing in the URL), or a report key from a link
// the teacher shared (#key=…, a fragment: never sent to the server), which is then kept for this
// tab and taken out of the address bar.
import { ActivityReportSection } from "@/app/_components/network-activity/report-section";
import Link from "next/link";
import { Fragment, useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { formatNumber } from "@/lib/format";
import { loadReportKey, loadTeacherKey, saveReportKey } from "@/lib/live/storage";
import { formatError, formatRoundValue, localized } from "@/lib/rounds/display";
import type { RoundView } from "@/lib/rounds/model";
import { partOf, type ReportPart, type ReportRound, type SessionReport } from "@/lib/rounds/report";
import { localizedTitle } from "@/lib/exercise/schema";
import { lessonBySlug } from "@/lib/lessons";
import { LanguageSwitch } from "@/app/_i18n/language-switch";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { downloadReportCsv, type ReportTable } from "@/app/_components/rounds/report-download";
import { RevealView } from "@/app/_components/rounds/round-parts";
import styles from "@/app/_components/rounds/rounds.module.css";

const noSubscription = () => () => {};

function keyFromHash(): string | null {
  const match = /(?:^#|&)key=([^&]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** The shared link's key, else one kept from it for this tab, else this browser's teacher key. */
function reportKey(code: string): string | null {
  return keyFromHash() ?? loadReportKey(code) ?? loadTeacherKey(code);
}

type Loaded = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; report: SessionReport };

export function ReportView({ code }: { code: string }) {
  const rt = useT("rounds");
  const { locale } = useLocale();
  const stored = useSyncExternalStore(
    noSubscription,
    () => reportKey(code),
    () => null,
  );
  // a key typed in here (a teacher on another device, with the key from their classes file)
  const [typed, setTyped] = useState<string | null>(null);
  const key = typed ?? stored;
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const shared = keyFromHash();
    if (!shared) return;
    saveReportKey(code, shared);
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  }, [code]);

  useEffect(() => {
    if (!key) return;
    let stale = false;
    fetch(`/api/reports/${code}`, { headers: { "x-report-key": key }, cache: "no-store" })
      .then(async (response) => {
        const body = (await response.json()) as SessionReport | { error: { message: string } };
        if (stale) return;
        if ("error" in body) setLoaded({ status: "error", message: body.error.message });
        else setLoaded({ status: "ready", report: body });
      })
      .catch((error: unknown) => {
        if (!stale) setLoaded({ status: "error", message: String(error) });
      });
    return () => {
      stale = true;
    };
  }, [code, key, tick]);

  const download = useCallback(
    async (table: ReportTable) => {
      if (key) await downloadReportCsv(code, key, table, locale).catch(() => undefined);
    },
    [code, key, locale],
  );

  return (
    <div className={styles.report} data-testid="report">
      <header className={styles.head}>
        <Link href="/">Activation Lab</Link>
        <LanguageSwitch />
      </header>
      <h1>{rt("report.title", { code })}</h1>
      {!key ? (
        <KeyForm
          onKey={(value) => {
            saveReportKey(code, value);
            setTyped(value);
          }}
        />
      ) : loaded.status === "loading" ? (
        <p className={styles.muted}>{rt("report.loading")}</p>
      ) : loaded.status === "error" ? (
        <p className={styles.error} role="alert">
          {rt("report.error", { message: loaded.message })}
        </p>
      ) : (
        <>
          <div className={styles.row}>
            <button
              type="button"
              className={styles.primary}
              onClick={() => void download("answers")}
              data-testid="csv-answers"
            >
              {rt("report.csvAnswers")}
            </button>
            <button
              type="button"
              className={styles.button}
              onClick={() => void download("students")}
              data-testid="csv-students"
            >
              {rt("report.csvStudents")}
            </button>
            <button type="button" className={styles.button} onClick={() => setTick((t) => t + 1)}>
              {rt("report.refresh")}
            </button>
            <span className={styles.muted}>
              {rt("report.generated", { time: new Date(loaded.report.generatedAt).toLocaleTimeString(locale) })}
            </span>
          </div>
          <Students report={loaded.report} />
          <ActivityReportSection activities={loaded.report.activities} onDownload={() => void download("neurons")} />
          <h2>{rt("report.rounds")}</h2>
          {loaded.report.rounds.length === 0 && <p className={styles.muted}>{rt("report.noRounds")}</p>}
          {loaded.report.rounds.map((round, i) => {
            const part = partOf(loaded.report, round.number);
            const previous = i > 0 ? partOf(loaded.report, loaded.report.rounds[i - 1]!.number) : null;
            return (
              <Fragment key={round.id}>
                {part && part !== previous && <PartHeading part={part} />}
                <ReportRoundView round={round} />
              </Fragment>
            );
          })}
        </>
      )}
    </div>
  );
}

/** One part of a lesson that switched exercises: its title, in the reader's language for a lesson. */
function PartHeading({ part }: { part: ReportPart }) {
  const rt = useT("rounds");
  const { locale } = useLocale();
  const lesson = part.slug ? lessonBySlug(part.slug) : undefined;
  const title = lesson ? localizedTitle(lesson.exercise, locale).title : part.title || part.slug || "";
  return (
    <h3 data-testid="report-part" className={styles.part}>
      {rt("report.part", { title })}
    </h3>
  );
}

/** No key in this browser: the teacher (or colleague) types one in, or finds it on "My classes". */
function KeyForm({ onKey }: { onKey(key: string): void }) {
  const rt = useT("rounds");
  const [value, setValue] = useState("");
  return (
    <form
      className={styles.row}
      data-testid="report-key-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (value.trim()) onKey(value.trim());
      }}
    >
      <p className={styles.muted}>
        {rt("report.needKey")} <Link href="/classes">{rt("report.myClasses")}</Link>
      </p>
      <label className={styles.muted}>
        {rt("report.keyLabel")}{" "}
        <input
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          data-testid="report-key-input"
        />
      </label>
      <button type="submit" className={styles.primary}>
        {rt("report.keySubmit")}
      </button>
    </form>
  );
}

function Students({ report }: { report: SessionReport }) {
  const rt = useT("rounds");
  return (
    <section>
      <h2>{rt("report.students")}</h2>
      <div className={styles.tableBox}>
        <table className={styles.board} data-testid="report-students">
          <thead>
            <tr>
              <th className={styles.number}>{rt("board.rank")}</th>
              <th>{rt("board.name")}</th>
              <th className={styles.number}>{rt("board.total")}</th>
              <th className={styles.number}>{rt("report.answeredRounds")}</th>
              <th className={styles.number}>{rt("report.rightCol")}</th>
              <th className={styles.number}>{rt("report.bestStreak")}</th>
            </tr>
          </thead>
          <tbody>
            {report.students.map((s) => (
              <tr key={s.participantId}>
                <td className={styles.number}>{s.rank}</td>
                <td>
                  {s.name}
                  {s.removed ? ` (${rt("report.removed")})` : ""}
                </td>
                <td className={styles.number}>{s.total}</td>
                <td className={styles.number}>{s.answered}</td>
                <td className={styles.number}>{s.right}</td>
                <td className={styles.number}>{s.bestStreak}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ReportRoundView({ round }: { round: ReportRound }) {
  const rt = useT("rounds");
  const { locale } = useLocale();
  const prompt = localized(round.prompt, locale);
  // the reveal view reads a RoundView: the report's round has every part of one
  const view: RoundView | null =
    round.truth !== null && round.working && round.spread
      ? {
          id: round.id,
          number: round.number,
          kind: round.kind,
          neuron: round.neuron,
          inputs: round.inputs,
          ...(round.prompt ? { prompt: round.prompt } : {}),
          ...(round.choices ? { choices: round.choices } : {}),
          tolerance: round.tolerance,
          speedBonus: round.speedBonus,
          timeLimitSeconds: round.timeLimitSeconds,
          openedAt: round.openedAt,
          closesAt: null,
          phase: "revealed",
          scriptIndex: round.scriptIndex,
          reveal: { truth: round.truth, working: round.working, ...round.spread },
        }
      : null;
  return (
    <article className={styles.reportRound} data-testid={`report-round-${round.number}`}>
      <p className={styles.kicker}>
        {rt("round.title", { n: round.number })} · {rt(`kind.${round.kind}`)} · {round.neuronName} ·{" "}
        {rt(`report.status.${round.status}`)}
      </p>
      {prompt && <p className={styles.prompt}>{prompt}</p>}
      <p className={styles.question}>{rt(`ask.${round.kind}`, { name: round.neuronName })}</p>
      <p className={styles.muted}>
        {rt("round.inputs")}: ({round.inputs.map((v) => formatNumber(v)).join(", ")}) ·{" "}
        {rt("round.tolerance", { full: formatNumber(round.tolerance.full), zero: formatNumber(round.tolerance.zero) })}
      </p>
      {!view ? (
        <p className={styles.muted}>{rt("report.runningNote", { n: round.answered })}</p>
      ) : (
        <>
          <RevealView round={view} name={round.neuronName} />
          <div className={styles.tableBox}>
            <table className={styles.board}>
              <thead>
                <tr>
                  <th>{rt("board.name")}</th>
                  <th className={styles.number}>{rt("report.answer")}</th>
                  <th className={styles.number}>{rt("report.error.col")}</th>
                  <th className={styles.number}>{rt("report.points")}</th>
                  <th className={styles.number}>{rt("report.bonus")}</th>
                  <th className={styles.number}>{rt("report.seconds")}</th>
                </tr>
              </thead>
              <tbody>
                {round.answers.map((a) => (
                  <tr key={a.participantId}>
                    <td>{a.name}</td>
                    <td className={styles.number}>
                      {formatRoundValue(round.kind, a.value, { choices: round.choices, locale })}
                    </td>
                    <td className={styles.number}>
                      {round.kind === "output" || round.kind === "z" ? formatError(a.error) : ""}
                    </td>
                    <td className={styles.number}>{a.points}</td>
                    <td className={styles.number}>{a.bonus}</td>
                    <td className={styles.number}>{formatNumber(a.afterMs / 1000, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </article>
  );
}
