import { codeyardConfig } from "@codeyard/eslint-config";

// Workaround: for the web layer codeyardConfig lists @codeyard/sandbox twice in
// no-restricted-imports (once as a forbidden internal package, once as an external ban), and
// ESLint rejects duplicate entries. Remove this once tooling/eslint de-duplicates the list.
function dedupeRestrictedImports(config) {
  const rule = config.rules?.["no-restricted-imports"];
  if (!rule) return config;
  const [severity, options] = rule;
  const seen = new Set();
  const paths = options.paths.filter(({ name }) => !seen.has(name) && seen.add(name));
  return { ...config, rules: { ...config.rules, "no-restricted-imports": [severity, { ...options, paths }] } };
}

export default codeyardConfig("web").map(dedupeRestrictedImports);
