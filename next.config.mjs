// Next.js configuration (ESM). Turbopack is the default bundler for `next dev` and `next build`.
// public/wasm/*.wasm is served by Next's static file handler as `application/wasm`, which
// WebAssembly.compileStreaming needs; tests/e2e/home.spec.ts checks the header.

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // NEXT_DIST_DIR lets two builds live side by side (e.g. parallel test runs); default .next
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // pin the workspace root so Turbopack never picks up a lockfile from a parent folder
  turbopack: { root: import.meta.dirname },
};

export default nextConfig;
