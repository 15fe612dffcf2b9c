/**
 * Lists every file of the workspace for quick open by walking directories with `list` (there is no
 * recursive listing request), breadth-first, a few directories at a time, within bounds, skipping
 * dependency and build folders.
 */
import { joinPath } from "./paths";

export interface WalkEntry {
  name: string;
  kind: "file" | "dir" | "symlink" | "other";
}

export interface WalkOptions {
  maxFiles?: number;
  maxDirs?: number;
  concurrency?: number;
}

export const SKIPPED_DIRS = new Set([
  ".git",
  "node_modules",
  ".next",
  ".turbo",
  "dist",
  "build",
  "target",
  "__pycache__",
  ".venv",
  "venv",
  ".cache",
  "coverage",
]);

export async function walkFiles(
  list: (dir: string) => Promise<WalkEntry[]>,
  { maxFiles = 20_000, maxDirs = 2_000, concurrency = 4 }: WalkOptions = {},
): Promise<{ files: string[]; complete: boolean }> {
  const files: string[] = [];
  const queue: string[] = [""];
  let visited = 0;
  let complete = true;
  const worker = async (): Promise<void> => {
    for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
      if (visited >= maxDirs || files.length >= maxFiles) {
        complete = false;
        queue.length = 0;
        return;
      }
      visited++;
      let entries: WalkEntry[];
      try {
        entries = await list(dir);
      } catch {
        complete = false;
        continue;
      }
      for (const entry of entries) {
        const path = joinPath(dir, entry.name);
        if (entry.kind === "dir") {
          if (!SKIPPED_DIRS.has(entry.name)) queue.push(path);
        } else if (entry.kind === "file" || entry.kind === "symlink") {
          if (files.length >= maxFiles) complete = false;
          else files.push(path);
        }
      }
    }
  };
  // Workers that find the queue empty stop, so start them as directories appear.
  while (queue.length > 0)
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  files.sort();
  return { files, complete };
}
