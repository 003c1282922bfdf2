"use client";
// Who changed what in "everyone edits" (lib/live/attribution.ts): a short "Last changes" list, the
// name of whoever just changed a neuron (a tag on the graph for a few seconds), and the notice that
// someone else's edit replaced ours moments after it landed.
import { useEffect, useMemo, useState } from "react";
import { formatNumber } from "@/lib/format";
import { authorOf, graphTags, TAG_MS, type Param, type ParamValue } from "@/lib/live/attribution";
import { inputName, neuronName, sourceName } from "@/lib/lab/names";
import type { Network } from "@/lib/network/schema";
import { useT } from "@/app/_i18n/locale-provider";
import type { LiveSession } from "@/app/_hooks/use-live-session";
import type { Actor } from "@/lib/session/rules";
import styles from "./live.module.css";

type Words = ReturnType<typeof useWords>;

function useWords(session: LiveSession, network: Network) {
  const ct = useT("changes");
  const participants = session.confirmed?.participants ?? [];
  return {
    ct,
    who(by: Actor): string {
      const author = authorOf(by, participants, session.actor);
      return author.kind === "student" ? author.name : ct(`who.${author.kind}`);
    },
    param(param: Param): string {
      if (param.kind === "input") return ct("param.input", { input: inputName(network, param.input) });
      const neuron = neuronName(network, param.layer, param.neuron);
      if (param.kind === "weight") {
        return ct("param.weight", { from: sourceName(network, param.layer, param.from), to: neuron });
      }
      return ct(param.kind === "bias" ? "param.bias" : "param.activation", { neuron });
    },
    value(value: ParamValue): string {
      if (value === null) return ct("value.layer");
      return typeof value === "number" ? formatNumber(value) : value;
    },
  };
}

/** The last few changes of the shared network, newest first (only in "everyone edits"). */
export function LastChanges({ session, network }: { session: LiveSession; network: Network }) {
  const words: Words = useWords(session, network);
  if (session.confirmed?.mode !== "everyone") return null;
  const { ct } = words;
  const changes = session.attribution.changes;
  return (
    <section className={styles.panel} aria-labelledby="last-changes-title" data-testid="last-changes">
      <h2 id="last-changes-title" className={styles.panelTitle}>
        {ct("changes.title")}
      </h2>
      {changes.length === 0 ? (
        <p>{ct("changes.empty")}</p>
      ) : (
        <ol className={styles.changeList}>
          {changes.map((change) => (
            <li key={change.version} data-testid="last-change">
              {ct("changes.item", {
                who: words.who(change.by),
                param: words.param(change.param),
                from: words.value(change.from),
                to: words.value(change.to),
              })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** "Ana changed the bias of h1 after you — your value was replaced", until dismissed. */
export function OvertakenNotice({ session, network }: { session: LiveSession; network: Network }) {
  const words = useWords(session, network);
  const { overtaken } = session;
  if (!overtaken) return null;
  return (
    <div className={styles.notice} role="alert" data-testid="overtaken">
      <span>
        {words.ct("overtaken.text", {
          who: words.who(overtaken.by),
          param: words.param(overtaken.param),
          yours: words.value(overtaken.yours),
          theirs: words.value(overtaken.theirs),
        })}
      </span>
      <button type="button" className={styles.linkButton} onClick={session.dismissOvertaken}>
        {words.ct("overtaken.dismiss")}
      </button>
    </div>
  );
}

/**
 * Neurons ("layer:index": bias, activation) and connections ("layer:index:from": weight) someone
 * else changed in the last few seconds, with the author's name: the graph tags them
 * (lib/live/attribution.ts graphTags). Redraws when the newest tag expires.
 */
export function useChangedBy(session: LiveSession): ReadonlyMap<string, string> | null {
  const ct = useT("changes");
  const [now, setNow] = useState(() => Date.now());
  const { attribution, actor } = session;
  const participants = session.confirmed?.participants;
  const newest = attribution.changes[0]?.at ?? 0;
  useEffect(() => {
    const left = newest + TAG_MS - Date.now();
    // a new change is tagged at once (`now` is older than it); redraw when it expires
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, left) + 50);
    return () => clearTimeout(timer);
  }, [newest]);
  return useMemo(
    () =>
      graphTags(attribution, now, participants ?? [], actor, (author) =>
        author.kind === "student" ? author.name : ct(`who.${author.kind}`),
      ),
    [attribution, now, participants, actor, ct],
  );
}
