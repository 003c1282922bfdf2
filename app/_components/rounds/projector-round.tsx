"use client";
// The projector's round: the question big, the countdown and how many have answered while it is
// open (the neuron's value stays hidden in the graph below until the reveal), then the truth with
// its arithmetic and the spread; the students' answers and the leaderboard whenever the teacher
// shows them.
import type { Network } from "@/lib/network/schema";
import { useT } from "@/app/_i18n/locale-provider";
import { Leaderboard, neuronLabel, RevealView, RoundQuestion, RoundStatusLine } from "./round-parts";
import { useRounds, type RoundSession } from "./use-rounds";
import { ProjectorAnswerList } from "./answer-list";
import styles from "./rounds.module.css";

export function ProjectorRound({ session, network }: { session: RoundSession; network: Network }) {
  const rt = useT("rounds");
  const { round, local } = useRounds(session);
  const board = session.state?.rounds?.leaderboard;
  const participants = session.state?.participants.length ?? 0;
  if (!round && !board?.shown) return null;
  return (
    <div
      className={`${styles.projector} ${round && board?.shown ? styles.projectorWithBoard : ""}`}
      data-testid="projector-round"
    >
      {round && (
        <section className={styles.panel} aria-label={rt("round.title", { n: round.number })}>
          <RoundQuestion round={round} network={network} />
          <RoundStatusLine
            round={round}
            deadline={local?.deadline ?? null}
            answered={local?.answered ?? 0}
            of={participants}
          />
          {round.phase === "revealed" && <RevealView round={round} name={neuronLabel(network, round)} />}
        </section>
      )}
      {board?.shown && (
        <section className={`${styles.panel} ${styles.quiet}`} aria-label={rt("board.title")}>
          <h2 className={styles.title}>{rt("board.title")}</h2>
          <Leaderboard rows={board.top} />
        </section>
      )}
      {round && <ProjectorAnswerList session={session} round={round} />}
    </div>
  );
}
