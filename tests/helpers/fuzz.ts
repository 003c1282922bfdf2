// Hostile input for the live-session fuzz test (tests/integration/session-fuzz.test.ts): what a
// curious student with socket.io-client, or a buggy client, could send. Well-formed actions and
// round requests with out-of-range indexes, huge and non-finite numbers and unknown ids; ids that a
// plain object answers from its prototype; wrong types; random JSON; objects with an own
// `__proto__` key (as JSON.parse makes them).
import fc from "fast-check";

/** Keys a plain object answers from Object.prototype. */
export const PROTOTYPE_KEYS = ["__proto__", "constructor", "hasOwnProperty", "toString", "valueOf", "__defineGetter__"];

/**
 * Ids are generated before the session exists, so a real one is a placeholder — `$p0`, `$p1`, …
 * for the participants joined so far, `$round` for the round on screen — that `resolve` replaces
 * when the step runs.
 */
export const PLACEHOLDERS = ["$p0", "$p1", "$p2", "$p3", "$round"] as const;

/** An id: a real one (a placeholder), one a prototype answers, or anything. */
export const idArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PLACEHOLDERS) },
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 70 }) },
);

/**
 * `payload` with every placeholder replaced: `$pN` by the Nth participant id (or "nobody"),
 * `$round` by the round on screen (or "no-round"). Own `__proto__` keys stay own keys.
 */
export function resolve(payload: unknown, ids: { participants: readonly string[]; round: string | null }): unknown {
  if (typeof payload === "string") {
    if (payload === "$round") return ids.round ?? "no-round";
    const match = /^\$p(\d)$/.exec(payload);
    return match ? (ids.participants[Number(match[1])] ?? "nobody") : payload;
  }
  if (Array.isArray(payload)) return payload.map((item) => resolve(item, ids));
  if (payload === null || typeof payload !== "object") return payload;
  return Object.fromEntries(Object.entries(payload).map(([key, value]) => [key, resolve(value, ids)]));
}

/** Numbers at and beyond every limit, and the ones JSON cannot carry. */
export const numberArb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 7, 8, 15, 16, 100, -100, 100.5, 1000, 1001, 1e6, 1e6 + 1, 2 ** 53, 1e308),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MIN_VALUE),
  fc.double({ min: -2000, max: 2000, noNaN: true }),
  fc.integer({ min: -5, max: 20 }),
);

export const indexArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 2, arbitrary: fc.integer({ min: -2, max: 17 }) },
  { weight: 1, arbitrary: numberArb },
);

/** Something that is not what the field wants. */
export const wrongTypeArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.string({ maxLength: 10 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({}),
  fc.constantFrom(...PROTOTYPE_KEYS),
);

/** `value` most of the time, sometimes a wrong type instead. */
function mostly<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: 9, arbitrary: arb }, { weight: 1, arbitrary: wrongTypeArb });
}

const activationArb = fc.oneof(
  fc.constantFrom("step", "linear", "sigmoid", "tanh", "relu", "leaky_relu", "softplus"),
  fc.constantFrom("__proto__", "toString", "gelu", ""),
);

const networkArb = fc
  .record({
    inputs: fc.integer({ min: 0, max: 9 }),
    sizes: fc.array(fc.integer({ min: 0, max: 17 }), { minLength: 0, maxLength: 9 }),
    weight: numberArb,
    activation: activationArb,
  })
  .map(({ inputs, sizes, weight, activation }) => {
    let previous = inputs;
    return {
      format: "activation-lab/network@1",
      inputs: Array.from({ length: inputs }, (_, i) => `x${i + 1}`),
      layers: sizes.map((size) => {
        const layer = {
          activation,
          neurons: Array.from({ length: size }, () => ({ weights: new Array(previous).fill(weight), bias: 0 })),
        };
        previous = size;
        return layer;
      }),
    };
  });

export const editArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    type: fc.constant("setWeight"),
    layer: indexArb,
    neuron: indexArb,
    from: indexArb,
    value: mostly(numberArb),
  }),
  fc.record({ type: fc.constant("setBias"), layer: indexArb, neuron: indexArb, value: mostly(numberArb) }),
  fc.record({
    type: fc.constant("setActivation"),
    layer: indexArb,
    neuron: indexArb,
    activation: fc.oneof(activationArb, fc.constant(null)),
  }),
  fc.record({ type: fc.constant("setLayerActivation"), layer: indexArb, activation: activationArb }),
  fc.record({ type: fc.constant("addNeuron"), layer: indexArb }),
  fc.record({ type: fc.constant("removeNeuron"), layer: indexArb, neuron: indexArb }),
  fc.record({ type: fc.constant("addLayer"), at: indexArb }),
  fc.record({ type: fc.constant("removeLayer"), layer: indexArb }),
  fc.record({ type: fc.constant("addInput") }),
  fc.record({ type: fc.constant("removeInput"), input: indexArb }),
  fc.record({
    type: fc.constant("renameInput"),
    input: indexArb,
    label: fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_KEYS)),
  }),
  fc.record({ type: fc.constant("setInputValue"), input: indexArb, value: mostly(numberArb) }),
  fc.record({
    type: fc.constant("setNeuronLabel"),
    layer: indexArb,
    neuron: indexArb,
    label: fc.oneof(fc.constant(null), fc.string({ maxLength: 50 })),
  }),
  fc.record({ type: fc.constant("replaceNetwork"), network: networkArb }),
  fc.record({
    type: fc.constant("replaceNetwork"),
    network: networkArb,
    inputValues: fc.array(numberArb, { maxLength: 9 }),
  }),
);

const lockArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ kind: fc.constant("layer"), layer: indexArb }),
  fc.record({ kind: fc.constant("neuron"), layer: indexArb, neuron: indexArb }),
  fc.record({ kind: fc.constant("weight"), layer: indexArb, neuron: indexArb, from: indexArb }),
  fc.record({ kind: fc.constant("inputs") }),
  fc.record({ kind: fc.constantFrom("__proto__", "toString"), layer: indexArb }),
);

/** An action as a client could send it: well-formed or not. */
export function actionArb(): fc.Arbitrary<unknown> {
  const id = idArb;
  return fc.oneof(
    { weight: 8, arbitrary: fc.record({ type: fc.constant("edit"), edit: editArb }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant("setMode"),
        mode: fc.constantFrom("teacher", "everyone", "sandbox", "__proto__"),
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("setJoining"), open: mostly(fc.boolean()) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constantFrom("lock", "unlock"), lock: lockArb }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant("removeParticipant"), participantId: id }) },
    {
      weight: 2,
      arbitrary: fc.record({ type: fc.constant("spotlight"), participantId: fc.oneof(id, fc.constant(null)) }),
    },
    { weight: 2, arbitrary: fc.record({ type: fc.constant("adoptSandbox"), participantId: id }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("resetSandbox") }) },
    // the server's own change: never a client's
    { weight: 1, arbitrary: fc.record({ type: fc.constant("roundState"), rounds: fc.constant({ current: null }) }) },
    { weight: 1, arbitrary: ownProtoKeyArb },
    { weight: 1, arbitrary: fc.record({ type: fc.constantFrom(...PROTOTYPE_KEYS), participantId: id }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
}

/** The `action` event's payload: `{action, baseVersion?}`, well-formed or not. */
export function actionRequestArb(): fc.Arbitrary<unknown> {
  const action = actionArb();
  return fc.oneof(
    // mostly without a base version: a stale one is refused before the rules are asked
    { weight: 8, arbitrary: fc.record({ action }) },
    { weight: 2, arbitrary: fc.record({ action, baseVersion: fc.integer({ min: 0, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ action, baseVersion: numberArb }) },
    { weight: 1, arbitrary: action },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
}

/** Objects with an own `__proto__` key, as JSON.parse makes them. */
export const ownProtoKeyArb: fc.Arbitrary<unknown> = fc
  .constantFrom(
    '{"type": "adoptSandbox", "participantId": "x", "__proto__": {"type": "edit"}}',
    '{"__proto__": {"type": "setMode", "mode": "everyone"}}',
    '{"type": "edit", "edit": {"type": "setBias", "layer": 0, "neuron": 0, "value": 1, "__proto__": {"value": 2}}}',
    '{"type": "lock", "lock": {"kind": "inputs", "__proto__": null}}',
  )
  .map((text) => JSON.parse(text) as unknown);

const toleranceArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ full: 0.01, zero: 0.5 }) },
  { weight: 1, arbitrary: fc.record({ full: numberArb, zero: numberArb }) },
  { weight: 1, arbitrary: wrongTypeArb },
);

const localizedArb = fc.oneof(
  fc.constant({ en: "one" }),
  fc.record({ en: fc.string({ maxLength: 30 }) }),
  fc.constant({ "zh-CN": "二" }),
  fc.constant('{"__proto__": "x", "en": "y"}').map((text) => JSON.parse(text) as unknown),
);

/** Mostly plausible values (so that rounds open and answers count), sometimes hostile ones. */
const plausibleArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 1, arbitrary: numberArb },
);

/** The round on screen most of the time, another id sometimes. */
const roundIdArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("$round") },
  { weight: 2, arbitrary: idArb },
);

const roundArb = fc.record(
  {
    kind: fc.constantFrom("output", "z", "fires", "choice", "__proto__"),
    neuron: fc.record({ layer: indexArb, index: indexArb }),
    inputs: fc.oneof(
      { weight: 3, arbitrary: fc.array(plausibleArb, { minLength: 1, maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(numberArb, { maxLength: 9 }) },
    ),
    prompt: localizedArb,
    tolerance: toleranceArb,
    timeLimitSeconds: fc.oneof(fc.integer({ min: 4, max: 601 }), numberArb),
    choices: fc.array(localizedArb, { minLength: 0, maxLength: 7 }),
    answer: indexArb,
  },
  { requiredKeys: ["kind", "neuron", "inputs"] },
);

/** A teacher's `round` request, well-formed or not. */
export function roundRequestArb(): fc.Arbitrary<unknown> {
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant("open"),
        open: fc.record({ round: roundArb, speedBonus: mostly(fc.boolean()) }, { requiredKeys: ["round"] }),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant("open"),
        open: fc.record(
          {
            script: fc.oneof(
              { weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }) },
              { weight: 1, arbitrary: indexArb },
            ),
            tolerance: toleranceArb,
            timeLimitSeconds: fc.oneof(fc.constant(null), fc.integer({ min: 4, max: 601 })),
            speedBonus: fc.boolean(),
          },
          { requiredKeys: ["script"] },
        ),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        op: fc.constantFrom("close", "reveal", "clear", "__proto__"),
        roundId: roundIdArb,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record(
        { op: fc.constant("leaderboard"), shown: mostly(fc.boolean()), anonymous: fc.boolean() },
        { requiredKeys: ["op"] },
      ),
    },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
}

/** A student's `answer`, well-formed or not. */
export function answerArb(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.record({ roundId: roundIdArb, value: mostly(plausibleArb) }) },
    { weight: 1, arbitrary: fc.record({ roundId: idArb, value: numberArb, participantId: fc.string() }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
}

/** A student's nickname at join. */
export const nameArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("Ana", "Bo", "Cy", "  ", "", "a".repeat(300), "\u200b", ...PROTOTYPE_KEYS),
  fc.string({ maxLength: 40 }),
);
