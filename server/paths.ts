// Where the project's files are, whatever the working directory (this file is server/paths.ts).
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
