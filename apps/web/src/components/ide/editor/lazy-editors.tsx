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
 * Starts fetching Monaco as soon as the IDE has hydrated (after first paint, so the page shell
 * never waits): the download then overlaps connecting and joining the session instead of
 * following them, and the first file opened (or the tabs restored) is ready at once.
 */
export function preloadCodeEditor(): void {
  void loadCodeEditor().catch(() => undefined);
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
