// Every namespace of UI text, by name: t(locale, namespace, key) looks here. A namespace is one
// feature's words (one file in this folder); to add one, write it with defineCatalog and list it.
import { changes } from "./changes";
import { classes } from "./classes";
import { heatmaps } from "./heatmaps";
import { lab } from "./lab";
import { lessons } from "./lessons";
import { library } from "./library";
import { network } from "./network";
import { live } from "./live";
import { questions } from "./questions";
import { race } from "./race";
import { rounds } from "./rounds";
import { site } from "./site";
import { training } from "./training";

export const CATALOGS = {
  site,
  lab,
  heatmaps,
  live,
  rounds,
  library,
  lessons,
  training,
  classes,
  race,
  network,
  changes,
  questions,
} as const;
