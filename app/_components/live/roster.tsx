"use client";
// The class list for the teacher: each student's name (text only: names are data), an online dot
// (colour and words), during a round what they answered (or "not yet": the teacher's screen only,
// never the projector's), and a remove button that asks first. `compact`: the projector's "who is
// here" — names of the students online, nothing to click.
import type { Participant } from "@/lib/session/rules";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./live.module.css";

export interface RosterProps {
  participants: readonly Participant[];
  online: readonly string[];
  /** participants with a sandbox: marked */
  withSandbox?: ReadonlySet<string>;
  onRemove?(participant: Participant): void;
  /** whether new students may join, and how to change it (the teacher's) */
  joining?: { open: boolean; onChange(open: boolean): void };
  /** the round on screen: each student's answer so far, written as the round shows values */
  round?: { answers: ReadonlyMap<string, number>; show(value: number): string } | null;
}

export function Roster({ participants, online, withSandbox, onRemove, joining, round }: RosterProps) {
  const lt = useT("live");
  const onlineSet = new Set(online);
  const sorted = [...participants].sort((a, b) => a.joinedAt - b.joinedAt);
  const count = sorted.filter((p) => onlineSet.has(p.id)).length;
  return (
    <section className={styles.panel} aria-labelledby="roster-title" data-testid="roster">
      <h2 id="roster-title" className={styles.panelTitle}>
        {lt("roster.title", { n: sorted.length })}
      </h2>
      {joining && (
        // closing the door keeps a removed student from coming back under another name
        <p className={styles.muted}>
          <label>
            <input
              type="checkbox"
              checked={joining.open}
              onChange={(event) => joining.onChange(event.currentTarget.checked)}
              data-testid="joining-open"
            />{" "}
            {lt("roster.joining")}
          </label>
        </p>
      )}
      {sorted.length === 0 ? (
        <p className={styles.muted}>{lt("roster.empty")}</p>
      ) : (
        <>
          <p className={styles.muted}>{lt("roster.count", { online: count, total: sorted.length })}</p>
          <ul className={styles.roster}>
            {sorted.map((participant) => {
              const isOnline = onlineSet.has(participant.id);
              return (
                <li
                  key={participant.id}
                  className={styles.rosterRow}
                  data-testid="roster-entry"
                  data-online={isOnline}
                  data-name={participant.name}
                >
                  <span className={`${styles.dot} ${isOnline ? styles.dotOn : ""}`} aria-hidden="true" />
                  <span className={styles.rosterName}>{participant.name}</span>
                  <span className={styles.visuallyHidden}>{isOnline ? lt("roster.online") : lt("roster.offline")}</span>
                  {withSandbox?.has(participant.id) && <span className={styles.miniBadge}>{lt("mode.sandbox")}</span>}
                  {round && (
                    <span className={styles.rosterAnswer} data-testid="roster-answer">
                      {round.answers.has(participant.id)
                        ? lt("roster.answered", { value: round.show(round.answers.get(participant.id)!) })
                        : lt("roster.notYet")}
                    </span>
                  )}
                  {onRemove && (
                    <button
                      type="button"
                      className={styles.smallButton}
                      aria-label={lt("roster.remove.aria", { name: participant.name })}
                      onClick={() => {
                        if (window.confirm(lt("roster.remove.confirm", { name: participant.name }))) {
                          onRemove(participant);
                        }
                      }}
                    >
                      {lt("roster.remove")}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

/** The projector's "who is here": the names of the students online, as chips. */
export function WhoIsHere({
  participants,
  online,
}: {
  participants: readonly Participant[];
  online: readonly string[];
}) {
  const lt = useT("live");
  const onlineSet = new Set(online);
  const here = participants.filter((p) => onlineSet.has(p.id)).sort((a, b) => a.joinedAt - b.joinedAt);
  return (
    <section className={styles.here} aria-labelledby="here-title" data-testid="who-is-here">
      <h2 id="here-title" className={styles.panelTitle}>
        {lt("live.here", { n: here.length })}
      </h2>
      <ul className={styles.chips}>
        {here.map((p) => (
          <li key={p.id} className={styles.chip}>
            {p.name}
          </li>
        ))}
      </ul>
    </section>
  );
}
