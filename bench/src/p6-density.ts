/**
 * P6: idle density. Creates N sandboxes (cold, small concurrency), lets them settle, then measures
 * what each idle one costs: its cgroup memory (driver.memoryUsage: usage minus inactive file
 * cache), the host PSS of its containerd shim, and the broker-side memory (this process's RSS
 * growth / N). The same is measured for N raw `sleep infinity` containers from the same image.
 */
import type Docker from "dockerode";
import { containerName } from "@codeyard/sandbox";
import { collectGarbage } from "./gc.js";
import type { BenchContext } from "./harness.js";
import { report, type Metric } from "./metric.js";
import {
  cgroupMemory,
  containerProcesses,
  processesNamed,
  shimsByContainer,
  type CgroupMemory,
} from "./procfs.js";
import { forEachLimit } from "./raw-docker.js";
import { mean, MB, since } from "./stats.js";

const CONCURRENCY = 4;
const SETTLE_MS = 10_000;
const EXEC_TIMEOUT_MS = 15_000;

interface Member {
  /** Full Docker container id. */
  containerId: string;
  memoryUsage(): Promise<number>;
  execTrue(): Promise<boolean>;
}

interface PhaseResult {
  wanted: number;
  created: number;
  failures: string[];
  createMs: number;
  answering: number;
  /** Per member, bytes. */
  memory: number[];
  cgroups: CgroupMemory[];
  shimRss: number[];
  shimPss: number[];
  shimUss: number[];
  /** Summed RSS / USS of the processes inside each container, by process name. */
  processes: Map<string, { rss: number[]; uss: number[] }>;
  brokerRssBefore: number;
  brokerRssDelta: number;
  /** V8 heap + external + array buffers: what the broker's JavaScript state holds. */
  brokerJsDelta: number;
  measureMs: number;
  execMs: number;
  engineRssDelta: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)),
    ),
  ]);
}

const jsBytes = (usage: NodeJS.MemoryUsage) => usage.heapUsed + usage.external + usage.arrayBuffers;
const engineRss = async () =>
  (await processesNamed(["dockerd", "containerd"])).reduce((sum, proc) => sum + proc.rss, 0);

async function measurePhase(
  ctx: BenchContext,
  label: string,
  wanted: number,
  create: (index: number) => Promise<Member>,
): Promise<PhaseResult> {
  const members: Member[] = [];
  const failures: string[] = [];
  // The broker's RSS shrinks for a while after busy work (V8's memory reducer, malloc trimming):
  // let it settle as long as the sandboxes will, so before and after are read in the same state.
  await collectGarbage();
  await ctx.sleep(SETTLE_MS);
  await collectGarbage();
  const before = process.memoryUsage();
  const engineBefore = await engineRss();

  const start = performance.now();
  await forEachLimit(
    Array.from({ length: wanted }, (_, i) => i),
    CONCURRENCY,
    async (index) => {
      ctx.checkAborted();
      try {
        members.push(await create(index));
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    },
  );
  const createMs = since(start);
  console.log(
    `  ${label}: created ${members.length}/${wanted} in ${(createMs / 1000).toFixed(1)} s${failures.length ? `, ${failures.length} failed (first: ${failures[0]})` : ""}; settling ${SETTLE_MS / 1000} s`,
  );
  await ctx.sleep(SETTLE_MS);

  await collectGarbage();
  const after = process.memoryUsage();
  const engineAfter = await engineRss();

  const shims = await shimsByContainer();
  const result: PhaseResult = {
    wanted,
    created: members.length,
    failures,
    createMs,
    answering: 0,
    memory: [],
    cgroups: [],
    shimRss: [],
    shimPss: [],
    shimUss: [],
    processes: new Map(),
    brokerRssBefore: before.rss,
    brokerRssDelta: after.rss - before.rss,
    brokerJsDelta: jsBytes(after) - jsBytes(before),
    measureMs: 0,
    execMs: 0,
    engineRssDelta: engineAfter - engineBefore,
  };
  let unattributedShims = 0;
  const measureStart = performance.now();
  // Docker's one-off stats wait for a second sample (about 1-2 s per call): read them in parallel.
  const readings = await Promise.all(
    members.map(async (member) => ({
      memory: await member.memoryUsage(),
      cgroup: await cgroupMemory(member.containerId),
      processes: (await containerProcesses(member.containerId)) ?? [],
    })),
  );
  for (const [index, member] of members.entries()) {
    const { memory, cgroup, processes } = readings[index]!;
    result.memory.push(memory);
    if (cgroup) result.cgroups.push(cgroup);
    const shim = shims.get(member.containerId);
    if (shim) {
      result.shimRss.push(shim.rss);
      if (shim.pss !== null) result.shimPss.push(shim.pss);
      if (shim.uss !== null) result.shimUss.push(shim.uss);
    } else {
      unattributedShims++;
    }
    const byName = new Map<string, { rss: number; uss: number }>();
    for (const proc of processes) {
      const entry = byName.get(proc.comm) ?? { rss: 0, uss: 0 };
      entry.rss += proc.rss;
      entry.uss += proc.uss ?? 0;
      byName.set(proc.comm, entry);
    }
    for (const [name, { rss, uss }] of byName) {
      const entry = result.processes.get(name) ?? { rss: [], uss: [] };
      entry.rss.push(rss);
      entry.uss.push(uss);
      result.processes.set(name, entry);
    }
  }
  result.measureMs = since(measureStart);
  if (unattributedShims)
    console.log(
      `  ${label}: warning: no containerd-shim found for ${unattributedShims} containers (their shim memory is missing from the sum)`,
    );

  // Only now (after memory was read) check every member answers: an exec perturbs memory.
  const execStart = performance.now();
  for (const member of members) {
    ctx.checkAborted();
    if (await withTimeout(member.execTrue(), EXEC_TIMEOUT_MS, "exec true").catch(() => false))
      result.answering++;
  }
  result.execMs = since(execStart);
  return result;
}

const mb = (bytes: number) => (bytes / MB).toFixed(2);
const meanOr0 = (values: number[]) => (values.length ? mean(values) : 0);

/**
 * The shim's share of memory: PSS, because its Go binary's pages are shared by every shim on the
 * host and RSS would count them once per container. Falls back to RSS where PSS is unreadable.
 */
const shimShare = (result: PhaseResult) => (result.shimPss.length ? meanOr0(result.shimPss) : meanOr0(result.shimRss));

/** Per-member overhead in MB: cgroup memory + shim PSS + broker RSS growth per member (not below 0). */
function overheadMb(result: PhaseResult): number {
  const perBroker = result.created ? Math.max(0, result.brokerRssDelta) / result.created : 0;
  return (meanOr0(result.memory) + shimShare(result) + perBroker) / MB;
}

function printBreakdown(label: string, result: PhaseResult): void {
  const perBroker = result.created ? result.brokerRssDelta / result.created : 0;
  const cg = (pick: (c: CgroupMemory) => number) => mb(meanOr0(result.cgroups.map(pick)));
  console.log(
    `  ${label}: ${result.answering}/${result.created} answered exec true after settling (created in ${(result.createMs / 1000).toFixed(1)} s, memory read in ${(result.measureMs / 1000).toFixed(1)} s, execs in ${(result.execMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  ${label}: in-container memory (usage - inactive_file) mean ${mb(meanOr0(result.memory))} MB, min ${mb(Math.min(...result.memory))}, max ${mb(Math.max(...result.memory))}`,
  );
  console.log(
    `  ${label}:   cgroup detail (means): anon rss ${cg((c) => c.rss)} MB, active file ${cg((c) => c.activeFile)} MB, kernel ${cg((c) => c.kernel)} MB, inactive file (excluded) ${cg((c) => c.inactiveFile)} MB`,
  );
  for (const [name, { rss, uss }] of [...result.processes].sort(
    (a, b) => meanOr0(b[1].rss) - meanOr0(a[1].rss),
  )) {
    console.log(
      `  ${label}:   process ${name}: RSS mean ${mb(meanOr0(rss))} MB, private (USS) ${mb(meanOr0(uss))} MB (in ${rss.length} containers)`,
    );
  }
  console.log(
    `  ${label}: containerd-shim per container: RSS ${mb(meanOr0(result.shimRss))} MB, PSS ${mb(meanOr0(result.shimPss))} MB, private ${mb(meanOr0(result.shimUss))} MB (metric uses PSS)`,
  );
  console.log(
    `  ${label}: broker (this process) RSS ${mb(result.brokerRssBefore)} MB ${result.brokerRssDelta >= 0 ? "+" : ""}${mb(result.brokerRssDelta)} MB for ${result.created} -> ${mb(perBroker)} MB each${perBroker < 0 ? " (counted as 0)" : ""}; JS heap+external ${mb(result.brokerJsDelta / Math.max(1, result.created))} MB each`,
  );
  console.log(
    `  ${label}: Docker engine (dockerd + containerd) RSS ${result.engineRssDelta >= 0 ? "+" : ""}${mb(result.engineRssDelta)} MB -> ${mb(result.engineRssDelta / Math.max(1, result.created))} MB each (not in the metric: shared engine, noisy)`,
  );
  console.log(
    `  ${label}: total per container = ${mb(meanOr0(result.memory))} (in container) + ${mb(shimShare(result))} (shim PSS) + ${mb(Math.max(0, perBroker))} (broker) = ${overheadMb(result).toFixed(2)} MB`,
  );
}

export async function benchP6(ctx: BenchContext): Promise<Metric[]> {
  const n = ctx.options.density;
  console.log(
    `P6: idle density, ${n} sandboxes vs ${n} raw \`sleep infinity\` containers (concurrency ${CONCURRENCY}, settle ${SETTLE_MS / 1000} s)`,
  );

  const sandboxes = await ctx.withManager("p6", 0, async (manager) => {
    // Warm-up outside the measurement: the first create loads code paths and buffers once per process.
    const first = await manager.create({ projectId: "bench-p6-warmup" });
    await (await manager.client(first.id)).exec({ argv: ["true"] });
    await manager.remove(first.id);
    return measurePhase(ctx, "sandboxes", n, async (index) => {
      const info = await manager.create({ projectId: `bench-p6-${index}` });
      const inspected = await ctx.docker.getContainer(containerName(info.id)).inspect();
      return {
        containerId: inspected.Id,
        memoryUsage: () => ctx.driver.memoryUsage(info.id),
        execTrue: async () =>
          (await (await manager.client(info.id)).exec({ argv: ["true"] })).exitCode === 0,
      };
    });
  });

  const raws: Docker.Container[] = [];
  let rawResult: PhaseResult;
  try {
    const warmup = await ctx.raw.createAndStart();
    await ctx.raw.exec(warmup, ["true"]);
    await ctx.raw.remove(warmup);
    rawResult = await measurePhase(ctx, "raw", n, async () => {
      const container = await ctx.raw.createAndStart();
      raws.push(container);
      return {
        containerId: container.id,
        memoryUsage: () => ctx.raw.memoryUsage(container),
        execTrue: async () => (await ctx.raw.exec(container, ["true"])) === 0,
      };
    });
  } finally {
    const start = performance.now();
    await forEachLimit(raws, CONCURRENCY, (container) => ctx.raw.remove(container));
    if (raws.length > 2)
      console.log(
        `  removed ${raws.length} raw containers in ${(since(start) / 1000).toFixed(1)} s`,
      );
  }

  printBreakdown("sandboxes", sandboxes);
  printBreakdown("raw", rawResult);
  return [
    report({
      id: "P6-count",
      value: sandboxes.answering,
      unit: "sandboxes",
      baseline: rawResult.answering,
      target: n,
      goal: "min",
    }),
    report({
      id: "P6-overhead",
      value: overheadMb(sandboxes),
      unit: "MB",
      baseline: overheadMb(rawResult),
      target: 15,
      goal: "max",
    }),
  ];
}
