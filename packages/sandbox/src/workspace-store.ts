/**
 * Where sandbox workspaces live on the host: one directory per sandbox, bind-mounted at /workspace.
 * On btrfs each workspace is a subvolume, so a snapshot or a fork costs O(1) whatever its size; on
 * any other file system the store falls back to plain directories and copies (reflinks if possible).
 * The broker never reads or writes files inside a workspace through these host paths: that goes
 * through the sandbox daemon, so a symlink planted in a workspace can never reach a host file.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chown, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { SandboxError } from "./errors.js";

const run = promisify(execFile);
/** uid/gid of the `coder` user in the sandbox image. */
export const SANDBOX_UID = 1000;

export interface WorkspaceStore {
  readonly kind: "btrfs" | "directory";
  /** Host directory holding every entry. */
  readonly root: string;
  pathOf(name: string): string;
  create(name: string): Promise<string>;
  /** A read-only O(1) (btrfs) copy of `source` under `name`. */
  snapshot(source: string, name: string): Promise<string>;
  /** A writable copy of `source` under `name`. */
  fork(source: string, name: string): Promise<string>;
  /**
   * Makes `name` a writable copy of `source`, replacing what it held. The copy is made aside and
   * swapped in by renames, so `name` is never missing or half-copied if this fails midway.
   */
  replace(name: string, source: string): Promise<string>;
  remove(name: string): Promise<void>;
  exists(name: string): Promise<boolean>;
  /** Entries whose name starts with `prefix`, with when they were made. */
  list(prefix: string): Promise<{ name: string; createdAt: Date }[]>;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$/;
function checkName(name: string): void {
  if (!NAME.test(name)) throw new SandboxError("invalid_request", `"${name}" is not a valid workspace name.`);
}

async function isBtrfs(dir: string): Promise<boolean> {
  try {
    const { stdout } = await run("stat", ["-f", "-c", "%T", dir]);
    return stdout.trim() === "btrfs";
  } catch {
    return false;
  }
}

/** Naming, lookup and replacement shared by both kinds of store. */
abstract class StoreBase {
  constructor(readonly root: string) {}
  pathOf(name: string): string {
    checkName(name);
    return join(this.root, name);
  }
  async exists(name: string): Promise<boolean> {
    return (await stat(this.pathOf(name)).catch(() => null)) !== null;
  }
  async list(prefix: string): Promise<{ name: string; createdAt: Date }[]> {
    const names = (await readdir(this.root)).filter((name) => name.startsWith(prefix) && NAME.test(name));
    const entries = await Promise.all(names.map(async (name) => ({ name, stats: await stat(join(this.root, name)).catch(() => null) })));
    // A snapshot keeps its source's mtime: its creation time is the birth time (ctime where unknown).
    return entries.flatMap(({ name, stats }) => (stats ? [{ name, createdAt: stats.birthtimeMs > 0 ? stats.birthtime : stats.ctime }] : []));
  }
  abstract fork(source: string, name: string): Promise<string>;
  abstract remove(name: string): Promise<void>;
  async replace(name: string, source: string): Promise<string> {
    const suffix = randomBytes(4).toString("hex");
    const incoming = `${name}.in-${suffix}`;
    const outgoing = `${name}.out-${suffix}`;
    await this.fork(source, incoming);
    try {
      if (await this.exists(name)) await rename(this.pathOf(name), this.pathOf(outgoing));
      await rename(this.pathOf(incoming), this.pathOf(name));
    } catch (error) {
      if (!(await this.exists(name)) && (await this.exists(outgoing))) await rename(this.pathOf(outgoing), this.pathOf(name)).catch(() => undefined);
      await this.remove(incoming).catch(() => undefined);
      throw error;
    }
    await this.remove(outgoing);
    return this.pathOf(name);
  }
}

class BtrfsStore extends StoreBase implements WorkspaceStore {
  readonly kind = "btrfs";
  async create(name: string): Promise<string> {
    const path = this.pathOf(name);
    if (!(await this.exists(name))) await run("btrfs", ["subvolume", "create", path]);
    await chown(path, SANDBOX_UID, SANDBOX_UID);
    return path;
  }
  async snapshot(source: string, name: string): Promise<string> {
    const path = this.pathOf(name);
    await run("btrfs", ["subvolume", "snapshot", "-r", this.pathOf(source), path]);
    return path;
  }
  async fork(source: string, name: string): Promise<string> {
    const path = this.pathOf(name);
    await run("btrfs", ["subvolume", "snapshot", this.pathOf(source), path]);
    return path;
  }
  async remove(name: string): Promise<void> {
    const path = this.pathOf(name);
    if (!(await this.exists(name))) return;
    // A read-only snapshot must become writable before it can be deleted.
    await run("btrfs", ["property", "set", "-ts", path, "ro", "false"]).catch(() => undefined);
    await run("btrfs", ["subvolume", "delete", path]).catch(() => rm(path, { recursive: true, force: true }));
  }
}

class DirectoryStore extends StoreBase implements WorkspaceStore {
  readonly kind = "directory";
  async create(name: string): Promise<string> {
    const path = this.pathOf(name);
    await mkdir(path, { recursive: true });
    await chown(path, SANDBOX_UID, SANDBOX_UID);
    return path;
  }
  async snapshot(source: string, name: string): Promise<string> {
    return this.fork(source, name);
  }
  async fork(source: string, name: string): Promise<string> {
    const path = this.pathOf(name);
    await run("cp", ["-a", "--reflink=auto", this.pathOf(source), path]);
    return path;
  }
  async remove(name: string): Promise<void> {
    await rm(this.pathOf(name), { recursive: true, force: true });
  }
}

/** Opens the store at `root`, picking btrfs subvolumes when `root` is on btrfs. */
export async function openWorkspaceStore(root: string): Promise<WorkspaceStore> {
  await mkdir(root, { recursive: true });
  return (await isBtrfs(root)) ? new BtrfsStore(root) : new DirectoryStore(root);
}
