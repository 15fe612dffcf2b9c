/** Runs one command for a client, streaming its output with backpressure, caps and a timeout. */
import { spawn } from "node:child_process";
import type { Connection } from "./connection.js";
import { FrameKind } from "../wire/frames.js";
import * as v from "valibot";
import { StreamControl, type ExecRequest } from "../wire/messages.js";
import { describeLimitHit, readLimitCounters } from "./cgroup-limits.js";
import { killProcessGroup } from "./process-group.js";
import { resolveCwd } from "./workspace-fs.js";

const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;
/** Commands raise their own OOM score so the kernel kills them, never the daemon, on OOM. */
const OOM_WRAPPER = 'echo 1000 > /proc/self/oom_score_adj 2>/dev/null; exec "$@"';

export async function runExec(conn: Connection, request: ExecRequest): Promise<void> {
  const argv = request.argv ?? ["bash", "-c", request.shell ?? ""];
  if (!request.argv && !request.shell) return conn.fail("invalid_request", "exec needs `argv` or `shell`.");
  const cwd = await resolveCwd(request.cwd);
  const before = readLimitCounters();
  const started = Date.now();
  const maxOutput = request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  let forwarded = 0;
  let truncated = false;
  let timedOut = false;
  let killed = false;

  const child = spawn("/bin/sh", ["-c", OOM_WRAPPER, "sh", ...argv], {
    cwd,
    env: { ...process.env, ...request.env },
    detached: true,
    stdio: [request.stdin ? "pipe" : "ignore", "pipe", "pipe"],
  });
  const pid = child.pid;
  if (pid === undefined) {
    await new Promise((resolve) => child.once("error", resolve));
    return conn.fail("unavailable", `The command could not start (the sandbox may be at its process limit).`);
  }
  conn.send({ type: "started", pid });

  const forward = (kind: typeof FrameKind.Data | typeof FrameKind.Stderr) => (chunk: Buffer) => {
    if (forwarded >= maxOutput) {
      truncated = true;
      return;
    }
    const room = maxOutput - forwarded;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part.length < chunk.length) truncated = true;
    forwarded += part.length;
    if (!conn.sendData(part, kind)) {
      child.stdout?.pause();
      child.stderr?.pause();
      conn.socket.once("drain", () => {
        child.stdout?.resume();
        child.stderr?.resume();
      });
    }
  };
  child.stdout?.on("data", forward(FrameKind.Data));
  child.stderr?.on("data", forward(FrameKind.Stderr));

  const timer = request.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        killProcessGroup(pid, "SIGKILL");
      }, request.timeoutMs)
    : undefined;

  conn.onFrame((frame) => {
    if (frame.kind === FrameKind.Data) {
      child.stdin?.write(frame.data);
      return;
    }
    if (frame.kind !== FrameKind.Json) return;
    const control = v.safeParse(StreamControl, frame.json);
    if (!control.success) return;
    if (control.output.type === "stdin-end") child.stdin?.end();
    if (control.output.type === "kill") {
      killed = true;
      killProcessGroup(pid, control.output.signal ?? "SIGKILL");
    }
  });
  conn.socket.on("close", () => {
    if (child.exitCode === null && child.signalCode === null) {
      killed = true;
      killProcessGroup(pid, "SIGKILL");
    }
  });
  child.stdin?.on("error", () => undefined);
  // Background jobs of the command share its process group and end with it; without this, one
  // that keeps stdout open would hold the stream (and a fork bomb would outlive its shell).
  child.once("exit", () => killProcessGroup(pid, "SIGKILL"));

  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once("close", (code, sig) => resolve([code, sig])),
  );
  if (timer) clearTimeout(timer);
  const limit = describeLimitHit(before, readLimitCounters());
  const message = limit?.message ?? (timedOut ? `The command did not finish within ${request.timeoutMs} ms and was killed.` : null);
  conn.send({
    type: "exit",
    exitCode,
    signal,
    timedOut,
    killed,
    truncated,
    durationMs: Date.now() - started,
    limitHit: limit?.hit ?? null,
    message,
  });
  conn.end();
}
