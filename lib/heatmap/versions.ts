// Which pictures an edit changes. A neuron's picture depends only on the grid, its own
// parameters (weights, bias, activation) and the pictures of the layer before it: an edit to one
// neuron changes that neuron and every layer after it, never its neighbours or earlier layers.
// The kernel still computes the whole batch (it is cheap); only the painting is skipped, which
// is most of the cost at 128 × 128.
import { neuronActivation } from "../network/model";
import type { Network } from "../network/schema";

/** Picture ids: "l:j" for neuron j of layer l, "in:k" for input k. */
export function pictureId(layer: number, neuron: number): string {
  return `${layer}:${neuron}`;
}

export class PictureVersions {
  private readonly signatures = new Map<string, string>();
  private readonly versions = new Map<string, number>();
  private grid: string | null = null;
  private gridVersion = 0;
  private next = 1;

  /**
   * The current version of every picture of `net` on the grid `gridKey` (any string that changes
   * with the range and the resolution). A picture whose version is the one it was last painted
   * with needs no repaint.
   */
  update(net: Network, gridKey: string): Map<string, number> {
    const out = new Map<string, number>();
    let upstreamChanged = gridKey !== this.grid;
    if (upstreamChanged) {
      this.grid = gridKey;
      this.gridVersion = this.next++;
    }
    net.inputs.forEach((_, k) => out.set(`in:${k}`, this.gridVersion));
    net.layers.forEach((layer, l) => {
      let changed = false;
      layer.neurons.forEach((neuron, j) => {
        const id = pictureId(l, j);
        const signature = `${neuronActivation(layer, neuron)} ${neuron.bias} ${neuron.weights.join(" ")}`;
        if (upstreamChanged || this.signatures.get(id) !== signature || !this.versions.has(id)) {
          this.signatures.set(id, signature);
          this.versions.set(id, this.next++);
          changed = true;
        }
        out.set(id, this.versions.get(id)!);
      });
      upstreamChanged = changed;
    });
    return out;
  }
}
