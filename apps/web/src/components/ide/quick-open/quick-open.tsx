"use client";
/** Go to file: fuzzy search over the workspace's file list; "path:line" jumps to a line. */
import { useEffect, useMemo, useRef, useState } from "react";
import { rankPaths, type FuzzyResult } from "@/lib/ide/fuzzy-match";
import { baseName, parentPath } from "@/lib/ide/paths";
import { useStore } from "../model/use-store";
import { useWorkbench } from "../workbench-context";

export function QuickOpen() {
  const workbench = useWorkbench();
  const { quickOpen } = useStore(workbench.layout);
  if (!quickOpen) return null;
  return (
    <QuickOpenDialog
      onClose={() => workbench.layout.set((layout) => ({ ...layout, quickOpen: false }))}
    />
  );
}

function QuickOpenDialog({ onClose }: { onClose: () => void }) {
  const workbench = useWorkbench();
  const index = useStore(workbench.fileIndex.state);
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const [text, line] = splitLine(query);
  const results = useMemo(() => rankPaths(text, index.files, 60), [text, index.files]);

  useEffect(() => setSelected(0), [query]);
  useEffect(() => {
    list.current?.children[selected]?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  const choose = (result: FuzzyResult | undefined) => {
    if (!result) return;
    onClose();
    workbench.editor.open(result.path, line ? { line } : undefined);
  };

  return (
    <div
      className="fixed inset-0 z-40 flex justify-center bg-black/30 pt-[12vh]"
      onPointerDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div
        role="dialog"
        aria-label="Go to file"
        className="flex h-fit max-h-[60vh] w-[36rem] max-w-[calc(100vw-2rem)] flex-col overflow-hidden rounded-xl border border-border bg-surface shadow-2xl"
      >
        <input
          autoFocus
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Type a file name (add :42 to go to a line)"
          aria-label="File name"
          role="combobox"
          aria-expanded
          aria-controls="quick-open-results"
          onKeyDown={(event) => {
            if (event.key === "Escape") onClose();
            else if (event.key === "ArrowDown")
              setSelected((value) => Math.min(value + 1, results.length - 1));
            else if (event.key === "ArrowUp") setSelected((value) => Math.max(value - 1, 0));
            else if (event.key === "Enter") choose(results[selected]);
            else return;
            event.preventDefault();
          }}
          className="border-b border-border bg-transparent px-4 py-3 text-sm outline-none"
        />
        <ul
          ref={list}
          id="quick-open-results"
          role="listbox"
          className="min-h-0 flex-1 overflow-auto py-1 text-sm"
        >
          {results.map((result, i) => (
            <li
              key={result.path}
              role="option"
              aria-selected={i === selected}
              onPointerMove={() => setSelected(i)}
              onClick={() => choose(result)}
              className={`flex cursor-pointer items-baseline gap-2 px-4 py-1 ${i === selected ? "bg-sky-500/15" : ""}`}
            >
              <Highlighted
                text={baseName(result.path)}
                offset={result.path.length - baseName(result.path).length}
                positions={result.positions}
              />
              <span className="truncate text-xs text-muted">{parentPath(result.path)}</span>
            </li>
          ))}
        </ul>
        <p className="border-t border-border px-4 py-1.5 text-xs text-muted">
          {index.loading
            ? "Listing files…"
            : index.error
              ? `Could not list the files: ${index.error}`
              : `${index.files.length} files${index.complete ? "" : " (list cut short: very large workspace)"}`}
          {!index.loading && !index.error && results.length === 0 && query && " — nothing matches."}
        </p>
      </div>
    </div>
  );
}

function Highlighted({
  text,
  offset,
  positions,
}: {
  text: string;
  offset: number;
  positions: number[];
}) {
  const marked = new Set(positions.map((position) => position - offset));
  return (
    <span className="shrink-0">
      {Array.from(text, (char, i) =>
        marked.has(i) ? (
          <mark key={i} className="bg-transparent font-semibold text-sky-600 dark:text-sky-400">
            {char}
          </mark>
        ) : (
          char
        ),
      )}
    </span>
  );
}

function splitLine(query: string): [string, number | undefined] {
  const match = /^(.*?):(\d+)$/.exec(query.trim());
  return match ? [match[1]!, Number(match[2])] : [query, undefined];
}
