"use client";
// The teacher's prediction rounds: run the lesson's plan in order ("Start next", plan-panel.tsx:
// the exercise's questions and those written during the lesson, reordered at will) or ask about
// any neuron on the spot (kind, inputs, time limit, tolerance, speed bonus); while a round is open,
// how many have answered (never what) and the countdown; close, reveal, cancel, back to the lab;
// the leaderboard (show, hide, anonymous) with its whole list for the teacher; the session report.
import { useState, useSyncExternalStore } from "react";
import type { Round } from "@/lib/exercise/schema";
import { numberFieldText, parseNumberInput } from "@/lib/lab/number-input";
import { loadTeacherKey } from "@/lib/live/storage";
import type { Network } from "@/lib/network/schema";
import { formatRoundValue } from "@/lib/rounds/display";
import type { RoundKind, RoundView } from "@/lib/rounds/model";
import { DEFAULT_TOLERANCE } from "@/lib/rounds/scoring";
import { TEACHER_KEY_HEADER, type RoundAck, type RoundRequest } from "@/lib/session/protocol";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { Leaderboard, neuronLabel, RevealView, RoundQuestion, RoundStatusLine } from "./round-parts";
import { PlanPanel, usePlan, type PlanSession } from "./plan-panel";
import { InputFields, KindField, kindsFor, neuronChoices } from "./question-editor";
import { useRounds, type RoundSession } from "./use-rounds";
import { AnswerList } from "./answer-list";
import { answerListOf } from "@/lib/session/answer-list";
import styles from "./rounds.module.css";

export interface TeacherRoundPanelProps {
  session: RoundSession & PlanSession & { code: string };
  /** the shared network (what rounds ask about) */
  network: Network;
  /** the shared input values (the default inputs of a round made on the spot) */
  inputValues: readonly number[];
}

export function TeacherRoundPanel({ session, network, inputValues }: TeacherRoundPanelProps) {
  const rt = useT("rounds");
  const rounds = useRounds(session);
  const { round, local, control } = rounds;
  const state = session.state;
  const view = state?.rounds;
  const plan = usePlan(session);
  const qt = useT("questions");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (request: RoundRequest) => {
    setBusy(true);
    setProblem(null);
    const ack: RoundAck = await control(request);
    setBusy(false);
    if (!ack.ok) setProblem(rt("teacher.refused", { message: ack.error.message }));
    return ack.ok;
  };

  const next = plan.pending.find((entry) => !entry.withheld);
  const canOpen = !round || round.phase === "revealed";
  const participants = state?.participants.length ?? 0;

  return (
    <section className={styles.panel} aria-labelledby="round-panel-title" data-testid="teacher-round">
      <div className={styles.head}>
        <h2 id="round-panel-title" className={styles.title}>
          {rt("teacher.title")}
        </h2>
        <ReportLinks code={session.code} />
      </div>

      {round && (
        <>
          <RoundQuestion round={round} network={network} />
          <RoundStatusLine
            round={round}
            deadline={local?.deadline ?? null}
            answered={local?.answered ?? 0}
            of={participants}
          />
          {round.phase !== "revealed" && <p className={styles.muted}>{rt("teacher.projectorHidden")}</p>}
          {round.phase !== "revealed" && local?.preview !== undefined && (
            <AnswerPreview key={round.id} round={round} truth={local.preview} />
          )}
          {round.phase === "revealed" && <RevealView round={round} name={neuronLabel(network, round)} />}
          <AnswerList
            // each round starts without the distance (the console may be on a shared screen)
            key={round.id}
            round={round}
            local={local}
            participants={state?.participants ?? []}
            setting={answerListOf(view)}
            busy={busy}
            onSetting={(change) => void run({ op: "answers", ...change })}
          />
          <div className={styles.row}>
            {round.phase === "open" && (
              <button
                type="button"
                className={styles.button}
                disabled={busy}
                onClick={() => void run({ op: "close", roundId: round.id })}
                data-testid="round-close"
              >
                {rt("teacher.close")}
              </button>
            )}
            {round.phase !== "revealed" && (
              <>
                <button
                  type="button"
                  className={styles.primary}
                  disabled={busy}
                  onClick={() => void run({ op: "reveal", roundId: round.id })}
                  data-testid="round-reveal"
                >
                  {rt("teacher.reveal")}
                </button>
                <button
                  type="button"
                  className={styles.danger}
                  disabled={busy}
                  onClick={() => void run({ op: "clear", roundId: round.id })}
                  data-testid="round-cancel"
                >
                  {rt("teacher.cancel")}
                </button>
              </>
            )}
            {round.phase === "revealed" && (
              <>
                {next && (
                  <button
                    type="button"
                    className={styles.primary}
                    disabled={busy}
                    onClick={() => void run({ op: "open", open: { script: next.script } })}
                    data-testid="round-next"
                  >
                    {rt("teacher.next")}
                  </button>
                )}
                <button
                  type="button"
                  className={styles.button}
                  disabled={busy}
                  onClick={() => void run({ op: "clear", roundId: round.id })}
                  data-testid="round-clear"
                >
                  {rt("teacher.clear")}
                </button>
              </>
            )}
          </div>
        </>
      )}

      {problem && (
        <p className={styles.error} role="alert" data-testid="round-problem">
          {problem}
        </p>
      )}

      <details className={styles.section} open={!round} data-testid="plan-section">
        <summary>{qt("plan.title")}</summary>
        <PlanPanel
          session={session}
          plan={plan}
          network={network}
          inputValues={inputValues}
          canOpen={canOpen}
          busy={busy}
          onStart={(script) => run({ op: "open", open: { script } })}
        />
      </details>

      {canOpen && (
        <details className={styles.section} open={!round && plan.entries?.length === 0}>
          <summary>{rt("teacher.adhoc")}</summary>
          <AdHocForm
            network={network}
            inputValues={inputValues}
            busy={busy}
            onOpen={(open) => run({ op: "open", open })}
          />
        </details>
      )}

      <BoardControls
        shown={view?.leaderboard.shown ?? false}
        anonymous={view?.leaderboard.anonymous ?? false}
        busy={busy}
        onChange={(change) => run({ op: "leaderboard", ...change })}
        rows={rounds.board}
      />
    </section>
  );
}

/**
 * The right answer before the reveal, for the teacher alone: folded until asked for (the console
 * may be on a shared screen), never on the projector or a phone (only the teacher's roundStatus
 * carries it).
 */
function AnswerPreview({ round, truth }: { round: RoundView; truth: number }) {
  const rt = useT("rounds");
  const { locale } = useLocale();
  // in the page only once asked for: a closed <details> would still hold it in its text
  const [open, setOpen] = useState(false);
  return (
    <details
      className={styles.section}
      data-testid="round-preview"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{rt("teacher.preview")}</summary>
      {open && (
        <p data-testid="round-preview-value">
          {rt("teacher.previewValue", {
            value: formatRoundValue(round.kind, truth, { choices: round.choices ?? null, locale }),
          })}
        </p>
      )}
    </details>
  );
}

interface AdHocOpen {
  round: Round;
  speedBonus: boolean;
}

function AdHocForm({
  network,
  inputValues,
  busy,
  onOpen,
}: {
  network: Network;
  inputValues: readonly number[];
  busy: boolean;
  onOpen(open: AdHocOpen): Promise<boolean>;
}) {
  const rt = useT("rounds");
  const neurons = neuronChoices(network);
  const last = neurons.at(-1);
  const [picked, setPicked] = useState(last?.key ?? "0:0");
  const [kind, setKind] = useState<RoundKind>("output");
  const [inputs, setInputs] = useState<string[]>(() => inputValues.map(numberFieldText));
  const [limit, setLimit] = useState("");
  const [full, setFull] = useState(String(DEFAULT_TOLERANCE.full));
  const [zero, setZero] = useState(String(DEFAULT_TOLERANCE.zero));
  const [bonus, setBonus] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const neuron = neurons.find((n) => n.key === picked) ?? last;
  const { kinds, shownKind } = kindsFor(neuron?.step ?? false, kind, { choice: false });
  const values = network.inputs.map((_, k) => inputs[k] ?? numberFieldText(inputValues[k] ?? 0));

  return (
    <form
      className={styles.form}
      data-testid="round-adhoc"
      onSubmit={(event) => {
        event.preventDefault();
        if (!neuron) return;
        const parsed = values.map((text) => parseNumberInput(text, -1000, 1000));
        const t = [parseNumberInput(full, 0, 1000), parseNumberInput(zero, 0, 1000)];
        const seconds = limit.trim() === "" ? null : parseNumberInput(limit, 5, 600);
        if (parsed.some((p) => !p.ok) || t.some((p) => !p.ok) || (seconds && !seconds.ok)) {
          setProblem(rt("student.invalid"));
          return;
        }
        const numbers = parsed.map((p) => (p.ok ? p.value : 0));
        const [f, z] = t.map((p) => (p.ok ? p.value : 0)) as [number, number];
        setProblem(null);
        void onOpen({
          round: {
            kind: shownKind,
            neuron: { layer: neuron.layer, index: neuron.index },
            inputs: numbers,
            tolerance: { full: f, zero: Math.max(z, f + 0.001) },
            ...(seconds && seconds.ok ? { timeLimitSeconds: Math.round(seconds.value) } : {}),
          },
          speedBonus: bonus,
        });
      }}
    >
      <div className={styles.fields}>
        <label className={styles.field}>
          {rt("teacher.neuron")}
          <select value={neuron?.key} onChange={(e) => setPicked(e.currentTarget.value)} data-testid="round-neuron">
            {neurons.map((n) => (
              <option key={n.key} value={n.key}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <KindField
          className={styles.field}
          label={rt("teacher.kind")}
          kinds={kinds}
          value={shownKind}
          onChange={setKind}
          text={(k) => rt(`kind.${k}`)}
          testId="round-kind"
        />
      </div>
      <div className={styles.fields}>
        <InputFields network={network} values={values} onChange={setInputs} testId="round-input" />
        <button type="button" className={styles.button} onClick={() => setInputs(inputValues.map(numberFieldText))}>
          {rt("teacher.useCurrent")}
        </button>
      </div>
      <div className={styles.fields}>
        <label className={styles.field}>
          {rt("teacher.timeLimit")}
          <input
            className={styles.narrow}
            inputMode="numeric"
            value={limit}
            onChange={(e) => setLimit(e.currentTarget.value)}
            data-testid="round-time-limit"
          />
        </label>
        <label className={styles.field}>
          {rt("teacher.full")}
          <input
            className={styles.narrow}
            inputMode="decimal"
            value={full}
            onChange={(e) => setFull(e.currentTarget.value)}
            aria-describedby="round-tolerance-help"
            data-testid="round-full"
          />
        </label>
        <label className={styles.field}>
          {rt("teacher.zero")}
          <input
            className={styles.narrow}
            inputMode="decimal"
            value={zero}
            onChange={(e) => setZero(e.currentTarget.value)}
            aria-describedby="round-tolerance-help"
            data-testid="round-zero"
          />
        </label>
        <label className={styles.check}>
          <input type="checkbox" checked={bonus} onChange={(e) => setBonus(e.currentTarget.checked)} />
          {rt("teacher.speedBonus")}
        </label>
      </div>
      <p id="round-tolerance-help" className={styles.muted} data-testid="round-tolerance-help">
        {rt("teacher.tolerance.help", { full: full.trim() || "0", zero: zero.trim() || "0" })}
      </p>
      {problem && <p className={styles.error}>{problem}</p>}
      <div>
        <button type="submit" className={styles.primary} disabled={busy || !neuron} data-testid="round-open">
          {rt("teacher.open")}
        </button>
      </div>
    </form>
  );
}

interface BoardChange {
  shown?: boolean;
  anonymous?: boolean;
}

function BoardControls({
  shown,
  anonymous,
  busy,
  onChange,
  rows,
}: {
  shown: boolean;
  anonymous: boolean;
  busy: boolean;
  onChange(change: BoardChange): Promise<boolean>;
  rows: Parameters<typeof Leaderboard>[0]["rows"];
}) {
  const rt = useT("rounds");
  // The requested settings until the server answers, so a click shows at once (the server's
  // roundState arrives before its ack, so dropping the request then shows no flicker).
  const [requested, setRequested] = useState<BoardChange>({});
  const request = (change: BoardChange) => {
    setRequested(change);
    void onChange(change).finally(() => setRequested({}));
  };
  const shownNow = requested.shown ?? shown;
  const anonymousNow = requested.anonymous ?? anonymous;
  return (
    <details className={styles.section}>
      <summary>{rt("board.title")}</summary>
      <div className={styles.row}>
        <button
          type="button"
          className={shownNow ? styles.button : styles.primary}
          disabled={busy}
          onClick={() => request({ shown: !shownNow })}
          data-testid="board-toggle"
          aria-pressed={shownNow}
        >
          {shownNow ? rt("teacher.board.hide") : rt("teacher.board.show")}
        </button>
        <label className={styles.check}>
          <input
            type="checkbox"
            checked={anonymousNow}
            disabled={busy}
            onChange={(e) => request({ anonymous: e.currentTarget.checked })}
            data-testid="board-anonymous"
          />
          {rt("teacher.board.anonymous")}
        </label>
      </div>
      <Leaderboard rows={rows} />
    </details>
  );
}

const noSubscription = () => () => {};

/** The report: with the teacher key this browser holds, and a separate report key to share. */
function ReportLinks({ code }: { code: string }) {
  const rt = useT("rounds");
  // read after hydration (localStorage is the browser's): null on the server's render
  const teacherKey = useSyncExternalStore(
    noSubscription,
    () => loadTeacherKey(code),
    () => null,
  );
  const [shared, setShared] = useState<string | null>(null);
  if (!teacherKey) return null;
  const makeLink = async () => {
    const response = await fetch(`/api/reports/${code}/key`, {
      method: "POST",
      headers: { [TEACHER_KEY_HEADER]: teacherKey },
    });
    if (!response.ok) return;
    const body = (await response.json()) as { reportPath: string };
    setShared(`${window.location.origin}${body.reportPath}`);
  };
  return (
    <div className={styles.row} style={{ marginTop: 0 }}>
      <a
        className={styles.button}
        href={`/report/${code}`} // the report page reads the teacher key from this browser's storage
        target="_blank"
        rel="noopener"
        data-testid="report-link"
      >
        {rt("teacher.report")}
      </a>
      <button type="button" className={styles.button} onClick={() => void makeLink()} data-testid="report-key">
        {rt("teacher.reportLink")}
      </button>
      {shared && (
        <p className={styles.link}>
          {rt("teacher.reportLinkMade")} <a href={shared}>{shared}</a>
        </p>
      )}
    </div>
  );
}
