/**
 * Tells whether a container's environment changed, cheaply: a fingerprint of the overlay2 upper
 * (writable) directory — every changed file, symlink and whiteout with its type, size, times and
 * mode. /workspace is a bind mount, so it is not in the upper directory: the cost grows with the
 * environment's changes (installed packages), never with the workspace.
 *
 * Left out: scratch space and caches (rewritten all the time, worthless to restore), the empty
 * mount point Docker creates for its init (/sbin/docker-init, in /usr on merged-/usr images) and
 * directories themselves (a copied-up parent of a scratch file is no change; a new empty directory
 * is not worth a commit). Any change there still rides along when something else is committed.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { SandboxError } from "../errors.js";

/** Relative to the container's root, as `find -path` globs. */
export const IGNORED_ENVIRONMENT_PATHS = [
  "tmp",
  "var/tmp",
  "run",
  "var/cache",
  "sbin/docker-init",
  "usr/sbin/docker-init",
  "home/*/.cache",
  "home/*/.npm",
  "home/*/.bash_history",
  "home/*/.python_history",
  "home/*/.node_repl_history",
  "home/*/.lesshst",
  "home/*/.viminfo",
  "home/*/.wget-hsts",
];

const TIMEOUT_MS = 30_000;

/** Null when the upper directory holds no change that counts; otherwise a hex digest. */
export async function fingerprintUpperDir(upperDir: string, imageId: string): Promise<string | null> {
  const prune = IGNORED_ENVIRONMENT_PATHS.flatMap((path, i) => [...(i ? ["-o"] : []), "-path", `${upperDir}/${path}`]);
  const args = [upperDir, "-mindepth", "1", "(", ...prune, ")", "-prune", "-o", "!", "-type", "d", "-printf", "%P\\0%y %s %T@ %C@ %m\\0"];
  const chunks: Buffer[] = [];
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    const child = spawn("find", args, { stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8").slice(0, 2000)));
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      reject(
        new SandboxError(
          signal ? "timeout" : "unavailable",
          signal
            ? `Reading the sandbox's environment changes took over ${TIMEOUT_MS / 1000} s.`
            : `Could not read the sandbox's environment changes in ${upperDir} (${stderr.trim() || `find exited ${code}`}); the broker must run on the Docker host, as root.`,
        ),
      );
    });
  });
  const fields = Buffer.concat(chunks).toString("latin1").split("\0");
  const entries: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) entries.push(`${fields[i]}\0${fields[i + 1]}`);
  if (entries.length === 0) return null;
  // Directory order on disk can change while the content stays the same: sort.
  return createHash("sha256").update(`${imageId}\n`).update(entries.sort().join("\n")).digest("hex");
}
