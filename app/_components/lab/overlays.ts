// What the graph draws over its neurons beside their values, one typed object from the page to the
// nodes (LiveLab or the lesson → LabLayout → NetworkGraph → GraphNodes). Keys are "layer:index".
export interface NeuronOverlays {
  /**
   * Hidden values (a prediction round, "Be the network"): "?" in the graph and the inspector, and
   * no heatmaps or collapse check (they would show them).
   */
  hidden?: ReadonlySet<string> | null;
  /** the teacher's locks: a padlock by the circle */
  locked?: ReadonlySet<string> | null;
  /** someone just changed it ("layer:index" → their name): a name tag under the circle */
  changedBy?: ReadonlyMap<string, string> | null;
  /** no gradient reaches it while training: a dashed ring (and its legend item) */
  noGradient?: ReadonlySet<string> | null;
}

/** No overlay at all. */
export const NO_OVERLAYS: NeuronOverlays = {};
