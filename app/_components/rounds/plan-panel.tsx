"use client";
// The teacher's plan on the console (lib/session/plan.ts): the session's questions in the order
// they will run — the exercise's, and those written during the lesson — with "Start next", a start
// button on each, move up / down for what has not run yet, and a form to write a new numeric or
// multiple-choice question (question-editor.tsx). What a question asks (and a live-written choice
// question's key) comes from `planStatus`, the teacher's alone; everyone else folds only the order.
import { useEffect, useState } from "react";
import type { Network } from "@/lib/network/schema";
import { moveItem } from "@/lib/exercise/questions";
import type { PlanAck, PlanEntry, PlanRequest, PlanStatusAck } from "@/lib/session/plan";
import type { SessionState } from "@/lib/session/rules";
import { useT } from "@/app/_i18n/locale-provider";
import { QuestionForm, QuestionSummary } from "./question-editor";
import shared from "./rounds.module.css";
import styles from "./questions.module.css";

export interface PlanSession {
  state: SessionState | null;
  connected: boolean;
  plan(request: PlanRequest): Promise<PlanAck>;
  planStatus(): Promise<PlanStatusAck>;
}

export interface Plan {
  /** every question in planned order (null: not read yet) */
  entries: PlanEntry[] | null;
  /** the questions not run yet, in order: the first is "Start next" */
  pending: PlanEntry[];
  refresh(): void;
}

/** The plan as the teacher sees it: read again whenever its order, the runs or the exercise change. */
export function usePlan(session: PlanSession): Plan {
  const rounds = session.state?.rounds;
  const key = JSON.stringify([
    session.state?.exerciseSlug ?? null,
    rounds?.plan ?? null,
    rounds?.scriptRun ?? [],
    session.connected,
  ]);
  const [read, setRead] = useState<{ key: string; entries: PlanEntry[] } | null>(null);
  const [asked, setAsked] = useState(0);
  const { planStatus, connected } = session;
  useEffect(() => {
    if (!connected) return;
    let stale = false;
    void planStatus().then((ack) => {
      if (!stale && ack.ok) setRead({ key, entries: ack.entries });
    });
    return () => {
      stale = true;
    };
  }, [key, asked, planStatus, connected]);
  const entries = read?.entries ?? null;
  return {
    entries,
    pending: entries?.filter((entry) => !entry.run) ?? [],
    refresh: () => setAsked((n) => n + 1),
  };
}

export interface PlanPanelProps {
  session: PlanSession;
  plan: Plan;
  network: Network;
  inputValues: readonly number[];
  /** a round may be opened now (none on screen, or the one on screen revealed) */
  canOpen: boolean;
  busy: boolean;
  /** opens the script's question `index` (a `round` open request) */
  onStart(index: number): Promise<boolean>;
}

export function PlanPanel({ session, plan, network, inputValues, canOpen, busy, onStart }: PlanPanelProps) {
  const qt = useT("questions");
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [writing, setWriting] = useState(0); // a new form after each question added
  const [moving, setMoving] = useState(false);
  const { entries, pending } = plan;
  const next = pending.find((entry) => !entry.withheld);

  const move = async (from: number, to: number) => {
    setMoving(true);
    const order = moveItem(
      pending.map((entry) => entry.script),
      from,
      to,
    );
    const ack = await session.plan({ op: "move", order });
    setMoving(false);
    setNote(ack.ok ? null : { text: qt("plan.refused", { message: ack.error.message }), error: true });
    if (!ack.ok) plan.refresh();
  };

  return (
    <section className={shared.form} aria-label={qt("plan.title")} data-testid="plan">
      {canOpen && next && (
        <div className={shared.row}>
          <button
            type="button"
            className={shared.primary}
            disabled={busy}
            onClick={() => void onStart(next.script)}
            data-testid="plan-next"
          >
            {qt("plan.next")}
          </button>
          <span className={shared.muted}>
            <QuestionSummary round={next.round} network={network} />
          </span>
        </div>
      )}
      {entries && entries.length === 0 && <p className={shared.muted}>{qt("plan.empty")}</p>}
      <ol className={styles.list} data-testid="round-script">
        {(entries ?? []).map((entry) => {
          const at = pending.indexOf(entry);
          return (
            <li
              key={entry.script}
              className={`${styles.item} ${entry.run ? styles.done : ""}`}
              data-testid="plan-entry"
              data-script={entry.script}
              data-run={entry.run}
            >
              <span>
                <QuestionSummary round={entry.round} network={network} />
                {entry.live && <span className={styles.tag}>{qt("plan.live")}</span>}
                {entry.withheld && <span className={styles.tag}>{qt("plan.withheld")}</span>}
                {entry.run && <span className={styles.tag}>{qt("plan.done")}</span>}
              </span>
              <span className={styles.actions}>
                {at !== -1 && (
                  <>
                    <button
                      type="button"
                      className={styles.small}
                      disabled={moving || at === 0}
                      aria-label={qt("list.upAria", { n: at + 1 })}
                      onClick={() => void move(at, at - 1)}
                      data-testid={`plan-up-${entry.script}`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className={styles.small}
                      disabled={moving || at === pending.length - 1}
                      aria-label={qt("list.downAria", { n: at + 1 })}
                      onClick={() => void move(at, at + 1)}
                      data-testid={`plan-down-${entry.script}`}
                    >
                      ↓
                    </button>
                  </>
                )}
                {canOpen && (
                  <button
                    type="button"
                    className={entry === next ? shared.primary : styles.small}
                    disabled={busy || entry.withheld}
                    onClick={() => void onStart(entry.script)}
                    data-testid={`round-script-${entry.script}`}
                  >
                    {qt("plan.run")}
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ol>
      <details className={styles.group} data-testid="plan-write">
        <summary>{qt("plan.write")}</summary>
        <QuestionForm
          key={writing}
          network={network}
          inputValues={inputValues}
          submitLabel={qt("form.add")}
          testId="plan-question"
          onSubmit={async (question) => {
            const ack = await session.plan({ op: "add", question });
            if (!ack.ok) return qt("plan.refused", { message: ack.error.message });
            setNote({ text: qt("plan.added"), error: false });
            setWriting((n) => n + 1);
            return null;
          }}
        />
      </details>
      {note && (
        <p className={note.error ? shared.error : shared.ok} role="status" data-testid="plan-note">
          {note.text}
        </p>
      )}
      <p className={shared.muted}>{qt("plan.switchNote")}</p>
    </section>
  );
}
