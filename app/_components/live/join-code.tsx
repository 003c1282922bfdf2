"use client";
// How students get in: the join code BIG (spaced in two groups of three, easy to read from the back
// row), the join URL and a QR code that opens it. `size` "projector" makes everything larger.
import { useSyncExternalStore } from "react";
import { qrPath } from "@/lib/live/qr";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./live.module.css";

const noSubscription = () => () => {};

/** This page's origin, in the browser only (the server renders without it, so no hydration mismatch). */
export function useOrigin(): string {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
}

export function joinUrlFor(origin: string, code: string): string {
  return `${origin}/s/${code}`;
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, d } = qrPath(text);
  const quiet = 2;
  const box = size + quiet * 2;
  return (
    <svg
      className={styles.qr}
      viewBox={`${-quiet} ${-quiet} ${box} ${box}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="join-qr"
    >
      <rect x={-quiet} y={-quiet} width={box} height={box} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

export function JoinCode({
  code,
  size = "normal",
  origin: given,
  closed = false,
}: {
  code: string;
  /** "compact": the teacher console's bar (a small QR) */
  size?: "normal" | "projector" | "compact";
  /** the teacher closed the session to new students: said under the code */
  closed?: boolean;
  /** where phones should go (the server's word: not "localhost"); else this page's origin */
  origin?: string | null;
}) {
  const lt = useT("live");
  const pageOrigin = useOrigin();
  const origin = given ?? pageOrigin;
  const url = origin ? joinUrlFor(origin, code) : `/s/${code}`;
  const shownUrl = url.replace(/^https?:\/\//, "");
  return (
    <div
      className={`${styles.joinCode} ${size === "projector" ? styles.joinCodeProjector : size === "compact" ? styles.joinCodeCompact : ""}`}
    >
      <div className={styles.joinText}>
        <p className={styles.joinLabel}>{lt("live.code")}</p>
        <p className={styles.code} data-testid="join-code">
          <span>{code.slice(0, 3)}</span>
          <span>{code.slice(3)}</span>
        </p>
        <p className={styles.joinUrl}>
          <a href={url} data-testid="join-url">
            {shownUrl}
          </a>
        </p>
        {closed && (
          <p className={styles.joinLabel} data-testid="joining-closed">
            {lt("join.closedNote")}
          </p>
        )}
      </div>
      {origin && <QrCode text={url} label={lt("live.qr", { url })} />}
    </div>
  );
}
