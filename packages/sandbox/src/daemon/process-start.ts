/**
 * Starts a long-running process (a dev server recorded by a checkpoint) detached from the daemon
 * and from any client: its own session (setsid), output appended to a log file in /tmp, no
 * connection or exec stream to end it.
 */
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { stat } from "node:fs/promises";
import type { ProcessStartRequest } from "../wire/messages.js";
import { DaemonError } from "./connection.js";

const OOM_WRAPPER = 'echo 1000 > /proc/self/oom_score_adj 2>/dev/null; exec "$@"';

export async function startProcess(request: ProcessStartRequest): Promise<{ pid: number; logPath: string }> {
  if (!request.cwd.startsWith("/")) throw new DaemonError("invalid_request", `The working directory "${request.cwd}" must be an absolute path.`);
  const cwd = await stat(request.cwd).catch(() => null);
  if (!cwd?.isDirectory()) throw new DaemonError("not_found", `The working directory "${request.cwd}" does not exist in the sandbox; the process was not started.`);
  const logPath = `/tmp/codeyard-process-${request.logName}.log`;
  const log = openSync(logPath, "a", 0o600);
  try {
    const child = spawn("/bin/sh", ["-c", OOM_WRAPPER, "sh", "bash", "-c", request.command], {
      cwd: request.cwd,
      env: { ...process.env, ...request.env },
      detached: true,
      stdio: ["ignore", log, log],
    });
    if (child.pid === undefined) {
      await new Promise((resolve) => child.once("error", resolve));
      throw new DaemonError("unavailable", "The process could not start (the sandbox may be at its process limit).");
    }
    child.unref();
    return { pid: child.pid, logPath };
  } finally {
    closeSync(log);
  }
}
