"use client";
/**
 * The session's family as a tree: the root session and every branch below it (rewinds, branches,
 * attempts), this one highlighted, each opening its own IDE. Ticking two compares their files.
 */
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import type { BranchNode } from "@codeyard/protocol";
import { branchKind, branchRows } from "@/lib/ide/branch-tree";
import { useStore } from "../model/use-store";
import { Icon } from "../ui/icons";
import { useWorkbench } from "../workbench-context";

export function BranchTreeView() {
  const workbench = useWorkbench();
  const state = useStore(workbench.branches.state);
  const rows = useMemo(
    () => branchRows(state.branches, workbench.sessionId),
    [state.branches, workbench.sessionId],
  );
  const [selected, setSelected] = useState<string[]>([workbench.sessionId]);

  useEffect(() => {
    void workbench.branches.load();
  }, [workbench]);

  const toggle = (sessionId: string) =>
    setSelected((current) =>
      current.includes(sessionId)
        ? current.filter((id) => id !== sessionId)
        : [...current, sessionId].slice(-2),
    );

  const compare = () => {
    // The one higher in the tree (an ancestor, or the older) is the left side.
    const [from, to] = rows
      .filter((row) => selected.includes(row.node.sessionId))
      .map((row) => row.node);
    if (!from || !to) return;
    void workbench.checkpoints.showDiff(
      { kind: "session", sessionId: from.sessionId },
      { kind: "session", sessionId: to.sessionId },
      {
        title: `${titleOf(from)} ↔ ${titleOf(to)}`,
        note: `Left (−): the files of ${titleOf(from)} now. Right (+): the files of ${titleOf(to)} now.`,
      },
    );
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex shrink-0 items-center gap-2 border-b border-border p-2 text-xs">
        <button
          type="button"
          onClick={compare}
          disabled={selected.length !== 2}
          className="rounded-md bg-sky-600 px-2.5 py-1 font-medium text-white disabled:opacity-50"
        >
          Compare selected
        </button>
        <span className="min-w-0 flex-1 truncate text-muted">
          {selected.length === 2
            ? "Two sessions selected."
            : "Tick two sessions to compare their files."}
        </span>
        <button
          type="button"
          aria-label="Reload the branches"
          onClick={() => void workbench.branches.load()}
          className="rounded p-1 text-muted hover:text-fg"
        >
          <Icon name="refresh" className="size-3.5" />
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {state.status === "error" && state.error && (
          <p
            role="alert"
            className="m-2 rounded-md border border-danger/40 bg-danger/10 p-2 text-xs"
          >
            <strong className="font-medium">{state.error.title}:</strong> {state.error.message}{" "}
            {state.error.hint}
          </p>
        )}
        {state.status === "loading" && rows.length === 0 && (
          <p className="p-4 text-sm text-muted">Loading the branches…</p>
        )}
        {rows.length > 0 && (
          <ul aria-label="Branches" className="py-1 text-xs">
            {rows.map(({ node, depth, current }) => (
              <li
                key={node.sessionId}
                aria-current={current ? "page" : undefined}
                className={`flex items-center gap-2 py-1 pr-3 ${current ? "bg-sky-500/10" : ""}`}
                style={{ paddingLeft: 8 + depth * 16 }}
              >
                <input
                  type="checkbox"
                  checked={selected.includes(node.sessionId)}
                  onChange={() => toggle(node.sessionId)}
                  aria-label={`Select ${titleOf(node)} for comparison`}
                />
                {depth > 0 && (
                  <span aria-hidden className="text-muted">
                    └
                  </span>
                )}
                <div className="min-w-0 flex-1">
                  {current ? (
                    <span className="block truncate font-medium" title={titleOf(node)}>
                      {titleOf(node)} <span className="font-normal text-muted">(this session)</span>
                    </span>
                  ) : (
                    <Link
                      href={workbench.sessionUrl(node.sessionId)}
                      className="block truncate text-sky-600 hover:underline"
                      title={titleOf(node)}
                    >
                      {titleOf(node)}
                    </Link>
                  )}
                  <span className="text-muted">
                    {branchKind(node)} · {new Date(node.createdAt).toLocaleString()}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function titleOf(node: BranchNode): string {
  return node.title || "Untitled session";
}
