// Shared lint rules, including the one-way layering of the monorepo:
//   protocol -> sandbox / agent / db -> broker -> web
// A package may import only the layers below it; the web app never reaches Docker or the sandbox.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const LAYERS = {
  protocol: { internal: [] },
  env: { internal: [] },
  sandbox: { internal: ["@codeyard/protocol"] },
  db: { internal: ["@codeyard/protocol", "@codeyard/env"] },
  agent: { internal: ["@codeyard/protocol", "@codeyard/sandbox"] },
  broker: { internal: ["@codeyard/protocol", "@codeyard/sandbox", "@codeyard/agent", "@codeyard/db", "@codeyard/env"] },
  web: { internal: ["@codeyard/protocol", "@codeyard/db", "@codeyard/env"], external: ["dockerode", "@codeyard/sandbox"] },
  bench: { internal: ["@codeyard/protocol", "@codeyard/sandbox", "@codeyard/agent", "@codeyard/db", "@codeyard/env"] },
};
const ALL_INTERNAL = ["@codeyard/protocol", "@codeyard/env", "@codeyard/sandbox", "@codeyard/db", "@codeyard/agent"];

/** Lint config for one workspace package; `layer` names its place in the layering above. */
export function codeyardConfig(layer, { allowProcessEnv = false } = {}) {
  const rules = LAYERS[layer];
  if (!rules) throw new Error(`unknown layer ${layer}`);
  const forbidden = ALL_INTERNAL.filter((name) => !rules.internal.includes(name) && name !== `@codeyard/${layer}`);
  return tseslint.config(
    { ignores: ["**/node_modules/**", "**/.next/**", "**/dist/**", "**/*.d.ts"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
      rules: {
        "no-restricted-imports": [
          "error",
          {
            paths: [...new Set([...forbidden, ...(rules.external ?? [])])].map((name) => ({
              name,
              message: `The ${layer} layer must not import ${name} (see ARCHITECTURE.md, "Layers").`,
            })),
            patterns: [{ group: ["@codeyard/*/src/*"], message: "Import a package through its public API (src/index.ts)." }],
          },
        ],
        "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        ...(allowProcessEnv
          ? {}
          : {
              "no-restricted-properties": [
                "error",
                { object: "process", property: "env", message: "Read configuration through @codeyard/env (one typed env module)." },
              ],
            }),
      },
    },
  );
}
