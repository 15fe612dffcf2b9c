"use client";
/** Monaco is large: the editor and diff view load on first use, in the browser only. */
import dynamic from "next/dynamic";

function Placeholder() {
  return (
    <div className="flex h-full items-center justify-center text-sm text-muted">
      Loading the editor…
    </div>
  );
}

let monacoLoaded = false;

const loadCodeEditor = () =>
  import("./code-editor").then((module) => {
    monacoLoaded = true;
    return module;
  });

export const LazyCodeEditor = dynamic(loadCodeEditor, { ssr: false, loading: Placeholder });

/**
 * Starts fetching Monaco before a tab needs it (after first paint, so the page shell never waits):
 * at once when tabs are about to be restored — the download then overlaps connecting and joining
 * the session instead of following them — otherwise once the browser is idle, so the first file
 * opened is ready at once.
 */
export function preloadCodeEditor(soon: boolean): () => void {
  if (soon) {
    void loadCodeEditor().catch(() => undefined);
    return () => undefined;
  }
  const load = () => void loadCodeEditor().catch(() => undefined);
  if (typeof window.requestIdleCallback !== "function") {
    const timer = window.setTimeout(load, 2000);
    return () => window.clearTimeout(timer);
  }
  const handle = window.requestIdleCallback(load, { timeout: 5000 });
  return () => window.cancelIdleCallback(handle);
}
export const LazyDiffView = dynamic(() => import("./diff-view"), {
  ssr: false,
  loading: Placeholder,
});

/** Frees a closed file's Monaco model, if Monaco was loaded at all. */
export function disposeMonacoModel(path: string): void {
  if (!monacoLoaded) return;
  void import("./monaco-setup").then(({ disposeModel }) => disposeModel(path));
}
