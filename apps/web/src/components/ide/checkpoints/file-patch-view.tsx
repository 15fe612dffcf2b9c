"use client";
/** One file of a workspace diff as a unified diff: old and new line numbers, − and + lines. */
import type { DiffLine, FilePatch } from "@/lib/ide/unified-diff";

/** Lines shown per file before "… more lines" (a browser slows down on huge tables). */
const MAX_LINES = 3000;

const STATUS = { added: "added", modified: "modified", deleted: "deleted" } as const;

export function FilePatchView({ id, patch }: { id: string; patch: FilePatch }) {
  const { file, lines } = patch;
  const shown = lines.slice(0, MAX_LINES);
  return (
    <section
      id={id}
      aria-label={`Changes to ${file.path}`}
      className="mb-4 overflow-hidden rounded-md border border-border text-xs"
    >
      <header className="flex items-center gap-2 border-b border-border bg-canvas px-3 py-1.5">
        <span className="min-w-0 flex-1 truncate font-mono font-medium">{file.path}</span>
        <span className="text-muted">{STATUS[file.status]}</span>
        <span className="text-ok">+{file.added}</span>
        <span className="text-danger">−{file.removed}</span>
      </header>
      {file.binary ? (
        <p className="px-3 py-2 text-muted">Binary file: its contents are not shown.</p>
      ) : shown.length === 0 ? (
        <p className="px-3 py-2 text-muted">No line changes to show (the patch was cut short).</p>
      ) : (
        <div className="overflow-x-auto font-mono leading-5">
          {shown.map((line, index) => (
            <Line key={index} line={line} />
          ))}
          {lines.length > MAX_LINES && (
            <p className="px-3 py-1 text-muted">… {lines.length - MAX_LINES} more lines</p>
          )}
        </div>
      )}
    </section>
  );
}

const LINE_STYLE: Record<DiffLine["kind"], string> = {
  hunk: "bg-sky-500/10 text-muted",
  add: "bg-green-500/15",
  del: "bg-red-500/15",
  context: "",
  note: "text-muted italic",
};
const PREFIX: Record<DiffLine["kind"], string> = {
  hunk: "",
  add: "+",
  del: "−",
  context: " ",
  note: "",
};

function Line({ line }: { line: DiffLine }) {
  return (
    <div className={`flex min-w-max ${LINE_STYLE[line.kind]}`}>
      <span className="w-10 shrink-0 pr-1 text-right text-muted select-none">
        {line.oldLine ?? ""}
      </span>
      <span className="w-10 shrink-0 pr-1 text-right text-muted select-none">
        {line.newLine ?? ""}
      </span>
      <span className="w-4 shrink-0 text-center select-none" aria-hidden>
        {PREFIX[line.kind]}
      </span>
      <span className="pr-3 whitespace-pre">{line.text}</span>
    </div>
  );
}
