// Training in the lesson view, measured in Chromium: the dev page /dev/train-bench (a 2-8-8-1 tanh
// network on 250 circle points, squared error, batch 10, learning rate 0.03, at full speed) is
// opened in Debian's Chromium, training is started, and for DURATION_S seconds the page records
//   - every animation frame's main-thread work: from the frame's start (the rAF timestamp) until a
//     task posted from the frame's first callback runs, i.e. after every rAF callback (the
//     training snapshot, React's render, the heatmaps' repaint), the microtasks and the frame's
//     style, layout and paint;
//   - the interval between frames (a frame that took too long shows as a 33 ms interval);
//   - the main thread's CPU time per frame (Chromium's trace: the thread time of the tasks that
//     start within each frame, from one BeginMainThreadFrame to the next; mean, p50, p95, max),
//     which other processes on a busy machine do not inflate as they do the above;
//   - the epochs per second the page shows, and the epochs actually trained (epoch counter / time).
// The worker trains on its own thread, so it does not count in a frame's work. Figures are
// printed, never asserted. Needs a production build (`npm run build`); starts the real server on
// BENCH_PORT (default 3199). `-- --json` prints one JSON line.
import { spawn } from "node:child_process";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../tests/helpers/chromium";
import { summary } from "./summary";

const PORT = Number(process.env.BENCH_PORT ?? 3199);
const BASE = `http://127.0.0.1:${PORT}`;
const WARMUP_S = 2;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const TRACE_S = 4;
const json = process.argv.includes("--json");

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** start (µs) */
  ts: number;
  /** thread (CPU) time in µs */
  tdur: number;
  threadName: string | null;
}

/** The fields of a Chromium trace event this bench reads (the protocol types them all as strings). */
function traceEvent(raw: Record<string, unknown>): TraceEvent {
  const args = raw.args;
  const threadName =
    typeof args === "object" && args !== null && "name" in args && typeof args.name === "string" ? args.name : null;
  return {
    name: String(raw.name),
    ph: String(raw.ph),
    pid: Number(raw.pid),
    tid: Number(raw.tid),
    ts: Number(raw.ts ?? 0),
    tdur: Number(raw.tdur ?? 0),
    threadName,
  };
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/dev/train-bench`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server did not answer on ${BASE}`);
}

const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(PORT),
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${join(tmpdir(), `activation-lab-bench-${process.pid}.db`)}`,
    NEXT_TELEMETRY_DISABLED: "1",
  },
  stdio: ["ignore", "ignore", "inherit"],
});

try {
  await waitForServer();
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // tsx (esbuild, keepNames) wraps named functions in __name(…), also inside page.evaluate's code
  await page.addInitScript({ content: "window.__name = (f) => f;" });
  await page.goto(`${BASE}/dev/train-bench`);
  await page.getByTestId("training-play").waitFor();
  await page.waitForFunction(() => {
    const play = document.querySelector<HTMLButtonElement>('[data-testid="training-play"]');
    return play !== null && !play.disabled;
  });
  // the heatmaps are in view while it trains, as a student would watch them
  await page.getByTestId("heatmaps").scrollIntoViewIfNeeded();
  await page.getByTestId("training-play").click();
  await page.waitForTimeout(WARMUP_S * 1000);

  const measured = await page.evaluate(async (seconds) => {
    const status = document.querySelector<HTMLElement>('[data-testid="training-status"]')!;
    const heatmaps = document.querySelector<HTMLElement>('[data-testid="heatmaps"]')!;
    const work: number[] = [];
    const intervals: number[] = [];
    const shown: number[] = [];
    const channel = new MessageChannel();
    const pending: number[] = [];
    channel.port1.onmessage = () => {
      const start = pending.shift();
      if (start !== undefined) work.push(performance.now() - start);
    };
    const epochAtStart = Number(status.dataset.epoch);
    const framesAtStart = Number(heatmaps.dataset.frames ?? 0);
    const t0 = performance.now();
    let last = 0;
    await new Promise<void>((resolve) => {
      const frame = (now: number) => {
        if (last) intervals.push(now - last);
        last = now;
        pending.push(now);
        channel.port2.postMessage(null);
        // the figure the page shows, as it is in this frame
        const rate = Number(status.dataset.epochsPerSecond);
        if (Number.isFinite(rate)) shown.push(rate);
        if (performance.now() - t0 >= seconds * 1000) return resolve();
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const elapsed = (performance.now() - t0) / 1000;
    return {
      work,
      intervals,
      shown,
      epochs: Number(status.dataset.epoch) - epochAtStart,
      repaints: Number(heatmaps.dataset.frames ?? 0) - framesAtStart,
      elapsed,
      userAgent: navigator.userAgent,
    };
  }, DURATION_S);
  // the main thread's CPU time, from Chromium's trace, for TRACE_S more seconds (tracing costs time itself: not while the frames are timed)
  const cdp = await page.context().newCDPSession(page);
  const traceEvents: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (data) => traceEvents.push(...data.value.map(traceEvent)));
  const traced = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", {
    categories:
      "toplevel,devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.frame",
    transferMode: "ReportEvents",
  });

  await page.waitForTimeout(TRACE_S * 1000);
  await cdp.send("Tracing.end");
  await traced;
  await page.getByTestId("training-pause").click();
  await browser.close();
  const main = traceEvents.find((e) => e.name === "thread_name" && e.threadName === "CrRendererMain");
  const onMain = traceEvents.filter((e) => main && e.pid === main.pid && e.tid === main.tid);
  const tasks = onMain.filter((e) => e.name === "RunTask" && e.ph === "X");
  const cpuMs = tasks.reduce((sum, e) => sum + e.tdur, 0) / 1000;
  const frameStarts = onMain
    .filter((e) => e.name === "BeginMainThreadFrame")
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const tracedFrames = frameStarts.length;
  // each task's CPU time goes to the frame it starts in (the tasks before the first frame: none)
  const cpuPerFrame = frameStarts.slice(0, -1).map(() => 0);
  for (const task of tasks) {
    let lo = 0;
    let hi = frameStarts.length - 1;
    if (task.ts < frameStarts[0]! || task.ts >= frameStarts[hi]!) continue;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (frameStarts[mid]! <= task.ts) lo = mid;
      else hi = mid;
    }
    cpuPerFrame[lo]! += task.tdur / 1000;
  }

  const work = summary(measured.work);
  const report = {
    case: "2-8-8-1 tanh, 250 training points (circle), squared error, batch 10, learning rate 0.03, full speed",
    seconds: Math.round(measured.elapsed * 10) / 10,
    epochs_per_s_shown: Math.round(summary(measured.shown).p50),
    epochs_per_s_trained: Math.round(measured.epochs / measured.elapsed),
    ratio_vs_one_epoch_per_frame: Math.round(measured.epochs / measured.elapsed / 60),
    frames: measured.intervals.length,
    frame_work_ms: work,
    main_thread_cpu_ms_per_frame: Math.round((cpuMs / Math.max(1, tracedFrames)) * 100) / 100,
    main_thread_cpu_ms: summary(cpuPerFrame),
    frames_over_16ms_cpu: cpuPerFrame.filter((ms) => ms > 16).length,
    frames_over_16ms: measured.work.filter((ms) => ms > 16).length,
    frame_interval_ms: summary(measured.intervals),
    heatmap_repaints_per_s: Math.round(measured.repaints / measured.elapsed),
    user_agent: measured.userAgent,
    machine: { cpus: cpus().length, load_average_1m: Math.round(loadavg()[0]! * 100) / 100 },
  };
  if (json) {
    console.log(JSON.stringify(report));
  } else {
    console.log(`training in the lesson view, Chromium, ${report.seconds} s after ${WARMUP_S} s of warm-up`);
    console.log(`  ${report.case}`);
    console.log(
      `  epochs/s shown ${report.epochs_per_s_shown}, trained ${report.epochs_per_s_trained} ` +
        `(${report.ratio_vs_one_epoch_per_frame}× one epoch per frame at 60 Hz)`,
    );
    console.log(
      `  main-thread work per frame (wall clock): p50 ${work.p50} / p95 ${work.p95} / max ${work.max} ms; ` +
        `${report.frames_over_16ms} of ${report.frames} frames over 16 ms`,
    );
    const cpu = report.main_thread_cpu_ms;
    console.log(
      `  main-thread CPU time per frame (trace): mean ${report.main_thread_cpu_ms_per_frame} / p50 ${cpu.p50} / ` +
        `p95 ${cpu.p95} / max ${cpu.max} ms; ${report.frames_over_16ms_cpu} of ${cpu.count} frames over 16 ms`,
    );
    const iv = report.frame_interval_ms;
    console.log(`  frame interval: p50 ${iv.p50} / p95 ${iv.p95} / max ${iv.max} ms`);
    console.log(`  heatmap repaints ${report.heatmap_repaints_per_s}/s`);
    console.log(`  ${report.machine.cpus} CPUs, load average ${report.machine.load_average_1m}; ${report.user_agent}`);
  }
} finally {
  server.kill();
}
