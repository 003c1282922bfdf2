// DEV/TEST PAGE, not part of the lessons: a 2-8-8-1 network's heatmaps and a slider, used by
// tests/e2e/heatmap-perf.spec.ts to measure repaint times in a real browser (and to look at the
// heatmaps and the collapse panel). Query: ?res=128|256, ?locale=zh-CN, ?linear=1, ?net=xor (the XOR lesson).
import type { Metadata } from "next";
import { HeatmapBench } from "./bench";

export const metadata: Metadata = {
  title: "Heatmap bench (dev) · Activation Lab",
  robots: { index: false, follow: false },
};

type SearchParams = Record<string, string | string[] | undefined>;

export default async function HeatmapBenchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const res = Number(params.res ?? 128);
  return (
    <main style={{ maxWidth: "72rem", margin: "0 auto", padding: "1rem" }}>
      <h1>Heatmap bench</h1>
      <p>A development page: a seeded 2-8-8-1 network (tanh, tanh, sigmoid) for measuring heatmap repaints.</p>
      <HeatmapBench
        resolution={Number.isFinite(res) ? res : 128}
        locale={params.locale === "zh-CN" ? "zh-CN" : "en"}
        linear={params.linear === "1"}
        xor={params.net === "xor"}
      />
    </main>
  );
}
