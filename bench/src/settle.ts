/**
 * Lets the host's disks settle between measurements: flushes dirty pages and, on a btrfs
 * workspace store, waits until deleted subvolumes are cleaned up (the btrfs cleaner otherwise
 * slows the next snapshots' transaction commits). Not timed.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { WorkspaceStore } from "@codeyard/sandbox";

const run = promisify(execFile);

export async function settle(store?: WorkspaceStore): Promise<void> {
  await run("sync");
  if (store?.kind === "btrfs") await run("btrfs", ["subvolume", "sync", store.root]);
}
