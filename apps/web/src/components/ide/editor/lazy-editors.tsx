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

export const LazyCodeEditor = dynamic(
  () =>
    import("./code-editor").then((module) => {
      monacoLoaded = true;
      return module;
    }),
  { ssr: false, loading: Placeholder },
);
export const LazyDiffView = dynamic(() => import("./diff-view"), {
  ssr: false,
  loading: Placeholder,
});

/** Frees a closed file's Monaco model, if Monaco was loaded at all. */
export function disposeMonacoModel(path: string): void {
  if (!monacoLoaded) return;
  void import("./monaco-setup").then(({ disposeModel }) => disposeModel(path));
}
