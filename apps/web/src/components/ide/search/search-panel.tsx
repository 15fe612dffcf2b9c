"use client";
/** Search across files (ripgrep in the sandbox); a result opens the file at its line. */
import { useEffect, useRef, useState } from "react";
import type { ReplyOf } from "@codeyard/protocol";
import { describeError, type ReadableError } from "@/lib/broker/request-error";
import { baseName, parentPath } from "@/lib/ide/paths";
import { groupMatches, matchPreview } from "@/lib/ide/search-results";
import { useStore } from "../model/use-store";
import { useWorkbench } from "../workbench-context";

type Result =
  { query: string; reply: ReplyOf<"file-search"> } | { query: string; error: ReadableError };

export function SearchPanel() {
  const workbench = useWorkbench();
  const { searchFocus } = useStore(workbench.layout);
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [regex, setRegex] = useState(false);
  const [glob, setGlob] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [searchFocus]);

  const run = async () => {
    const text = query.trim() ? query : "";
    if (!text) return;
    setBusy(true);
    try {
      const reply = await workbench.client.request("file-search", {
        sessionId: workbench.sessionId,
        query: text,
        regex,
        glob: glob.trim() || undefined,
      });
      setResult({ query: text, reply });
    } catch (error) {
      setResult({ query: text, error: describeError(error, "Searching") });
    } finally {
      setBusy(false);
    }
  };

  const groups = result && "reply" in result ? groupMatches(result.reply.matches) : [];
  return (
    <section aria-label="Search" className="flex h-full min-h-0 flex-col text-sm">
      <form
        className="flex shrink-0 flex-col gap-1.5 p-2"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <div className="flex items-center gap-1 rounded-md border border-border bg-canvas pr-1 focus-within:border-sky-500">
          <input
            ref={input}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Search in files"
            aria-label="Search text"
            className="min-w-0 flex-1 bg-transparent px-2 py-1 outline-none"
          />
          <button
            type="button"
            aria-pressed={regex}
            title="Regular expression"
            onClick={() => setRegex(!regex)}
            className={`rounded px-1 font-mono text-xs ${regex ? "bg-sky-500/20 text-fg" : "text-muted hover:text-fg"}`}
          >
            .*
          </button>
        </div>
        <input
          value={glob}
          onChange={(event) => setGlob(event.target.value)}
          placeholder="Files to include, e.g. *.ts or src/**"
          aria-label="Files to include"
          className="rounded-md border border-border bg-canvas px-2 py-1 text-xs outline-none focus:border-sky-500"
        />
        <button
          type="submit"
          disabled={busy || !query.trim()}
          className="rounded-md bg-sky-600 px-2 py-1 text-white disabled:opacity-50"
        >
          {busy ? "Searching…" : "Search"}
        </button>
      </form>
      <div className="min-h-0 flex-1 overflow-auto pb-4">
        {result && "error" in result && (
          <p role="alert" className="px-3 text-danger">
            {result.error.message} {result.error.hint}
          </p>
        )}
        {result && "reply" in result && (
          <p className="px-3 pb-1 text-xs text-muted">
            {result.reply.matches.length === 0
              ? `No results for “${result.query}”.`
              : `${result.reply.truncated ? "More than " : ""}${plural(result.reply.matches.length, "result")} in ${plural(groups.length, "file")}${result.reply.truncated ? " (showing the first; narrow the search)" : ""}`}
          </p>
        )}
        {groups.map((group) => (
          <div key={group.path} className="mb-1">
            <button
              type="button"
              onClick={() => workbench.editor.open(group.path)}
              className="flex w-full items-baseline gap-1.5 px-3 py-0.5 text-left hover:bg-canvas"
              title={group.path}
            >
              <span className="font-medium">{baseName(group.path)}</span>
              <span className="truncate text-xs text-muted">{parentPath(group.path)}</span>
              <span className="ml-auto text-xs text-muted">{group.matches.length}</span>
            </button>
            {group.matches.map((match) => {
              const preview = matchPreview(match);
              return (
                <button
                  key={`${match.line}:${match.column}`}
                  type="button"
                  onClick={() =>
                    workbench.editor.open(match.path, { line: match.line, column: match.column })
                  }
                  className="flex w-full gap-2 py-0.5 pr-2 pl-6 text-left font-mono text-xs hover:bg-canvas"
                >
                  <span className="shrink-0 text-muted">{match.line}</span>
                  <span className="truncate">
                    <span className="text-muted">{preview.before}</span>
                    {preview.rest}
                  </span>
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </section>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
