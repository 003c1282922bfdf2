// Builds both kernel variants into public/wasm/, where the browser fetches them and the server
// reads them: one file, two users. Skips the build when the outputs are newer than the sources.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const targets = ["simd", "scalar"];
const sources = readdirSync("assembly")
  .filter((f) => f.endsWith(".ts"))
  .map((f) => join("assembly", f))
  .concat("asconfig.json");
const newestSource = Math.max(...sources.map((f) => statSync(f).mtimeMs));
const force = process.argv.includes("--force");

for (const target of targets) {
  const out = `public/wasm/kernel-${target}.wasm`;
  if (!force && existsSync(out) && statSync(out).mtimeMs >= newestSource) continue;
  execFileSync(process.execPath, ["node_modules/assemblyscript/bin/asc.js", "assembly/kernel.ts", "--target", target], {
    stdio: "inherit",
  });
  console.log(`built ${out} (${statSync(out).size} bytes)`);
}
