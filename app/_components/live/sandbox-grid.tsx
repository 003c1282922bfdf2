"use client";
// Every student's sandbox for the teacher: a thumbnail (the first output over the input plane, or
// the output values when the network has not 2 inputs), the name, "Show to all" (spotlight on every
// screen) and "Adopt" (make it the shared network).
import { memo, useEffect, useMemo, useRef } from "react";
import { formatNumber } from "@/lib/format";
import { valueColour } from "@/lib/heatmap/colour";
import { outputsAt, thumbnailPicture } from "@/lib/live/thumbnail";
import type { LabState } from "@/lib/network/ops";
import type { Participant } from "@/lib/session/rules";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./live.module.css";

const Thumbnail = memo(function Thumbnail({ lab, label }: { lab: LabState; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const picture = useMemo(() => thumbnailPicture(lab), [lab]);
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext("2d");
    if (!element || !context || !picture) return;
    const { resolution, values, limit } = picture;
    const image = context.createImageData(resolution, resolution);
    for (let i = 0; i < values.length; i++) {
      const [r, g, b] = valueColour(values[i]!, limit);
      image.data[i * 4] = r;
      image.data[i * 4 + 1] = g;
      image.data[i * 4 + 2] = b;
      image.data[i * 4 + 3] = 255;
    }
    context.putImageData(image, 0, 0);
  }, [picture]);
  if (!picture) {
    return (
      <div className={styles.thumbText} role="img" aria-label={label}>
        {outputsAt(lab)
          .map((v) => formatNumber(v))
          .join(" · ")}
      </div>
    );
  }
  return (
    <canvas
      ref={canvas}
      className={styles.thumbCanvas}
      width={picture.resolution}
      height={picture.resolution}
      role="img"
      aria-label={label}
    />
  );
});

export function SandboxGrid({
  participants,
  sandboxes,
  spotlight,
  onSpotlight,
  onAdopt,
  sandboxMode,
}: {
  participants: readonly Participant[];
  sandboxes: Readonly<Record<string, LabState>>;
  spotlight: string | null;
  onSpotlight(participantId: string | null): void;
  onAdopt(participant: Participant): void;
  sandboxMode: boolean;
}) {
  const lt = useT("live");
  const withSandbox = participants.filter((p) => sandboxes[p.id]);
  return (
    <section className={styles.panel} aria-labelledby="sandboxes-title" data-testid="sandbox-grid">
      <h2 id="sandboxes-title" className={styles.panelTitle}>
        {lt("sandboxes.title")}
      </h2>
      {!sandboxMode && <p className={styles.muted}>{lt("sandboxes.hint")}</p>}
      {withSandbox.length === 0 ? (
        sandboxMode && <p className={styles.muted}>{lt("sandboxes.empty")}</p>
      ) : (
        <ul className={styles.thumbs}>
          {withSandbox.map((participant) => {
            const lab = sandboxes[participant.id]!;
            const shown = spotlight === participant.id;
            const outputs = outputsAt(lab)
              .map((v) => formatNumber(v))
              .join(", ");
            return (
              <li
                key={participant.id}
                className={`${styles.thumb} ${shown ? styles.thumbShown : ""}`}
                data-testid="sandbox-thumb"
                data-name={participant.name}
              >
                <button
                  type="button"
                  className={styles.thumbButton}
                  aria-pressed={shown}
                  aria-label={lt("sandboxes.spotlight.aria", { name: participant.name })}
                  onClick={() => onSpotlight(shown ? null : participant.id)}
                >
                  <Thumbnail lab={lab} label={lt("sandboxes.thumbnail", { name: participant.name, output: outputs })} />
                  <span className={styles.thumbName}>{participant.name}</span>
                  {shown && <span className={styles.miniBadge}>{lt("sandboxes.shown")}</span>}
                </button>
                <div className={styles.thumbActions}>
                  <button
                    type="button"
                    className={styles.smallButton}
                    onClick={() => onSpotlight(shown ? null : participant.id)}
                    data-testid="sandbox-spotlight"
                  >
                    {shown ? lt("sandboxes.stop") : lt("sandboxes.spotlight")}
                  </button>
                  <button
                    type="button"
                    className={styles.smallButton}
                    aria-label={lt("sandboxes.adopt.aria", { name: participant.name })}
                    data-testid="sandbox-adopt"
                    onClick={() => {
                      if (window.confirm(lt("sandboxes.adopt.confirm", { name: participant.name }))) {
                        onAdopt(participant);
                      }
                    }}
                  >
                    {lt("sandboxes.adopt")}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
