/** A read-only unified diff: line numbers, removed and added lines, folded unchanged runs. */
import type { DiffRow } from "@/lib/diff/line-diff";

const ROW = {
  same: "",
  del: "bg-danger/10",
  add: "bg-ok/10",
} as const;

export function DiffRows({ rows, label }: { rows: DiffRow[]; label: string }) {
  return (
    <div role="table" aria-label={label} className="overflow-x-auto border-y border-border bg-surface font-mono text-xs leading-5">
      {rows.map((row, index) =>
        row.kind === "skip" ? (
          <div key={index} role="row" className="bg-canvas px-3 py-0.5 text-muted">
            ⋯ {row.count} unchanged line{row.count === 1 ? "" : "s"}
          </div>
        ) : (
          <div key={index} role="row" data-kind={row.kind} className={`flex ${ROW[row.kind]}`}>
            <span className="w-9 shrink-0 pr-1 text-right text-muted/70 select-none">{row.kind === "add" ? "" : row.oldNo}</span>
            <span className="w-9 shrink-0 pr-1 text-right text-muted/70 select-none">{row.kind === "del" ? "" : row.newNo}</span>
            <span className={`w-4 shrink-0 text-center select-none ${row.kind === "add" ? "text-ok" : row.kind === "del" ? "text-danger" : "text-muted"}`}>
              {row.kind === "add" ? "+" : row.kind === "del" ? "−" : ""}
            </span>
            <span className="min-w-0 flex-1 pr-2 break-all whitespace-pre-wrap">{row.text || " "}</span>
          </div>
        ),
      )}
    </div>
  );
}
