import { LiveNeuron } from "./_components/live-neuron";
import styles from "./page.module.css";

export default function HomePage() {
  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <h1>Activation Lab</h1>
        <p className={styles.lede}>
          One neuron, live: it weighs its inputs, adds a bias, and passes the sum <i>z</i> through an activation
          function <i>f</i>. Move a slider and watch every number change.
        </p>
      </header>
      <LiveNeuron />
    </main>
  );
}
