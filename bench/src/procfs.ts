/**
 * Host-side memory attribution from /proc and the cgroup v1 file system: the containerd shim of
 * each container, the processes inside its cgroup, and the Docker engine's own processes.
 */
import { readdir, readFile } from "node:fs/promises";

export interface ProcMemory {
  pid: number;
  comm: string;
  /** Resident set size, bytes (shared pages counted in full). */
  rss: number;
  /** Proportional set size, bytes (shared pages split among their users); null if unreadable. */
  pss: number | null;
  /** Private (unshared) resident bytes: what the process alone costs; null if unreadable. */
  uss: number | null;
}

async function pids(): Promise<number[]> {
  return (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}

export async function procMemory(pid: number): Promise<ProcMemory | null> {
  const status = await readText(`/proc/${pid}/status`);
  if (!status) return null;
  const kb = (text: string, field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
    return match ? Number(match[1]) * 1024 : null;
  };
  const comm = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?";
  const rollup = await readText(`/proc/${pid}/smaps_rollup`);
  const privateBytes = rollup
    ? (kb(rollup, "Private_Clean") ?? 0) + (kb(rollup, "Private_Dirty") ?? 0)
    : null;
  return {
    pid,
    comm,
    rss: kb(status, "VmRSS") ?? 0,
    pss: rollup ? kb(rollup, "Pss") : null,
    uss: privateBytes,
  };
}

/** containerd shim processes by the full container id they serve (`-id <id>` on the command line). */
export async function shimsByContainer(): Promise<Map<string, ProcMemory>> {
  const found = new Map<string, ProcMemory>();
  for (const pid of await pids()) {
    const cmdline = await readText(`/proc/${pid}/cmdline`);
    if (!cmdline?.includes("containerd-shim")) continue;
    const args = cmdline.split("\0");
    const id = args[args.indexOf("-id") + 1];
    if (!args.includes("-id") || !id) continue;
    const memory = await procMemory(pid);
    if (memory) found.set(id, memory);
  }
  return found;
}

/** Processes in a container's memory cgroup (cgroup v1, cgroupfs driver), with their memory. */
export async function containerProcesses(containerId: string): Promise<ProcMemory[] | null> {
  const procs = await readText(`/sys/fs/cgroup/memory/docker/${containerId}/cgroup.procs`);
  if (procs === null) return null;
  const result: ProcMemory[] = [];
  for (const pid of procs.split("\n").filter(Boolean).map(Number)) {
    const memory = await procMemory(pid);
    if (memory) result.push(memory);
  }
  return result;
}

/** Summed memory of the host processes with one of these names (e.g. dockerd, containerd). */
export async function processesNamed(names: string[]): Promise<ProcMemory[]> {
  const result: ProcMemory[] = [];
  for (const pid of await pids()) {
    const comm = (await readText(`/proc/${pid}/comm`))?.trim();
    if (!comm || !names.includes(comm)) continue;
    const memory = await procMemory(pid);
    if (memory) result.push(memory);
  }
  return result;
}

export interface CgroupMemory {
  /** memory.usage_in_bytes */
  usage: number;
  /** memory.stat fields (bytes) */
  rss: number;
  activeFile: number;
  inactiveFile: number;
  /** memory.kmem.usage_in_bytes (kernel memory charged to the cgroup: page tables, slab, sockets) */
  kernel: number;
}

/** The memory cgroup (v1, cgroupfs driver) of a container, or null when not found. */
export async function cgroupMemory(containerId: string): Promise<CgroupMemory | null> {
  const dir = `/sys/fs/cgroup/memory/docker/${containerId}`;
  const [usage, stat, kmem] = await Promise.all([
    readText(`${dir}/memory.usage_in_bytes`),
    readText(`${dir}/memory.stat`),
    readText(`${dir}/memory.kmem.usage_in_bytes`),
  ]);
  if (usage === null || stat === null) return null;
  const field = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, "m").exec(stat)?.[1] ?? 0);
  return {
    usage: Number(usage.trim()),
    rss: field("rss"),
    activeFile: field("active_file"),
    inactiveFile: field("inactive_file"),
    kernel: kmem === null ? 0 : Number(kmem.trim()),
  };
}

/** Resident set size (VmRSS) of a process, bytes; null once it is gone. */
export async function rssBytes(pid: number): Promise<number | null> {
  const status = await readText(`/proc/${pid}/status`);
  const match = status && /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** CPU time (user + system) a process used so far, seconds, and its name; null once it is gone. */
export async function processCpu(pid: number): Promise<{ comm: string; seconds: number } | null> {
  const stat = await readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  // "pid (comm) state ..." — comm may contain spaces and parentheses, so split after the last ")".
  const close = stat.lastIndexOf(")");
  const comm = stat.slice(stat.indexOf("(") + 1, close);
  const fields = stat.slice(close + 2).split(" ");
  // Fields after comm start at "state" (field 3): utime is field 14, stime field 15.
  const seconds = (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  return { comm, seconds };
}

/** CPU time the processes of a container's cgroup (v1, cgroupfs driver) used so far, seconds. */
export async function containerCpuSeconds(containerId: string): Promise<number | null> {
  const usage = await readText(`/sys/fs/cgroup/cpuacct/docker/${containerId}/cpuacct.usage`);
  return usage === null ? null : Number(usage.trim()) / 1e9;
}

/** Process ids in a container's cgroup (v1, cgroupfs driver); empty when not found. */
export async function containerPids(containerId: string): Promise<number[]> {
  const procs = await readText(`/sys/fs/cgroup/cpuacct/docker/${containerId}/cgroup.procs`);
  return procs ? procs.split("\n").filter(Boolean).map(Number) : [];
}

export interface CpuThrottling {
  /** CFS periods the container had runnable tasks in, and how many of those hit its CPU quota. */
  periods: number;
  throttled: number;
  throttledSeconds: number;
}

/** CPU quota throttling of a container so far (cgroup v1 cpu.stat); null when not found. */
export async function containerThrottling(containerId: string): Promise<CpuThrottling | null> {
  const stat = await readText(`/sys/fs/cgroup/cpu/docker/${containerId}/cpu.stat`);
  if (stat === null) return null;
  const field = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, "m").exec(stat)?.[1] ?? 0);
  return { periods: field("nr_periods"), throttled: field("nr_throttled"), throttledSeconds: field("throttled_time") / 1e9 };
}
