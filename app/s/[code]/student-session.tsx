"use client";
// /s/{code}: a student's live session, phone first. A nickname (once: a reload or a reconnect
// comes back as the same participant), then the shared network at its current version: inspect
// always, edit when the mode and the locks allow (disabled controls say why). In sandbox mode the
// edits go to the student's own copy ("Your sandbox", reset). The teacher's spotlight shows a
// student's sandbox on every screen. Removed and ended have their own screens.
import { lockedNeurons } from "@/lib/session/locks";
import Link from "next/link";
import { useCallback, useId, useState, type ReactNode } from "react";
import type { Edit } from "@/lib/network/ops";
import { lessonBySlug } from "@/lib/lessons";
import { NICKNAME_MAX } from "@/lib/session/nickname";
import { permission, visibleLab } from "@/lib/session/rules";
import { useLiveSession, type LiveSession } from "@/app/_hooks/use-live-session";
import { LanguageSwitch } from "@/app/_i18n/language-switch";
import { useT } from "@/app/_i18n/locale-provider";
import { LiveLab } from "@/app/_components/live/live-lab";
import { ModeBadge } from "@/app/_components/live/mode-switch";
import { joinRefusalText, refusalText } from "@/app/_components/live/refusals";
import { ConnectionBanner, RefusalNotice } from "@/app/_components/live/status-banner";
import { RoundHiddenNote, roundHiddenNeurons } from "@/app/_components/rounds/hidden-values";
import { StudentRoundPanel } from "@/app/_components/rounds/student-round-panel";
import { StudentRaceCard } from "@/app/_components/race/student-race-card";
import { activityHiddenNeurons, ActivityHiddenNote } from "@/app/_components/network-activity/hidden";
import { StudentNeuron } from "@/app/_components/network-activity/student-neuron";
import { LastChanges, OvertakenNotice, useChangedBy } from "@/app/_components/live/changes";
import styles from "@/app/_components/live/live.module.css";

export function StudentSession({ code }: { code: string }) {
  const session = useLiveSession(code, "student");
  const lt = useT("live");
  const { state, phase, actor, emitAction } = session;

  // the nickname lives here, so that it survives the form's round trip through "joining"
  const [name, setName] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const onEdit = useCallback((edit: Edit, key?: string) => emitAction({ type: "edit", edit }, key), [emitAction]);
  const changedBy = useChangedBy(session);

  if (phase === "need-name" || (phase === "joining" && !state && submitted)) {
    return (
      <Frame code={code}>
        <NicknameForm
          session={session}
          name={name}
          onName={setName}
          onSubmit={() => {
            setSubmitted(true);
            session.joinAsStudent(name);
          }}
        />
      </Frame>
    );
  }
  if (phase === "removed") {
    return (
      <Frame code={code}>
        <Screen title={lt("student.removed.title")} testId="removed">
          <p>{lt("student.removed.text")}</p>
          <p>
            <Link href="/">{lt("live.home")}</Link>
          </p>
        </Screen>
      </Frame>
    );
  }
  if (phase === "ended") {
    return (
      <Frame code={code}>
        <Screen title={lt("student.ended.title")} testId="ended">
          <p>{lt("student.ended.text")}</p>
          <p>
            <Link href="/">{lt("live.home")}</Link>
          </p>
        </Screen>
      </Frame>
    );
  }
  if (phase === "failed") {
    return (
      <Frame code={code}>
        <Screen title={lt("student.failed.title")} testId="join-failed">
          <p className={styles.error}>{session.joinError && joinRefusalText(lt, session.joinError, code)}</p>
          <p>
            <Link href="/s">{lt("student.joinOther")}</Link>
          </p>
        </Screen>
      </Frame>
    );
  }
  if (!state || !actor || session.you?.role !== "student") {
    return (
      <Frame code={code}>
        <ConnectionBanner reconnecting={session.reconnecting} />
        <p className={styles.muted}>{lt("live.joining")}</p>
      </Frame>
    );
  }

  const me = session.you;
  const lesson = state.exerciseSlug ? lessonBySlug(state.exerciseSlug) : undefined;
  const focus = lesson?.focus ? ({ kind: "neuron", ...lesson.focus } as const) : null;
  const shown = visibleLab(state, actor);
  const spotlighted = state.spotlight ? state.participants.find((p) => p.id === state.spotlight) : undefined;
  const inSandbox = state.mode === "sandbox" && !spotlighted;
  const hasSandbox = Boolean(state.sandboxes[me.participantId]);
  const live = phase === "live" && session.connected;

  // one reason for the whole editor, or per edit (locks)
  const notice = !live
    ? lt("reason.offline")
    : spotlighted
      ? lt("reason.spotlight", { name: spotlighted.name })
      : state.mode === "teacher"
        ? lt("reason.read_only")
        : null;
  const blocked = (edit: Edit): string | null => {
    if (notice) return notice;
    const denied = permission(state, { type: "edit", edit }, actor);
    return denied ? refusalText(lt, denied, edit) : null;
  };

  const title = spotlighted
    ? spotlighted.id === me.participantId
      ? lt("student.sandbox.badge")
      : lt("live.sandboxOf", { name: spotlighted.name })
    : inSandbox
      ? lt("student.sandbox.badge")
      : lt("live.sharedNetwork");

  return (
    <Frame code={code} name={me.name}>
      <ConnectionBanner reconnecting={session.reconnecting} teacherOffline={live && !session.teacherOnline} />
      <RefusalNotice refusal={session.refusal} onDismiss={session.dismissRefusal} />
      <OvertakenNotice session={session} network={state.shared.network} />
      {spotlighted && (
        <p className={`${styles.banner} ${styles.bannerSpot}`} data-testid="spotlight-banner">
          {spotlighted.id === me.participantId
            ? lt("student.spotlight.you")
            : lt("student.spotlight", { name: spotlighted.name })}
        </p>
      )}
      {inSandbox && (
        <div className={`${styles.banner} ${styles.bannerSandbox}`} data-testid="sandbox-banner">
          <span>
            <strong className={styles.sandboxBadge} data-testid="sandbox-badge">
              {lt("student.sandbox.badge")}
            </strong>{" "}
            {lt("student.sandbox.text")}
          </span>
          <button
            type="button"
            className={styles.smallButton}
            disabled={!hasSandbox || !live}
            onClick={() => emitAction({ type: "resetSandbox" })}
            data-testid="sandbox-reset"
          >
            {lt("student.sandbox.reset")}
          </button>
        </div>
      )}
      <StudentRoundPanel session={session} network={shown.network} />
      <StudentRaceCard session={session} />
      <StudentNeuron session={session} network={shown.network} />
      <LiveLab
        state={shown}
        title={title}
        onEdit={onEdit}
        blocked={blocked}
        notice={notice}
        initialSelection={focus}
        badge={<ModeBadge mode={state.mode} />}
        overlays={{
          hidden:
            activityHiddenNeurons(shown.network, state.activity) ?? roundHiddenNeurons(shown.network, state.rounds),
          locked: lockedNeurons(shown.network, state.locks),
          changedBy: spotlighted || inSandbox ? null : changedBy,
        }}
        hiddenNote={state.activity ? <ActivityHiddenNote /> : <RoundHiddenNote />}
        side={() => <LastChanges session={session} network={state.shared.network} />}
      />
    </Frame>
  );
}

function Frame({ code, name, children }: { code: string; name?: string; children: ReactNode }) {
  const lt = useT("live");
  return (
    <div className={`${styles.page} ${styles.studentPage}`} data-testid="student">
      <header className={styles.studentBar}>
        <span className={styles.studentId}>
          <span className={styles.studentCode}>{lt("student.kicker", { code })}</span>
          {name && (
            <span className={styles.studentName} data-testid="student-name">
              {lt("student.you", { name })}
            </span>
          )}
        </span>
        <LanguageSwitch />
      </header>
      <main>{children}</main>
    </div>
  );
}

function Screen({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className={styles.screen} data-testid={testId}>
      <h1>{title}</h1>
      {children}
    </section>
  );
}

function NicknameForm({
  session,
  name,
  onName,
  onSubmit,
}: {
  session: LiveSession;
  name: string;
  onName(name: string): void;
  onSubmit(): void;
}) {
  const lt = useT("live");
  const id = useId();
  const busy = session.phase === "joining";
  const error = session.joinError ? joinRefusalText(lt, session.joinError, session.code) : null;
  return (
    <section className={styles.screen}>
      <h1>{lt("student.name.title")}</h1>
      <p className={styles.muted}>{lt("student.name.intro")}</p>
      <form
        className={styles.form}
        data-testid="nickname-form"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <label htmlFor={`${id}-name`} className={styles.fieldLabel}>
          {lt("student.name.label")}
        </label>
        <div className={styles.fieldRow}>
          <input
            id={`${id}-name`}
            className={styles.textInput}
            value={name}
            onChange={(event) => onName(event.currentTarget.value)}
            maxLength={NICKNAME_MAX * 2}
            autoComplete="nickname"
            enterKeyHint="go"
            aria-invalid={error !== null}
            aria-describedby={`${id}-hint`}
            data-testid="nickname-input"
          />
          <button type="submit" className={styles.primaryButton} disabled={busy} data-testid="nickname-submit">
            {busy ? lt("live.joining") : lt("student.name.submit")}
          </button>
        </div>
        <p id={`${id}-hint`} className={error ? styles.error : styles.muted} role={error ? "alert" : undefined}>
          {error ?? lt("student.name.hint")}
        </p>
      </form>
    </section>
  );
}
