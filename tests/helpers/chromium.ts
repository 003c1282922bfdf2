// How the browser tests and the browser benchmarks start Chromium: Debian's (or CHROMIUM_PATH),
// headless, and kept off the closed network (without the background-networking flags it keeps
// trying to reach it).
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
