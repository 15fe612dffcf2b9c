/**
 * P4: fork a checkpoint into a running sandbox. A sandbox with 100 MB in its workspace is
 * checkpointed once; then `manager.fork()` is timed until it returns (container started, daemon
 * answering), alone and 5 at once (wall time of all five). The baseline, measured in the same run,
 * is the Docker-native way to the same state: `docker commit` of a raw container holding the same
 * 100 MB in its writable layer, then `docker create` + `start` from that image (1 or 5 at once).
 */
import type { CheckpointRefs, SandboxConfig, SandboxInfo, SandboxManager } from "@codeyard/sandbox";
import type { BenchContext } from "./harness.js";
import { report, type Metric } from "./metric.js";
import { forEachLimit } from "./raw-docker.js";
import { execOrThrow } from "./sandbox-exec.js";
import { settle } from "./settle.js";
import { describe, since, summarize } from "./stats.js";

const DATA = "head -c 100M /dev/urandom > data.bin";
const FORK_RUNS = 8;
const FORK_WARMUP = 1;
const PARALLEL = 5;
const PARALLEL_RUNS = 4;
const RAW_RUNS = 4;
const RAW_PARALLEL_RUNS = 3;
const OFFLINE_RUNS = 5;

async function removeAll(manager: SandboxManager, infos: SandboxInfo[]): Promise<void> {
  await forEachLimit(infos, 4, (info) => manager.remove(info.id));
}

async function forkSamples(
  ctx: BenchContext,
  manager: SandboxManager,
  refs: CheckpointRefs,
  width: number,
  runs: number,
  warmup: number,
  config?: Partial<SandboxConfig>,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    ctx.checkAborted();
    const start = performance.now();
    const forks = await Promise.all(
      Array.from({ length: width }, (_, n) =>
        manager.fork(refs, { projectId: `bench-p4-${i}-${n}`, config }),
      ),
    );
    const ms = since(start);
    if (forks.some((info) => info.state !== "running")) throw new Error("a fork is not running");
    await removeAll(manager, forks);
    await settle();
    if (i >= warmup) samples.push(ms);
  }
  return samples;
}

/** docker commit of the raw container, then `width` containers created and started from it. */
async function rawSamples(ctx: BenchContext, width: number, runs: number): Promise<number[]> {
  const source = await ctx.raw.createAndStart();
  try {
    const exitCode = await ctx.raw.exec(source, ["sh", "-c", `cd "$HOME" && ${DATA} && sync`]);
    if (exitCode !== 0) throw new Error(`writing the data into a raw container exited ${exitCode}`);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      ctx.checkAborted();
      const start = performance.now();
      const image = await ctx.raw.commit(source);
      const started = await Promise.all(
        Array.from({ length: width }, () => ctx.raw.createAndStart(image)),
      );
      samples.push(since(start));
      await forEachLimit(started, 4, (container) => ctx.raw.remove(container));
      await ctx.raw.removeImage(image);
      await settle();
    }
    return samples;
  } finally {
    await ctx.raw.remove(source);
  }
}

export async function benchP4(ctx: BenchContext): Promise<Metric[]> {
  console.log(
    `P4: fork a checkpoint of a 100 MB workspace into running sandboxes (1 fork: ${FORK_RUNS} runs after ${FORK_WARMUP} warm-up; ${PARALLEL} at once: ${PARALLEL_RUNS} runs); baseline docker commit + create + start`,
  );
  const { single, parallel, offline, offline5 } = await ctx.withManager(
    "p4",
    0,
    async (manager) => {
      const { id } = await manager.create({ projectId: "bench-p4" });
      await execOrThrow(manager, id, DATA);
      await settle(manager.store);
      const refs = await manager.checkpoint(id, { name: `${ctx.runId}-p4` });
      const removeCheckpoint = ctx.onCleanup(() => manager.deleteCheckpoint(refs));
      try {
        return {
          single: await forkSamples(ctx, manager, refs, 1, FORK_RUNS, FORK_WARMUP),
          parallel: await forkSamples(ctx, manager, refs, PARALLEL, PARALLEL_RUNS, 0),
          // Context, not a metric: Docker's network setup (bridge, embedded DNS) is part of a start.
          offline: await forkSamples(ctx, manager, refs, 1, OFFLINE_RUNS, 0, { network: "none" }),
          offline5: await forkSamples(ctx, manager, refs, PARALLEL, OFFLINE_RUNS, 0, {
            network: "none",
          }),
        };
      } finally {
        await manager.deleteCheckpoint(refs);
        removeCheckpoint();
      }
    },
  );
  const rawSingle = await rawSamples(ctx, 1, RAW_RUNS);
  const rawParallel = await rawSamples(ctx, PARALLEL, RAW_PARALLEL_RUNS);

  const fork = summarize(single);
  const fork5 = summarize(parallel);
  const raw = summarize(rawSingle);
  const raw5 = summarize(rawParallel);
  console.log(`  fork() -> running:                     ${describe(fork, "ms")}`);
  console.log(`  docker commit + create + start:        ${describe(raw, "ms")}`);
  console.log(`  (fork() with network "none":           ${describe(summarize(offline), "ms")})`);
  console.log(`  ${PARALLEL} forks at once (wall):               ${describe(fork5, "ms")}`);
  console.log(`  docker commit + ${PARALLEL} x (create + start):    ${describe(raw5, "ms")}`);
  console.log(
    `  (${PARALLEL} forks at once with network "none": ${describe(summarize(offline5), "ms")})`,
  );
  return [
    report({
      id: "P4-fork",
      value: fork.p50,
      unit: "ms",
      baseline: raw.p50,
      target: 400,
      goal: "max",
    }),
    report({
      id: "P4-fork5",
      value: fork5.p50,
      unit: "ms",
      baseline: raw5.p50,
      target: 1000,
      goal: "max",
    }),
  ];
}
