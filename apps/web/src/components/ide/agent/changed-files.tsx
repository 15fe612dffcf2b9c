"use client";
/** The files a run changed; each opens a diff (how "before" is known: see lib/ide/diff-before). */
import { beforeContent } from "@/lib/ide/diff-before";
import { baseName } from "@/lib/ide/paths";
import type { FileChange } from "@/lib/ide/changed-files";
import type { RunView } from "@/lib/ide/transcript";
import { BrokerRequestError } from "@/lib/broker/request-error";
import type { Workbench } from "../model/workbench";
import { Icon } from "../ui/icons";
import { useWorkbench } from "../workbench-context";

export function ChangedFiles({ run }: { run: RunView }) {
  const workbench = useWorkbench();
  if (run.changes.length === 0) return null;
  return (
    <div className="mt-2 rounded-md border border-border text-xs">
      <p className="border-b border-border px-2 py-1 font-medium">
        {run.changes.length} file{run.changes.length === 1 ? "" : "s"} changed
      </p>
      <ul>
        {run.changes.map((change) => (
          <li key={change.path} className="flex items-center gap-1 px-2 py-0.5 hover:bg-canvas">
            <button
              type="button"
              className="flex min-w-0 flex-1 items-center gap-1.5 text-left"
              title="Show the changes"
              onClick={() => void openChangeDiff(workbench, run, change)}
            >
              <Icon name="diff" className="size-3.5 shrink-0 text-muted" />
              <span className="truncate">{change.path}</span>
              <span className="shrink-0 text-muted">
                {change.written
                  ? "written"
                  : change.edits.length > 0
                    ? `${change.edits.length} edit${change.edits.length === 1 ? "" : "s"}`
                    : "changed"}
              </span>
            </button>
            <button
              type="button"
              className="shrink-0 rounded px-1 text-muted hover:text-fg"
              onClick={() => workbench.editor.open(change.path)}
            >
              Open
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

async function openChangeDiff(
  workbench: Workbench,
  run: RunView,
  change: FileChange,
): Promise<void> {
  let current = "";
  let deleted = false;
  try {
    const reply = await workbench.client.request("file-read", {
      sessionId: workbench.sessionId,
      path: change.path,
    });
    if (reply.encoding === "base64") {
      workbench.notices.problem(
        `${baseName(change.path)} is a binary file`,
        "Its changes cannot be shown as text; download it from the file tree.",
      );
      return;
    }
    current = reply.content;
  } catch (error) {
    if (!(error instanceof BrokerRequestError && error.code === "not_found")) {
      workbench.notices.error(error, `Showing the changes to ${baseName(change.path)}`);
      return;
    }
    deleted = true;
  }
  const before = beforeContent(change, current, workbench.baselines.get(run.runId, change.path));
  const right = deleted ? "Right: the file no longer exists." : "Right: the file now.";
  const left =
    before.kind === "baseline"
      ? "Left: the file when the run started (it was open in the editor)."
      : before.kind === "reconstructed"
        ? `Left: the file with this run's edits undone${before.exact ? "" : " (approximate: an edited text occurs more than once)"}.`
        : `Left: empty — ${before.reason}`;
  workbench.editor.openDiff({
    path: change.path,
    title: `${baseName(change.path)} (agent)`,
    before: before.content,
    after: current,
    note: `${left} ${right}`,
  });
}
