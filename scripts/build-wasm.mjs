// Builds the kernel's two modules, each in two variants, into public/wasm/, where the browser
// fetches them and the server reads them: one file, two users.
//   kernel-{simd,scalar}.wasm  the forward pass (assembly/kernel.ts): every page that draws
//   train-{simd,scalar}.wasm   training (assembly/train.ts): the training worker, the server's recomputations
// Skips a build when its output is newer than every source.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const modules = [
  { name: "kernel", entry: "assembly/kernel.ts" },
  { name: "train", entry: "assembly/train.ts" },
];
const targets = ["simd", "scalar"];
const sources = readdirSync("assembly")
  .filter((f) => f.endsWith(".ts"))
  .map((f) => join("assembly", f))
  .concat("asconfig.json", "scripts/build-wasm.mjs");
const newestSource = Math.max(...sources.map((f) => statSync(f).mtimeMs));
const force = process.argv.includes("--force");

for (const { name, entry } of modules) {
  for (const target of targets) {
    const out = `public/wasm/${name}-${target}.wasm`;
    if (!force && existsSync(out) && statSync(out).mtimeMs >= newestSource) continue;
    execFileSync(
      process.execPath,
      ["node_modules/assemblyscript/bin/asc.js", entry, "--target", target, "--outFile", out],
      { stdio: "inherit" },
    );
    console.log(`built ${out} (${statSync(out).size} bytes)`);
  }
}
