/**
 * Monaco, bundled with the app and never fetched from a CDN: @monaco-editor/react's loader is
 * handed this bundled instance (it then loads nothing itself), and the language workers are
 * separate bundles created with the literal `new Worker(new URL(…, import.meta.url))` form that
 * Turbopack understands. Imported only in the browser, by the lazily loaded editor modules.
 */
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
import { modelUri } from "@/lib/ide/paths";

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

window.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    switch (label) {
      case "json":
        return new Worker(
          new URL("monaco-editor/languages/features/json/json.worker", import.meta.url),
          { type: "module" },
        );
      case "css":
      case "scss":
      case "less":
        return new Worker(
          new URL("monaco-editor/languages/features/css/css.worker", import.meta.url),
          { type: "module" },
        );
      case "html":
      case "handlebars":
      case "razor":
        return new Worker(
          new URL("monaco-editor/languages/features/html/html.worker", import.meta.url),
          { type: "module" },
        );
      case "typescript":
      case "javascript":
        return new Worker(
          new URL("monaco-editor/languages/features/typescript/ts.worker", import.meta.url),
          { type: "module" },
        );
      default:
        return new Worker(new URL("monaco-editor/editor/editor.worker", import.meta.url), {
          type: "module",
        });
    }
  },
};

// The sandbox's node_modules are not visible to the TypeScript worker, so semantic errors would
// flag every import; syntax errors are still shown.
for (const defaults of [
  monaco.typescript.typescriptDefaults,
  monaco.typescript.javascriptDefaults,
]) {
  defaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
  defaults.setCompilerOptions({
    ...defaults.getCompilerOptions(),
    jsx: monaco.typescript.JsxEmit.Preserve,
    allowNonTsExtensions: true,
    target: monaco.typescript.ScriptTarget.ES2020,
  });
}

monaco.editor.defineTheme("codeyard-dark", {
  base: "vs-dark",
  inherit: true,
  rules: [],
  colors: { "editor.background": "#17191e" },
});
monaco.editor.defineTheme("codeyard-light", {
  base: "vs",
  inherit: true,
  rules: [],
  colors: { "editor.background": "#ffffff" },
});

loader.config({ monaco });

// Follow the OS when it switches between light and dark while the IDE is open (the page's own
// colours follow through CSS alone; Monaco's theme is global, so one listener serves every editor).
window
  .matchMedia("(prefers-color-scheme: dark)")
  .addEventListener("change", () => monaco.editor.setTheme(editorTheme()));

export { monaco };

/** Frees the model of a closed file (its undo history goes with it). */
export function disposeModel(path: string): void {
  monaco.editor.getModel(monaco.Uri.parse(modelUri(path)))?.dispose();
}

export function editorTheme(): string {
  return window.matchMedia("(prefers-color-scheme: dark)").matches
    ? "codeyard-dark"
    : "codeyard-light";
}
