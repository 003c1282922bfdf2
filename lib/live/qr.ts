// A QR code as one SVG path (dark modules as unit squares), from the `qrcode` package's encoder:
// rendered by React as plain SVG, no HTML strings. Error correction M (15 %) is plenty on a screen.
import { create } from "qrcode";

export interface QrPath {
  /** modules per side, without the quiet zone */
  size: number;
  /** the path of every dark module, in module units */
  d: string;
}

export function qrPath(text: string): QrPath {
  const { modules } = create(text, { errorCorrectionLevel: "M" });
  const { size } = modules;
  const parts: string[] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      // one rectangle per run of dark modules in a row: a much shorter path
      const start = x;
      while (x < size && modules.get(y, x)) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  }
  return { size, d: parts.join("") };
}
