"use client";
// The pieces every round screen shares: the question (what is asked of which neuron, at which
// inputs), the countdown, the reveal (the truth, its arithmetic term by term, the spread of the
// predictions with the truth marked) and the leaderboard. Props only: no session, no socket.
import { ACTIVATION_NAMES, formatNumber, formatOutput, neuronArithmeticParts } from "@/lib/format";
import { inputName, neuronName } from "@/lib/lab/names";
import type { Network } from "@/lib/network/schema";
import { formatRoundValue, localized } from "@/lib/rounds/display";
import type { LeaderboardEntry, RoundView } from "@/lib/rounds/model";
import { fullPointBins, type RoundHistogram } from "@/lib/rounds/scoring";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { useSecondsLeft } from "./use-rounds";
import styles from "./rounds.module.css";

export function neuronLabel(network: Network, round: Pick<RoundView, "neuron">): string {
  return neuronName(network, round.neuron.layer, round.neuron.index);
}

/** "Round 2 · Output a", the question (the prompt, else "What does h1 output?"), the round's inputs. */
export function RoundQuestion({ round, network }: { round: RoundView; network: Network }) {
  const rt = useT("rounds");
  const { locale } = useLocale();
  const name = neuronLabel(network, round);
  const prompt = localized(round.prompt, locale);
  return (
    <div data-testid="round-question">
      <p className={styles.kicker}>
        {rt("round.title", { n: round.number })} · {rt(`kind.${round.kind}`)}
      </p>
      {/* a prompt is the question (the generic one would say it twice); "Choose one." is a hint */}
      <p className={styles.question} data-testid="round-question-text">
        {prompt || rt(`ask.${round.kind}`, { name })}
      </p>
      {prompt && round.kind === "choice" && <p className={styles.muted}>{rt("ask.choice")}</p>}
      <p className={styles.muted}>{rt("round.inputs")}</p>
      <ul className={styles.inputs} data-testid="round-inputs">
        {round.inputs.map((value, k) => (
          <li key={k}>
            {inputName(network, k)} = {formatNumber(value)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Answers open · 12 s left · 7 of 20 answered". */
export function RoundStatusLine({
  round,
  deadline,
  answered,
  of,
}: {
  round: RoundView;
  deadline: number | null;
  answered: number | null;
  of?: number;
}) {
  const rt = useT("rounds");
  const left = useSecondsLeft(round.phase === "open" ? deadline : null);
  return (
    <p className={styles.status} data-testid="round-status" data-phase={round.phase}>
      <span className={`${styles.pill} ${round.phase === "open" ? styles.pillOpen : ""}`}>
        {rt(round.phase === "open" ? "round.open" : round.phase === "closed" ? "round.closed" : "round.revealed")}
      </span>
      {left !== null && (
        <span
          className={`${styles.countdown} ${left <= 5 ? styles.countdownLow : ""}`}
          data-testid="round-countdown"
          role="timer"
          aria-live={left <= 10 ? "polite" : "off"}
        >
          {left > 0 ? rt("round.left", { s: left }) : rt("round.timeUp")}
        </span>
      )}
      {answered !== null && (
        <span data-testid="round-answered" data-count={answered}>
          {of !== undefined && of > 0
            ? rt("round.answered", { n: answered, of })
            : rt("round.answeredCount", { n: answered })}
        </span>
      )}
    </p>
  );
}

/**
 * The reveal: the truth, its computation (the inspector's arithmetic, term by term), and what the
 * class predicted: a histogram with the truth (and `mine`) marked, or counts per option.
 */
export function RevealView({ round, name, mine }: { round: RoundView; name: string; mine?: number | null }) {
  const rt = useT("rounds");
  const { locale } = useLocale();
  const reveal = round.reveal;
  if (!reveal) return null;
  const w = reveal.working;
  const [sum, fn] = neuronArithmeticParts(w);
  const truthText = formatRoundValue(round.kind, reveal.truth, { choices: round.choices ?? null, locale });
  return (
    <div className={styles.reveal} data-testid="round-reveal">
      <div className={styles.revealTruth}>
        <p className={styles.kicker}>{rt("reveal.truth")}</p>
        <p className={styles.truth} data-testid="round-truth" data-value={reveal.truth}>
          {round.kind === "choice" ? truthText : `${name} ${round.kind === "z" ? "z" : "a"} = ${truthText}`}
        </p>
      </div>
      <div className={styles.revealWork}>
        <p className={styles.kicker}>{rt("reveal.arithmetic")}</p>
        <p className={styles.arithmetic} data-testid="round-arithmetic">
          <span>{sum}</span> <span>{fn}</span>
        </p>
        <p className={styles.muted}>
          z = {formatNumber(w.z)} · {ACTIVATION_NAMES[w.activation].symbol}(z) = {formatOutput(w.a, w.activation)}
        </p>
      </div>
      <div className={styles.revealSpread}>
        <p className={styles.kicker}>{rt("reveal.spread")}</p>
        {reveal.answered === 0 ? (
          <p className={styles.muted}>{rt("reveal.none")}</p>
        ) : reveal.histogram ? (
          <Histogram
            histogram={reveal.histogram}
            truth={reveal.truth}
            full={round.tolerance.full}
            mine={mine ?? null}
            answered={reveal.answered}
          />
        ) : (
          <Counts round={round} counts={reveal.counts ?? []} truth={reveal.truth} mine={mine ?? null} />
        )}
        <p className={styles.status}>
          <span data-testid="round-right">{rt("reveal.right", { n: reveal.right, of: reveal.answered })}</span>
          {reveal.median !== null && <span>{rt("reveal.median", { value: formatNumber(reveal.median) })}</span>}
        </p>
      </div>
    </div>
  );
}

const H = { width: 560, height: 200, left: 8, right: 8, top: 30, bottom: 34 };
/** room above the tallest bar for its count */
const HEADROOM = 18;

/** Bars of the predictions over their span; the truth as a line, your answer dashed. */
export function Histogram({
  histogram,
  truth,
  full,
  mine,
  answered,
}: {
  histogram: RoundHistogram;
  truth: number;
  /** the full-points tolerance: the bars that can hold a full-points answer are highlighted */
  full: number;
  mine: number | null;
  answered: number;
}) {
  const rt = useT("rounds");
  const { from, binWidth, counts, below, above } = histogram;
  const to = from + binWidth * counts.length;
  const max = Math.max(1, ...counts);
  const plotW = H.width - H.left - H.right;
  const plotH = H.height - H.top - H.bottom;
  const x = (v: number) => H.left + ((Math.min(to, Math.max(from, v)) - from) / (to - from)) * plotW;
  const barW = plotW / counts.length;
  const ticks = [from, (from + to) / 2, to];
  const right = fullPointBins(histogram, truth, full);
  return (
    <figure style={{ margin: 0 }}>
      <svg
        className={styles.histogram}
        viewBox={`0 0 ${H.width} ${H.height}`}
        role="img"
        aria-label={rt("reveal.histogram", { n: answered, truth: formatNumber(truth) })}
        data-testid="round-histogram"
        data-counts={counts.join(",")}
      >
        {counts.map((count, i) => {
          const h = (count / max) * (plotH - HEADROOM);
          const lo = from + i * binWidth;
          return (
            <rect
              key={i}
              x={H.left + i * barW + 1}
              y={H.top + plotH - h}
              width={Math.max(1, barW - 2)}
              height={h}
              className={right[i] ? styles.barRight : styles.bar}
              data-right={right[i] ? "true" : undefined}
            >
              <title>{`${formatNumber(lo)} … ${formatNumber(lo + binWidth)}: ${count}`}</title>
            </rect>
          );
        })}
        {counts.map((count, i) => {
          if (count === 0) return null;
          const h = (count / max) * (plotH - HEADROOM);
          return (
            <text
              key={`c${i}`}
              x={H.left + (i + 0.5) * barW}
              y={H.top + plotH - h - 5}
              textAnchor="middle"
              className={styles.axisText}
            >
              {count}
            </text>
          );
        })}
        <line x1={H.left} x2={H.width - H.right} y1={H.top + plotH} y2={H.top + plotH} className={styles.axis} />
        {ticks.map((v, i) => (
          <text
            key={i}
            x={x(v)}
            y={H.height - 12}
            textAnchor={i === 0 ? "start" : i === 2 ? "end" : "middle"}
            className={styles.axisText}
          >
            {formatNumber(v)}
          </text>
        ))}
        <line x1={x(truth)} x2={x(truth)} y1={H.top - 4} y2={H.top + plotH} className={styles.truthLine} />
        <text x={x(truth)} y={H.top - 8} textAnchor="middle" className={`${styles.markText} ${styles.truthText}`}>
          {rt("reveal.truthMark")} {formatNumber(truth)}
        </text>
        {mine !== null && (
          <>
            <line x1={x(mine)} x2={x(mine)} y1={H.top + 14} y2={H.top + plotH} className={styles.youLine} />
            <text
              x={x(mine)}
              y={H.top + plotH + 14}
              textAnchor="middle"
              className={`${styles.markText} ${styles.youText}`}
            >
              {rt("reveal.you")}
            </text>
          </>
        )}
      </svg>
      {(below > 0 || above > 0) && (
        <figcaption className={styles.muted}>
          {[below > 0 ? rt("reveal.below", { n: below }) : "", above > 0 ? rt("reveal.above", { n: above }) : ""]
            .filter(Boolean)
            .join(" · ")}
        </figcaption>
      )}
    </figure>
  );
}

/** Fires and choice rounds: how many picked each option; the right one marked. */
function Counts({
  round,
  counts,
  truth,
  mine,
}: {
  round: RoundView;
  counts: number[];
  truth: number;
  mine: number | null;
}) {
  const rt = useT("rounds");
  const { locale } = useLocale();
  const max = Math.max(1, ...counts);
  const label = (i: number) =>
    round.kind === "fires" ? rt(i === 1 ? "fires.yes" : "fires.no") : localized(round.choices?.[i], locale);
  return (
    <ul className={styles.counts} data-testid="round-counts" data-counts={counts.join(",")}>
      {counts.map((count, i) => (
        <li key={i}>
          <span className={`${styles.countLabel} ${i === truth ? styles.right : ""}`}>
            {i === truth ? "✓ " : ""}
            {label(i)}
            {mine === i ? ` (${rt("reveal.you")})` : ""}
          </span>
          <span
            className={`${styles.countBar} ${i === truth ? styles.countRight : ""}`}
            style={{ width: `${(count / max) * 100}%` }}
          />
          <span>{count}</span>
        </li>
      ))}
    </ul>
  );
}

/** The leaderboard: rank (ties share one), name (or "Student" when anonymous), points, streak. */
export function Leaderboard({ rows, me }: { rows: readonly LeaderboardEntry[]; me?: string | null }) {
  const rt = useT("rounds");
  if (rows.length === 0) return <p className={styles.muted}>{rt("board.empty")}</p>;
  return (
    <table className={styles.board} data-testid="leaderboard">
      <thead>
        <tr>
          <th scope="col" className={styles.number}>
            {rt("board.rank")}
          </th>
          <th scope="col">{rt("board.name")}</th>
          <th scope="col" className={styles.number}>
            {rt("board.total")}
          </th>
          <th scope="col" className={styles.number}>
            {rt("board.streak")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={row.participantId ?? i} className={me && row.participantId === me ? styles.me : undefined}>
            <td className={styles.number}>{row.rank}</td>
            <td>{row.name ?? `${rt("board.anonymous")} #${row.rank}`}</td>
            <td className={styles.number}>{row.total}</td>
            <td className={styles.number}>{row.streak > 1 ? `🔥 ${row.streak}` : row.streak}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
