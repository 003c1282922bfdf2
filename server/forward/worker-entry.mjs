// Entry of a forward worker thread. Plain JavaScript, so that a worker starts the same way under
// `node --import tsx`, Vitest or anything else: it registers tsx, then loads the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
