"use client";
/**
 * The changes of one run as the shared-session viewer shows them: each write_file / edit_file
 * call as a diff, from the call itself (the viewer never reads the sandbox), and the files
 * commands changed (the log says which, not how).
 */
import { diffLines, diffStats, type DiffLine } from "@/lib/diff/line-diff";
import { normalizeWorkspacePath } from "@/lib/ide/paths";
import type { RunView } from "@/lib/ide/transcript";

const MAX_LINES = 400;

interface FileDiff {
  key: string;
  path: string;
  what: string;
  lines: DiffLine[];
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export function fileDiffsOf(run: RunView): FileDiff[] {
  const diffs: FileDiff[] = [];
  for (const item of run.items) {
    if (item.kind !== "tool" || item.status === "error") continue;
    const input = (typeof item.input === "object" && item.input !== null ? item.input : {}) as Record<string, unknown>;
    const path = normalizeWorkspacePath(str(input.path) ?? "");
    if (!path) continue;
    if (item.toolName === "write_file") {
      diffs.push({ key: item.toolCallId, path, what: "written whole", lines: diffLines("", str(input.content) ?? "") });
    } else if (item.toolName === "edit_file") {
      const what = input.replace_all === true ? "edited (every occurrence)" : "edited";
      diffs.push({ key: item.toolCallId, path, what, lines: diffLines(str(input.old_string) ?? "", str(input.new_string) ?? "") });
    }
  }
  return diffs;
}

export function RunDiffs({ run }: { run: RunView }) {
  const diffs = fileDiffsOf(run);
  const byCommands = run.changes.filter((change) => change.watched && !change.written && change.edits.length === 0);
  if (diffs.length === 0 && byCommands.length === 0) return null;
  return (
    <section aria-label="Changes of this run" className="mt-2 rounded-md border border-border text-xs">
      <p className="border-b border-border px-2 py-1 font-medium">
        {diffs.length} change{diffs.length === 1 ? "" : "s"}
        {byCommands.length > 0 ? ` · ${byCommands.length} file${byCommands.length === 1 ? "" : "s"} changed by commands` : ""}
      </p>
      {diffs.map((diff) => (
        <DiffBlock key={diff.key} diff={diff} />
      ))}
      {byCommands.length > 0 && (
        <ul className="px-2 py-1 text-muted">
          {byCommands.map((change) => (
            <li key={change.path} className="truncate font-mono">
              {change.path} <span className="font-sans">(changed by a command; its content is not in the log)</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DiffBlock({ diff }: { diff: FileDiff }) {
  const { added, removed } = diffStats(diff.lines);
  const shown = diff.lines.slice(0, MAX_LINES);
  return (
    <details className="border-b border-border last:border-b-0">
      <summary className="flex cursor-pointer list-none items-center gap-2 px-2 py-1 select-none">
        <span className="min-w-0 flex-1 truncate font-mono">{diff.path}</span>
        <span className="shrink-0 text-muted">{diff.what}</span>
        <span className="shrink-0 text-ok">+{added}</span>
        <span className="shrink-0 text-danger">−{removed}</span>
      </summary>
      <pre className="max-h-80 overflow-auto bg-canvas py-1 font-mono text-[11px] leading-4">
        {shown.map((line, index) => (
          <div key={index} className={line.kind === "add" ? "bg-ok/15" : line.kind === "del" ? "bg-danger/15" : ""}>
            <span aria-hidden className="inline-block w-4 pl-1 text-muted select-none">
              {line.kind === "add" ? "+" : line.kind === "del" ? "−" : " "}
            </span>
            {line.text}
          </div>
        ))}
        {diff.lines.length > MAX_LINES && <div className="px-2 text-muted">… {diff.lines.length - MAX_LINES} more lines</div>}
      </pre>
    </details>
  );
}
