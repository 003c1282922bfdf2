"use client";
// /t/{code}: the teacher's live session. Controls view: the join code, URL and QR; who may edit
// (mode); the shared network (graph, inspector, editor, heatmaps) with locks for the selection;
// the roster (online dots, remove); every student's sandbox (spotlight, adopt); end session.
// Projector view (?view=projector): the code, the network big, who is here — no admin clutter.
import Link from "next/link";
import { useCallback, useState, type ReactNode } from "react";
import { localizedTitle } from "@/lib/exercise/schema";
import { formatRoundValue } from "@/lib/rounds/display";
import { lessonBySlug } from "@/lib/lessons";
import type { Edit } from "@/lib/network/ops";
import { visibleLab, type Action } from "@/lib/session/rules";
import { lockedNeurons } from "@/lib/session/locks";
import { useLiveSession } from "@/app/_hooks/use-live-session";
import { LastChanges, OvertakenNotice, useChangedBy } from "@/app/_components/live/changes";
import { LanguageSwitch } from "@/app/_i18n/language-switch";
import { useLocale, useT } from "@/app/_i18n/locale-provider";
import { JoinCode } from "@/app/_components/live/join-code";
import { LiveLab } from "@/app/_components/live/live-lab";
import { LockPanel } from "@/app/_components/live/lock-panel";
import { ModeBadge, ModeSwitch } from "@/app/_components/live/mode-switch";
import { joinRefusalText } from "@/app/_components/live/refusals";
import { Roster, WhoIsHere } from "@/app/_components/live/roster";
import { SaveSessionExercise } from "@/app/_components/live/save-session-exercise";
import { SessionResults } from "@/app/_components/live/session-results";
import { SwitchExercise } from "@/app/_components/live/switch-exercise";
import { SandboxGrid } from "@/app/_components/live/sandbox-grid";
import { ConnectionBanner, RefusalNotice } from "@/app/_components/live/status-banner";
import { RoundHiddenNote, roundHiddenNeurons } from "@/app/_components/rounds/hidden-values";
import { ProjectorRound } from "@/app/_components/rounds/projector-round";
import { TeacherRoundPanel } from "@/app/_components/rounds/teacher-round-panel";
import { ProjectorRace } from "@/app/_components/race/projector-race";
import { TeacherRacePanel } from "@/app/_components/race/teacher-race-panel";
import { activityHiddenNeurons, ActivityHiddenNote } from "@/app/_components/network-activity/hidden";
import { ProjectorActivity } from "@/app/_components/network-activity/projector-activity";
import { TeacherActivityPanel } from "@/app/_components/network-activity/teacher-activity-panel";
import styles from "@/app/_components/live/live.module.css";
import consoleStyles from "@/app/_components/live/console.module.css";

export function TeacherSession({
  code,
  projector,
  joinOrigin,
}: {
  code: string;
  projector: boolean;
  /** where students' phones should go (computed by the server from the request) */
  joinOrigin: string | null;
}) {
  const session = useLiveSession(code, "teacher");
  const lt = useT("live");
  const { locale } = useLocale();
  const { state, phase, emitAction } = session;
  const [ending, setEnding] = useState(false);
  // the projector hides the join code once class has started (nobody else walks in)
  const [codeHidden, setCodeHidden] = useState(false);

  const act = useCallback((action: Action, key?: string) => emitAction(action, key), [emitAction]);
  const onEdit = useCallback((edit: Edit, key?: string) => act({ type: "edit", edit }, key), [act]);
  const changedBy = useChangedBy(session);

  const slug = state?.exerciseSlug ?? null;
  const lesson = slug ? lessonBySlug(slug) : undefined;
  const lessonTitle = lesson ? localizedTitle(lesson.exercise, locale).title : slug;
  const focus = lesson?.focus ? ({ kind: "neuron", ...lesson.focus } as const) : null;

  if (phase === "need-key") return <NeedKey code={code} session={session} />;
  if (phase === "failed") {
    return (
      <Screen title={lt("teacher.failed.title")}>
        <p className={styles.error}>{session.joinError && joinRefusalText(lt, session.joinError, code)}</p>
        <p>
          <Link href="/">{lt("live.home")}</Link>
        </p>
      </Screen>
    );
  }
  if (phase === "ended") {
    return (
      <Screen title={lt("teacher.ended.title")} testId="session-ended">
        <p>{lt("teacher.ended.text")}</p>
        <SessionResults code={code} shared={state?.shared ?? null} title={lessonTitle ?? lt("live.sharedNetwork")} />
        <p>
          <Link href="/">{lt("live.home")}</Link>
        </p>
      </Screen>
    );
  }
  if (!state) {
    return (
      <Screen title={`${lt("teacher.kicker")} ${code}`}>
        <ConnectionBanner reconnecting={session.reconnecting} />
        <p className={styles.muted}>{lt("live.connecting")}</p>
      </Screen>
    );
  }

  const teacher = { role: "teacher" } as const;
  const shown = visibleLab(state, teacher);
  const spotlighted = state.spotlight ? state.participants.find((p) => p.id === state.spotlight) : undefined;
  const live = phase === "live" && session.connected;
  const notice = !live ? lt("reason.offline") : spotlighted ? lt("reason.spotlight", { name: spotlighted.name }) : null;
  const title = spotlighted ? lt("live.sandboxOf", { name: spotlighted.name }) : lt("live.sharedNetwork");
  // a prediction round hides the asked value (and all downstream) until its reveal, here too
  const hiddenNeurons =
    activityHiddenNeurons(shown.network, state.activity) ?? roundHiddenNeurons(shown.network, state.rounds);

  if (projector) {
    return (
      <div className={`${styles.page} ${styles.projector}`} data-testid="projector">
        <ConnectionBanner reconnecting={session.reconnecting} />
        <header className={styles.projectorHead}>
          {codeHidden ? (
            <button
              type="button"
              className={styles.secondaryButton}
              onClick={() => setCodeHidden(false)}
              data-testid="show-code"
            >
              {lt("projector.showCode")}
            </button>
          ) : (
            <JoinCode code={code} size="projector" origin={joinOrigin} closed={state.joiningClosed} />
          )}
          <div className={styles.projectorSide}>
            <div className={styles.projectorTools}>
              <ModeBadge mode={state.mode} />
              {!codeHidden && (
                <button
                  type="button"
                  className={styles.smallButton}
                  onClick={() => setCodeHidden(true)}
                  data-testid="hide-code"
                >
                  {lt("projector.hideCode")}
                </button>
              )}
              <Link href={`/t/${code}`} className={styles.quietLink}>
                {lt("teacher.controls")}
              </Link>
            </div>
            {lessonTitle && <p className={styles.projectorLesson}>{lessonTitle}</p>}
            <WhoIsHere participants={state.participants} online={session.online} />
          </div>
        </header>
        {spotlighted && (
          <p className={`${styles.banner} ${styles.bannerSpot}`} data-testid="spotlight-banner">
            {lt("spotlight.teacher", { name: spotlighted.name })}
          </p>
        )}
        <ProjectorRound session={session} network={state.shared.network} />
        <ProjectorRace session={session} />
        <ProjectorActivity session={session} network={state.shared.network} />
        <LiveLab
          state={shown}
          title={title}
          editor={false}
          onEdit={onEdit}
          initialSelection={focus}
          wide
          overlays={{ hidden: hiddenNeurons, changedBy: spotlighted ? null : changedBy }}
          hiddenNote={state.activity ? <ActivityHiddenNote /> : <RoundHiddenNote />}
        />
      </div>
    );
  }

  const withSandbox = new Set(Object.keys(state.sandboxes));
  const current = state.rounds?.current ?? null;
  const answers = current && session.round?.answers;
  // the console: one screen at 1366×768 and up (console.module.css), the page flows below that
  return (
    <div className={`${styles.page} ${consoleStyles.console}`} data-testid="teacher">
      <ConnectionBanner reconnecting={session.reconnecting} />
      <header className={consoleStyles.bar}>
        <Link href="/" className={styles.quietLink}>
          <span aria-hidden="true">← </span>
          {lt("live.home")}
        </Link>
        <div className={consoleStyles.what}>
          <p className={styles.kicker}>{lt("teacher.kicker")}</p>
          {lessonTitle && <h1 className={consoleStyles.title}>{lessonTitle}</h1>}
        </div>
        <section aria-label={lt("live.code")}>
          <JoinCode code={code} origin={joinOrigin} closed={state.joiningClosed} size="compact" />
        </section>
        <ModeSwitch mode={state.mode} onChange={(mode) => act({ type: "setMode", mode })} disabled={!live} compact />
        <div className={consoleStyles.tools}>
          <Link
            href={`/t/${code}?view=projector`}
            className={styles.secondaryButton}
            target="_blank"
            data-testid="projector-link"
          >
            {lt("teacher.projector")}
          </Link>
          <button
            type="button"
            className={styles.dangerButton}
            disabled={ending}
            data-testid="end-session"
            onClick={() => {
              if (!window.confirm(lt("teacher.end.confirm"))) return;
              setEnding(true);
              void session.end().finally(() => setEnding(false));
            }}
          >
            {lt("teacher.end")}
          </button>
          <LanguageSwitch />
        </div>
      </header>

      <RefusalNotice refusal={session.refusal} onDismiss={session.dismissRefusal} />
      <OvertakenNotice session={session} network={state.shared.network} />
      {spotlighted && (
        <div className={`${styles.banner} ${styles.bannerSpot}`} data-testid="spotlight-banner">
          <span>{lt("spotlight.teacher", { name: spotlighted.name })}</span>
          <button
            type="button"
            className={styles.smallButton}
            onClick={() => act({ type: "spotlight", participantId: null })}
            data-testid="spotlight-stop"
          >
            {lt("sandboxes.stop")}
          </button>
        </div>
      )}

      <div className={consoleStyles.main}>
        <main className={consoleStyles.lab} aria-label={title}>
          <LiveLab
            state={shown}
            title={title}
            badge={<ModeBadge mode={state.mode} />}
            onEdit={onEdit}
            notice={notice}
            initialSelection={focus}
            blocked={() => notice}
            overlays={{
              hidden: hiddenNeurons,
              locked: lockedNeurons(shown.network, state.locks),
              changedBy: spotlighted ? null : changedBy,
            }}
            hiddenNote={state.activity ? <ActivityHiddenNote /> : <RoundHiddenNote />}
            under={() => (
              <>
                <SandboxGrid
                  participants={state.participants}
                  sandboxes={state.sandboxes}
                  spotlight={state.spotlight}
                  sandboxMode={state.mode === "sandbox"}
                  onSpotlight={(participantId) => act({ type: "spotlight", participantId })}
                  onAdopt={(participant) => act({ type: "adoptSandbox", participantId: participant.id })}
                />
                <SaveSessionExercise
                  code={code}
                  shared={state.shared}
                  title={lessonTitle ?? lt("live.sharedNetwork")}
                />
              </>
            )}
            side={(selection) => (
              <>
                <LockPanel
                  network={state.shared.network}
                  locks={state.locks}
                  selection={spotlighted ? null : selection}
                  onLock={(lock) => act({ type: "lock", lock })}
                  onUnlock={(lock) => act({ type: "unlock", lock })}
                />
                <LastChanges session={session} network={state.shared.network} />
              </>
            )}
          />
        </main>
        <aside className={consoleStyles.side} aria-label={lt("teacher.activity")}>
          {/* the activities share one scrolling area: the round, the race, "Be the network" */}
          <div className={consoleStyles.activities}>
            <TeacherRoundPanel
              session={session}
              network={state.shared.network}
              inputValues={state.shared.inputValues}
            />
            <TeacherRacePanel session={session} />
            <TeacherActivityPanel session={session} network={state.shared.network} />
          </div>
          <Roster
            participants={state.participants}
            online={session.online}
            withSandbox={withSandbox}
            onRemove={(participant) => act({ type: "removeParticipant", participantId: participant.id })}
            joining={{ open: !state.joiningClosed, onChange: (open) => act({ type: "setJoining", open }) }}
            round={
              current && answers
                ? {
                    answers,
                    show: (value) => formatRoundValue(current.kind, value, { choices: current.choices, locale }),
                  }
                : null
            }
          />
          <section className={styles.panel}>
            <SwitchExercise
              current={slug}
              roundOnScreen={Boolean(current)}
              disabled={!live}
              onSwitch={session.switchExercise}
            />
          </section>
        </aside>
      </div>
    </div>
  );
}

function Screen({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div className={styles.page}>
      <header className={styles.topBar}>
        <Link href="/" className={styles.quietLink}>
          <span aria-hidden="true">← </span>
          Activation Lab
        </Link>
        <LanguageSwitch />
      </header>
      <main className={styles.screen} data-testid={testId}>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

function NeedKey({ code, session }: { code: string; session: ReturnType<typeof useLiveSession> }) {
  const lt = useT("live");
  const [key, setKey] = useState("");
  return (
    <Screen title={lt("teacher.needKey.title")}>
      <p>{lt("teacher.needKey.text", { code })}</p>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          if (key.trim()) session.joinAsTeacher(key);
        }}
      >
        <label htmlFor="teacher-key" className={styles.fieldLabel}>
          {lt("teacher.needKey.label")}
        </label>
        <div className={styles.fieldRow}>
          <input
            id="teacher-key"
            className={styles.textInput}
            value={key}
            onChange={(event) => setKey(event.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className={styles.primaryButton}>
            {lt("teacher.needKey.submit")}
          </button>
        </div>
        {session.joinError && (
          <p className={styles.error} role="alert">
            {joinRefusalText(lt, session.joinError, code)}
          </p>
        )}
      </form>
    </Screen>
  );
}
