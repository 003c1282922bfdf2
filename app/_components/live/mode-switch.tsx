"use client";
// Who may edit the shared network: Teacher drives / Everyone edits / Sandbox (a radio group, one
// `setMode` action per change).
import { EDIT_MODES, type EditMode } from "@/lib/session/rules";
import { useT } from "@/app/_i18n/locale-provider";
import styles from "./live.module.css";

export function ModeSwitch({
  mode,
  onChange,
  disabled,
  compact = false,
}: {
  mode: EditMode;
  onChange(mode: EditMode): void;
  disabled?: boolean;
  /** one row, the hints for screen readers and as a tooltip (the teacher console's bar) */
  compact?: boolean;
}) {
  const lt = useT("live");
  return (
    <fieldset
      className={compact ? `${styles.modes} ${styles.modesCompact}` : styles.modes}
      data-testid="mode-switch"
      disabled={disabled}
    >
      <legend className={styles.panelTitle}>{lt("mode.title")}</legend>
      <div className={styles.modeOptions}>
        {EDIT_MODES.map((id) => (
          <label
            key={id}
            className={`${styles.mode} ${mode === id ? styles.modeOn : ""}`}
            title={compact ? lt(`mode.${id}.hint`) : undefined}
          >
            <input
              type="radio"
              name="live-mode"
              value={id}
              checked={mode === id}
              onChange={() => onChange(id)}
              data-testid={`mode-${id}`}
            />
            <span className={styles.modeName}>{lt(`mode.${id}`)}</span>
            <span className={compact ? `${styles.modeHint} ${styles.visuallyHidden}` : styles.modeHint}>
              {lt(`mode.${id}.hint`)}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The mode as a small badge (students, projector). */
export function ModeBadge({ mode }: { mode: EditMode }) {
  const lt = useT("live");
  return (
    <span className={`${styles.badge} ${styles[`badge_${mode}`] ?? ""}`} data-testid="mode-badge">
      {lt(`mode.${mode}`)}
    </span>
  );
}
