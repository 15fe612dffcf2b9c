/**
 * Lets the host's disks settle between measurements: flushes dirty pages and, given a btrfs
 * workspace store, waits until deleted subvolumes are cleaned up (after a 1 GB workspace is
 * deleted, the btrfs cleaner slows the next snapshots' transaction commits). That wait polls once
 * a second, so it is for between data sets, not between runs. Not timed.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { WorkspaceStore } from "@codeyard/sandbox";

const run = promisify(execFile);

export async function settle(store?: WorkspaceStore): Promise<void> {
  await run("sync");
  if (store?.kind === "btrfs") await run("btrfs", ["subvolume", "sync", store.root]);
}
