/**
 * The files an agent changed in a task's session, counted the way the web app lists them: paths of
 * write_file / edit_file calls, plus workspace changes the watcher saw while a run was going
 * (commands the agent ran), without tool noise (.git, node_modules, temporary writes).
 */
import { changesOfFileChanged, changesOfToolCall, withoutParentDirectories, type SessionEvent } from "@codeyard/protocol";

/** Beyond this many paths the count stops growing (the inbox shows "2000+"-sized work anyway). */
const MAX_PATHS = 2000;

export class ChangedPaths {
  private readonly paths = new Set<string>();
  private runActive = false;

  private files = 0;

  /** Changed files (directories created along the way are not counted). */
  get count(): number {
    return this.files;
  }

  /** Takes in one event; true when the count changed. */
  apply(event: Pick<SessionEvent, "type" | "payload">): boolean {
    const before = this.paths.size;
    switch (event.type) {
      case "run-started":
      case "run-resumed":
        this.runActive = true;
        break;
      case "run-finished":
        this.runActive = false;
        break;
      case "tool-call-started": {
        const { toolName, input } = event.payload as { toolName?: unknown; input?: unknown };
        if (typeof toolName === "string") this.add(changesOfToolCall(toolName, input).map((change) => change.path));
        break;
      }
      case "file-changed":
        if (this.runActive) this.add(changesOfFileChanged(event.payload).map((change) => change.path));
        break;
    }
    if (this.paths.size === before) return false;
    const files = withoutParentDirectories([...this.paths].map((path) => ({ path }))).length;
    const changed = files !== this.files;
    this.files = files;
    return changed;
  }

  private add(paths: string[]): void {
    for (const path of paths) if (path && this.paths.size < MAX_PATHS) this.paths.add(path);
  }
}
