// A tiny drawing of an activation function (its curve over z ∈ [−3, 3]) for badges and menus.
import { ACTIVATION_FUNCTIONS, type ActivationId } from "@/lib/network/activations";

const RANGE = 3;
const SAMPLES = 24;

/** SVG path of the function in a `width`×`height` box, each curve scaled to fill it. */
export function activationIconPath(id: ActivationId, width: number, height: number): string {
  const f = ACTIVATION_FUNCTIONS[id];
  const points = Array.from({ length: SAMPLES + 1 }, (_, i) => {
    const z = -RANGE + (2 * RANGE * i) / SAMPLES;
    return [z, f(z)] as const;
  });
  const ys = points.map(([, y]) => y);
  const lo = Math.min(...ys, 0);
  const hi = Math.max(...ys, 0.0001);
  const toX = (z: number) => (((z + RANGE) / (2 * RANGE)) * width).toFixed(1);
  const toY = (y: number) => (height - ((y - lo) / (hi - lo)) * height).toFixed(1);
  let path = "";
  points.forEach(([z, y], i) => {
    const previous = points[i - 1];
    if (!previous) path = `M${toX(z)},${toY(y)}`;
    // a jump (step's) is drawn square: along, then straight up
    else if (Math.abs(previous[1] - y) > (hi - lo) / 2) path += `L${toX(z)},${toY(previous[1])}V${toY(y)}`;
    else path += `L${toX(z)},${toY(y)}`;
  });
  return path;
}

export function ActivationIcon({ id, width = 22, height = 14 }: { id: ActivationId; width?: number; height?: number }) {
  return (
    <svg
      width={width}
      height={height}
      viewBox={`-1 -1 ${width + 2} ${height + 2}`}
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={activationIconPath(id, width, height)}
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinejoin="round"
      />
    </svg>
  );
}
