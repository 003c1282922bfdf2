// The answer of POST /api/forward written in pieces straight from the kernel's output columns,
// instead of building every row's arrays and one 50 MB string. Concatenated, the pieces are
// byte for byte what `JSON.stringify` makes of the documented answer (docs/api.md):
//   "layers" (default): {"results":[{"layers":[{"z":[…],"a":[…]},…]},…]}
//   "outputs":          {"outputs":[[…],…]}   (the output layer's a per row)
import type { ForwardAnswer } from "../../lib/api/forward";
import type { KernelArray } from "../../lib/kernel/kernel";

/** What the writer reads: the kernel after run(), as column views per layer and neuron. */
export interface ForwardColumns {
  rows: number;
  layerSizes: readonly number[];
  z(layer: number, neuron: number): KernelArray;
  a(layer: number, neuron: number): KernelArray;
}

/** About this many characters per piece: big enough to be cheap, small enough to stream. */
const PIECE_CHARS = 256 * 1024;

/** Characters a row takes, roughly (19 per number and a little for the punctuation). */
function rowChars(columns: ForwardColumns, answer: ForwardAnswer): number {
  const last = columns.layerSizes[columns.layerSizes.length - 1] ?? 1;
  const values = answer === "outputs" ? last : 2 * columns.layerSizes.reduce((n, size) => n + size, 0);
  return 20 * values + 16 * columns.layerSizes.length;
}

/** The answer in pieces of whole rows, in order. */
export function* forwardJsonPieces(columns: ForwardColumns, answer: ForwardAnswer): Generator<string> {
  const { rows, layerSizes } = columns;
  const rowsPerPiece = Math.max(1, Math.floor(PIECE_CHARS / rowChars(columns, answer)));
  const z = layerSizes.map((size, l) => Array.from({ length: size }, (_, j) => columns.z(l, j)));
  const a = layerSizes.map((size, l) => Array.from({ length: size }, (_, j) => columns.a(l, j)));
  const outputs = a[a.length - 1] ?? [];
  // one plain array per column set, refilled for each row: JSON.stringify of a small array of
  // numbers is JSON's own spelling (shortest round trip, null for what JSON cannot hold), and
  // several times faster than formatting each number by hand
  const scratch = new Map<readonly KernelArray[], number[]>();
  const values = (cols: readonly KernelArray[], r: number) => {
    let row = scratch.get(cols);
    if (!row) scratch.set(cols, (row = new Array<number>(cols.length)));
    for (let j = 0; j < cols.length; j++) row[j] = cols[j]![r]!;
    return JSON.stringify(row);
  };
  const row = (r: number) => {
    if (answer === "outputs") return values(outputs, r);
    let text = '{"layers":[';
    for (let l = 0; l < layerSizes.length; l++) {
      text += `${l > 0 ? "," : ""}{"z":${values(z[l]!, r)},"a":${values(a[l]!, r)}}`;
    }
    return text + "]}";
  };

  let piece = answer === "outputs" ? '{"outputs":[' : '{"results":[';
  for (let r = 0; r < rows; r++) {
    piece += (r > 0 ? "," : "") + row(r);
    if ((r + 1) % rowsPerPiece === 0 && r + 1 < rows) {
      yield piece;
      piece = "";
    }
  }
  yield piece + "]}";
}
