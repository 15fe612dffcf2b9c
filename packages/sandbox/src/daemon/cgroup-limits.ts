/**
 * Reads the sandbox's own cgroup counters so a command that hit the process or memory limit can be
 * reported as such ("the sandbox ran out of memory") instead of an unexplained SIGKILL or EAGAIN.
 * Works on cgroup v1 (the controllers mounted per type) and v2 (one unified directory).
 */
import { readFileSync } from "node:fs";
import type { ResourceLimitHit } from "../wire/messages.js";

export interface LimitCounters {
  pidsMaxHits: number;
  oomKills: number;
}

function readCounter(file: string, key: string): number {
  try {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const [name, value] = line.trim().split(/\s+/);
      if (name === key && value !== undefined) return Number(value) || 0;
    }
  } catch {
    // Counter not exposed in this cgroup layout; treat as zero.
  }
  return 0;
}

function readValue(files: string[]): string | null {
  for (const file of files) {
    try {
      return readFileSync(file, "utf8").trim();
    } catch {
      // try the next layout
    }
  }
  return null;
}

export function readLimitCounters(): LimitCounters {
  return {
    pidsMaxHits: readCounter("/sys/fs/cgroup/pids/pids.events", "max") + readCounter("/sys/fs/cgroup/pids.events", "max"),
    oomKills:
      readCounter("/sys/fs/cgroup/memory/memory.oom_control", "oom_kill") + readCounter("/sys/fs/cgroup/memory.events", "oom_kill"),
  };
}

export function describeLimitHit(before: LimitCounters, after: LimitCounters): { hit: ResourceLimitHit; message: string } | null {
  if (after.oomKills > before.oomKills) {
    const limit = readValue(["/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory.max"]);
    const mib = limit && /^\d+$/.test(limit) ? `${Math.round(Number(limit) / 1048576)} MiB` : "its limit";
    return {
      hit: "memory",
      message: `The sandbox ran out of memory (${mib}) and the kernel killed a process of this command. Use less memory or raise the project's memory limit.`,
    };
  }
  if (after.pidsMaxHits > before.pidsMaxHits) {
    const limit = readValue(["/sys/fs/cgroup/pids/pids.max", "/sys/fs/cgroup/pids.max"]) ?? "its limit";
    return {
      hit: "pids",
      message: `The sandbox reached its process limit (${limit}); new processes could not start (a fork bomb or runaway parallelism). Its processes were stopped.`,
    };
  }
  return null;
}
