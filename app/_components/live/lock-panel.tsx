"use client";
// The teacher's locks: lock or unlock what is selected (a neuron, a connection, their layer) and
// the inputs; the list of what is locked, each with an unlock button. Students cannot change a
// locked part in any mode (lib/session/rules lockCovers).
import { layerLabel, type Locale, type Translator } from "@/lib/i18n";
import { neuronName, sourceName } from "@/lib/lab/names";
import type { Network } from "@/lib/network/schema";
import type { Lock } from "@/lib/session/rules";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import type { Selection } from "../lab/selection";
import { LockIcon } from "./lock-icon";
import styles from "./live.module.css";

const sameLock = (a: Lock, b: Lock) => JSON.stringify(a) === JSON.stringify(b);

/** "neuron h1", "connection x1 → h1", "hidden layer 1", "the inputs". */
export function lockName(lt: Translator<"live">, locale: Locale, network: Network, lock: Lock): string {
  switch (lock.kind) {
    case "neuron":
      return lt("locks.neuron", { name: neuronName(network, lock.layer, lock.neuron) });
    case "weight":
      return lt("locks.weight", {
        from: sourceName(network, lock.layer, lock.from),
        to: neuronName(network, lock.layer, lock.neuron),
      });
    case "layer":
      return lt("locks.layer", { layer: layerLabel(locale, network, lock.layer) });
    case "inputs":
      return lt("locks.inputs");
  }
}

/** The locks that make sense for a selection, most specific first. */
function candidates(selection: Selection): Lock[] {
  const inputs: Lock = { kind: "inputs" };
  if (!selection) return [inputs];
  if (selection.kind === "input") return [inputs];
  const { layer, neuron } = selection;
  const around: Lock[] = [
    { kind: "neuron", layer, neuron },
    { kind: "layer", layer },
  ];
  if (selection.kind === "edge") return [{ kind: "weight", layer, neuron, from: selection.from }, ...around, inputs];
  return [...around, inputs];
}

export function LockPanel({
  network,
  locks,
  selection,
  onLock,
  onUnlock,
}: {
  network: Network;
  locks: readonly Lock[];
  selection: Selection;
  onLock(lock: Lock): void;
  onUnlock(lock: Lock): void;
}) {
  const lt = useT("live");
  const { locale } = useLocale();
  const isLocked = (lock: Lock) => locks.some((l) => sameLock(l, lock));
  return (
    <section className={styles.panel} aria-labelledby="locks-title" data-testid="lock-panel">
      <h2 id="locks-title" className={styles.panelTitle}>
        {lt("locks.title")}
      </h2>
      <p className={styles.muted}>{lt("locks.intro")}</p>
      {(!selection || selection.kind === "input") && <p className={styles.muted}>{lt("locks.select")}</p>}
      <div className={styles.buttonRow}>
        {candidates(selection).map((lock) => {
          const locked = isLocked(lock);
          const name = lockName(lt, locale, network, lock);
          return (
            <button
              key={JSON.stringify(lock)}
              type="button"
              className={`${styles.smallButton} ${locked ? styles.lockedButton : ""}`}
              aria-pressed={locked}
              data-testid={`lock-${lock.kind}`}
              onClick={() => (locked ? onUnlock(lock) : onLock(lock))}
            >
              <LockIcon open={!locked} />
              {locked ? lt("locks.unlock", { what: name }) : lt("locks.lock", { what: name })}
            </button>
          );
        })}
      </div>
      {locks.length === 0 ? (
        <p className={styles.muted}>{lt("locks.none")}</p>
      ) : (
        <ul className={styles.lockList} data-testid="lock-list">
          {locks.map((lock) => {
            const name = lockName(lt, locale, network, lock);
            return (
              <li key={JSON.stringify(lock)}>
                <LockIcon /> <span>{name}</span>{" "}
                <button
                  type="button"
                  className={styles.linkButton}
                  onClick={() => onUnlock(lock)}
                  aria-label={lt("locks.unlock", { what: name })}
                >
                  {lt("locks.unlock", { what: "" }).trim()}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
