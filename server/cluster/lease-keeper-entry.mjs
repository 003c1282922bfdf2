// Entry of the lease keeper's worker thread (lease-keeper.ts). Plain JavaScript, so that the
// thread starts the same way under `node --import tsx`, Vitest or anything else: it registers tsx,
// then loads the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./lease-keeper-worker.ts");
