// What the graph draws over its neurons beside their values, one typed object from the page to the
// nodes (LiveLab or the lesson → LabLayout → NetworkGraph → GraphNodes, and the connections' name
// tags to GraphEdges). Keys are "layer:index" (a connection's: "layer:index:from").
export interface NeuronOverlays {
  /**
   * Hidden values (a prediction round, "Be the network"): "?" in the graph and the inspector, and
   * no heatmaps or collapse check (they would show them).
   */
  hidden?: ReadonlySet<string> | null;
  /** the teacher's locks: a padlock by the circle */
  locked?: ReadonlySet<string> | null;
  /**
   * someone just changed it, with their name: a neuron's bias or activation ("layer:index", a tag
   * under the circle) or a connection's weight ("layer:index:from", a tag on the connection,
   * graph-edges.tsx; lib/live/attribution.ts graphTags)
   */
  changedBy?: ReadonlyMap<string, string> | null;
  /** no gradient reaches it while training: a dashed ring (and its legend item) */
  noGradient?: ReadonlySet<string> | null;
}

/** No overlay at all. */
export const NO_OVERLAYS: NeuronOverlays = {};
