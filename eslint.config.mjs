// ESLint flat config: Next's rules (core web vitals, React, hooks, a11y) plus typescript-eslint's
// recommended rules (eslint-config-next/typescript includes them) for the whole repo.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // next/typescript lowers these to warnings; `--max-warnings 0` fails on them anyway
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-unused-expressions": "error",
    },
  },
  globalIgnores([
    ".next*/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "generated/**",
    "public/wasm/**",
    // AssemblyScript: its types (i32, f64, v128, decorators) are not TypeScript's
    "assembly/**",
    "test-results/**",
    "playwright-report/**",
    "coverage/**",
    "data/**",
  ]),
]);
