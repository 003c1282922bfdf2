// One source for each fact: the activation ids are defined by their order in
// lib/network/activations.ts (the format's ids, the kernel's codes) and named again as constants in
// assembly/ids.ts (AssemblyScript cannot import the TypeScript module). This holds the two to each
// other: a new id, a reordering or another slope in one file and not the other fails here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIVATION_IDS, activationCode, LEAKY_RELU_SLOPE } from "../../lib/network/activations";
import { PROJECT_ROOT } from "../../server/paths";

const source = readFileSync(join(PROJECT_ROOT, "assembly", "ids.ts"), "utf8");
const constants = new Map(
  [...source.matchAll(/export const (\w+): (?:i32|f64) = ([\d.]+);/g)].map((m) => [m[1]!, Number(m[2])]),
);

describe("assembly/ids.ts agrees with lib/network/activations.ts", () => {
  it("names every activation id with its index, and nothing else", () => {
    const codes = Object.fromEntries(ACTIVATION_IDS.map((id) => [id.toUpperCase(), activationCode(id)]));
    const named = Object.fromEntries([...constants].filter(([name]) => name !== "LEAKY_SLOPE"));
    expect(named).toEqual(codes);
    expect(ACTIVATION_IDS.map((id, i) => activationCode(id) === i)).not.toContain(false);
  });

  it("has the leaky ReLU's slope", () => {
    expect(constants.get("LEAKY_SLOPE")).toBe(LEAKY_RELU_SLOPE);
  });
});
