/**
 * Diff between two workspace store entries (checkpoints or live sandboxes) with
 * `git diff --no-index` on their host directories. Git runs as the sandbox's unprivileged uid
 * (so it reads nothing the sandbox could not), outside any repository and with no user or system
 * config (a workspace's `.git/config` or attributes never apply), compares symlinks as links
 * (never follows them), and is bounded in time and output. Git's own database (`.git/`) is left
 * out: the diff shows the project's files.
 */
import { spawn } from "node:child_process";
import { SandboxError } from "../errors.js";
import { SANDBOX_UID, type WorkspaceStore } from "../workspace-store.js";
import type { WorkspaceDiff, WorkspaceDiffFile } from "./types.js";

const DEFAULT_MAX_PATCH_BYTES = 512 * 1024;
const MAX_FILES = 10_000;
const MAX_NUMSTAT_BYTES = 16 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

interface GitRun {
  /** Called per stdout chunk; returning false stops git (output is enough). */
  onData: (chunk: Buffer) => boolean;
}

function runGit(cwd: string, args: string[], { onData }: GitRun): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-c", "core.quotepath=off", "diff", "--no-index", "--no-renames", "--no-ext-diff", "--no-textconv", "--no-color", ...args], {
      cwd,
      uid: SANDBOX_UID,
      gid: SANDBOX_UID,
      env: { PATH: "/usr/bin:/bin", HOME: "/nonexistent", LC_ALL: "C", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_TERMINAL_PROMPT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stopped = false;
    let timedOut = false;
    let stderr = "";
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, TIMEOUT_MS);
    child.stdout.on("data", (chunk: Buffer) => {
      if (stopped) return;
      if (!onData(chunk)) {
        stopped = true;
        child.kill("SIGKILL");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(0, 4000)));
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new SandboxError("unavailable", `git could not run on the broker host (${error.message}); install git.`, { cause: error }));
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      // --no-index exits 1 when the trees differ, 0 when they do not.
      if (stopped || code === 0 || code === 1) return resolve();
      if (timedOut) return reject(new SandboxError("timeout", `Comparing the workspaces took over ${TIMEOUT_MS / 1000} s; compare smaller checkpoints.`));
      reject(new SandboxError("internal", `git diff failed (exit ${code}): ${stderr.trim() || "no message"}`));
    });
  });
}

const isGitInternal = (path: string) => path === ".git" || path.startsWith(".git/") || path.includes("/.git/");

/** Strips `<entry>/` from a path git printed; null for /dev/null (the missing side). */
function relativeTo(path: string, from: string, to: string): string | null {
  if (path === "/dev/null") return null;
  for (const prefix of [`${from}/`, `${to}/`]) if (path.startsWith(prefix)) return path.slice(prefix.length);
  return path;
}

async function numstat(cwd: string, from: string, to: string): Promise<{ files: WorkspaceDiffFile[]; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  await runGit(cwd, ["--numstat", "-z", from, to], {
    onData: (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      truncated = size > MAX_NUMSTAT_BYTES;
      return !truncated;
    },
  });
  // With -z and two trees: "<added>\t<removed>\t\0<old path>\0<new path>\0" per file.
  const fields = Buffer.concat(chunks).toString("utf8").split("\0");
  const files: WorkspaceDiffFile[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const [added, removed] = fields[i]!.split("\t");
    const before = relativeTo(fields[i + 1]!, from, to);
    const after = relativeTo(fields[i + 2]!, from, to);
    const path = after ?? before;
    if (path === null || isGitInternal(path)) continue;
    if (files.length >= MAX_FILES) {
      truncated = true;
      break;
    }
    const binary = added === "-";
    files.push({
      path,
      status: before === null ? "added" : after === null ? "deleted" : "modified",
      added: binary ? 0 : Number(added),
      removed: binary ? 0 : Number(removed),
      binary,
    });
  }
  return { files, truncated };
}

/**
 * Rewrites git's header lines from `<from>/x`, `<to>/x` to `a/x`, `b/x` and drops sections of
 * files under `.git/`. Only lines of a file's header are touched, never hunk content.
 */
class PatchFilter {
  private pending = "";
  private inHeader = false;
  private skipping = false;
  private readonly out: string[] = [];
  private bytes = 0;
  truncated = false;

  constructor(
    private readonly from: string,
    private readonly to: string,
    private readonly maxBytes: number,
  ) {}

  /** `<entry>/<path>` (maybe C-quoted) at the start of `text` -> `<side>/<path>`; unchanged otherwise. */
  private swapPrefix(text: string, side: "a" | "b"): string {
    for (const quote of ["", '"']) {
      for (const entry of [this.from, this.to]) {
        const prefix = `${quote}${entry}/`;
        if (text.startsWith(prefix)) return `${quote}${side}/${text.slice(prefix.length)}`;
      }
    }
    return text;
  }

  /** "diff --git <old> <new>": both sides hold the same path (no renames), so split where they match. */
  private gitHeader(line: string): string {
    const rest = line.slice("diff --git ".length);
    for (const quote of ["", '"']) {
      for (const first of [this.from, this.to]) {
        for (const second of [this.from, this.to]) {
          const p1 = `${quote}${first}/`;
          const p2 = `${quote}${second}/`;
          const pathLength = (rest.length - p1.length - p2.length - 1) / 2;
          if (!Number.isInteger(pathLength) || pathLength < 1 || !rest.startsWith(p1)) continue;
          const path = rest.slice(p1.length, p1.length + pathLength);
          if (rest.slice(p1.length + pathLength) === ` ${p2}${path}`) return `diff --git ${quote}a/${path} ${quote}b/${path}`;
        }
      }
    }
    return line;
  }

  private rewrite(line: string): string {
    if (line.startsWith("diff --git ")) return this.gitHeader(line);
    if (line.startsWith("--- ")) return `--- ${this.swapPrefix(line.slice(4), "a")}`;
    if (line.startsWith("+++ ")) return `+++ ${this.swapPrefix(line.slice(4), "b")}`;
    const binary = /^Binary files (.+) and (.+) differ$/.exec(line);
    return binary ? `Binary files ${this.swapPrefix(binary[1]!, "a")} and ${this.swapPrefix(binary[2]!, "b")} differ` : line;
  }

  /** Returns false once the patch is full. */
  push(chunk: string): boolean {
    const lines = (this.pending + chunk).split("\n");
    this.pending = lines.pop()!;
    for (const line of lines) if (!this.line(line)) return false;
    return true;
  }

  finish(): string {
    if (this.pending && !this.truncated) this.line(this.pending);
    return this.out.join("");
  }

  private line(raw: string): boolean {
    let line = raw;
    if (line.startsWith("diff --git ")) {
      this.inHeader = true;
      line = this.rewrite(line);
      this.skipping = /^diff --git "?a\/(.*\/)?\.git[/ "]/.test(line);
    } else if (this.inHeader && line.startsWith("@@")) {
      this.inHeader = false;
    } else if (this.inHeader && (line.startsWith("--- ") || line.startsWith("+++ ") || line.startsWith("Binary files "))) {
      line = this.rewrite(line);
    }
    if (this.skipping) return true;
    const text = `${line}\n`;
    const size = Buffer.byteLength(text);
    if (this.bytes + size > this.maxBytes) {
      this.truncated = true;
      return false;
    }
    this.bytes += size;
    this.out.push(text);
    return true;
  }
}

async function patch(cwd: string, from: string, to: string, maxBytes: number): Promise<{ patch: string; truncated: boolean }> {
  const filter = new PatchFilter(from, to, maxBytes);
  const decoder = new TextDecoder();
  await runGit(cwd, ["--no-prefix", from, to], { onData: (chunk) => filter.push(decoder.decode(chunk, { stream: true })) });
  return { patch: filter.finish(), truncated: filter.truncated };
}

export async function diffWorkspaces(store: WorkspaceStore, fromRef: string, toRef: string, options: { maxPatchBytes?: number } = {}): Promise<WorkspaceDiff> {
  for (const ref of [fromRef, toRef]) {
    store.pathOf(ref); // validates the name
    if (!(await store.exists(ref))) throw new SandboxError("not_found", `Workspace "${ref}" does not exist (a deleted checkpoint or a removed sandbox?).`);
  }
  if (fromRef === toRef) return { files: [], patch: "", truncated: false };
  const maxPatchBytes = Math.max(0, Math.min(options.maxPatchBytes ?? DEFAULT_MAX_PATCH_BYTES, 64 * 1024 * 1024));
  // Run from the store's root with relative names, so git prints "<ref>/<path>".
  const [stats, text] = await Promise.all([numstat(store.root, fromRef, toRef), patch(store.root, fromRef, toRef, maxPatchBytes)]);
  return { files: stats.files, patch: text.patch, truncated: stats.truncated || text.truncated };
}
