// Runs in the browser before the pages' own code (Next.js's `instrumentation-client`). zod builds
// fast object parsers with `new Function` unless it is told not to; the pages' CSP allows no eval
// (server/http/security-headers.ts), so its first try would be a CSP violation (caught by zod,
// which then parses without them). Told here, the browser's zod never tries.
import { z } from "zod";

z.config({ jitless: true });
