/**
 * P3: checkpoint latency against workspace size. For each data set a sandbox gets that data in its
 * workspace, then `manager.checkpoint()` (btrfs snapshot + environment fingerprint + process list;
 * the environment is unchanged, so nothing is committed) is timed RUNS times, going round the
 * sandboxes so they share the machine's load alike. The baseline,
 * measured in the same run, is `docker commit` of a raw container holding the same data in its
 * writable layer: what a checkpoint costs when the workspace lives in the container's root
 * filesystem. Data is written and synced before any timing (dirty pages would be flushed by the
 * first snapshot or commit either way).
 */
import type { CheckpointRefs, SandboxManager } from "@codeyard/sandbox";
import type { BenchContext } from "./harness.js";
import { report, type Metric } from "./metric.js";
import { execOrThrow } from "./sandbox-exec.js";
import { settle } from "./settle.js";
import { describe, since, summarize } from "./stats.js";

const RUNS = 9;
const WARMUP = 1;

export interface DataSet {
  id: string;
  label: string;
  /** Shell that writes the data into the current directory. */
  write: string;
  /** `docker commit` runs for the baseline (commits of 1 GB take many seconds each). */
  commitRuns: number;
}

const random = (bytes: string) => `head -c ${bytes} /dev/urandom > data.bin`;
/** 10,000 files of 8 KiB (80 MB) in 100 directories, written by one process. */
const TEN_THOUSAND_FILES = `python3 -c "
import os
for d in range(100):
    os.makedirs(f'files/{d}', exist_ok=True)
    for i in range(100):
        with open(f'files/{d}/{i}', 'wb') as f: f.write(os.urandom(8192))
"`;

export const DATA_SETS: DataSet[] = [
  { id: "P3-10MB", label: "10 MB in 1 file", write: random("10M"), commitRuns: 3 },
  { id: "P3-100MB", label: "100 MB in 1 file", write: random("100M"), commitRuns: 3 },
  { id: "P3-1GB", label: "1 GB in 1 file", write: random("1G"), commitRuns: 2 },
  { id: "P3-10kfiles", label: "10,000 files of 8 KiB", write: TEN_THOUSAND_FILES, commitRuns: 3 },
];

/**
 * Checkpoint latencies (ms) per data set. One sandbox per data set; the runs go round the data
 * sets in turn, so a change of machine load falls on all of them alike.
 */
async function checkpointSamples(ctx: BenchContext, manager: SandboxManager): Promise<number[][]> {
  const ids: string[] = [];
  const taken: CheckpointRefs[] = [];
  const removeCheckpoints = ctx.onCleanup(async () => {
    for (const refs of taken) await manager.deleteCheckpoint(refs);
  });
  try {
    for (const data of DATA_SETS) {
      const { id } = await manager.create({ projectId: `bench-p3-${data.id}` });
      ids.push(id);
      await execOrThrow(manager, id, data.write);
    }
    await settle(manager.store);
    const samples: number[][] = DATA_SETS.map(() => []);
    for (let i = 0; i < WARMUP + RUNS; i++) {
      for (const [n, data] of DATA_SETS.entries()) {
        ctx.checkAborted();
        const start = performance.now();
        const capture = await manager.checkpoint(ids[n]!, {
          name: `${ctx.runId}-${data.id}-${i}`,
          previousEnvironmentRef: null,
        });
        const ms = since(start);
        taken.push(capture);
        if (capture.environmentChanged)
          throw new Error("the environment changed: P3 measures workspace checkpoints only");
        if (i >= WARMUP) samples[n]!.push(ms);
      }
    }
    return samples;
  } finally {
    for (const refs of taken.splice(0)) await manager.deleteCheckpoint(refs);
    removeCheckpoints();
    for (const id of ids) await manager.remove(id);
  }
}

/** `docker commit` latencies (ms) of a raw container holding `data` in its writable layer. */
async function commitSamples(ctx: BenchContext, data: DataSet): Promise<number[]> {
  const container = await ctx.raw.createAndStart();
  try {
    const exitCode = await ctx.raw.exec(container, [
      "sh",
      "-c",
      `cd "$HOME" && ${data.write} && sync`,
    ]);
    if (exitCode !== 0)
      throw new Error(`writing ${data.label} into a raw container exited ${exitCode}`);
    const samples: number[] = [];
    for (let i = 0; i < data.commitRuns; i++) {
      ctx.checkAborted();
      const start = performance.now();
      const image = await ctx.raw.commit(container);
      samples.push(since(start));
      await ctx.raw.removeImage(image);
      await settle();
    }
    return samples;
  } finally {
    await ctx.raw.remove(container);
  }
}

export async function benchP3(ctx: BenchContext): Promise<Metric[]> {
  console.log(
    `P3: checkpoint latency by workspace size (${RUNS} checkpoints after ${WARMUP} warm-up each; baseline docker commit of the same data in a container's writable layer)`,
  );
  const metrics: Metric[] = [];
  const p50s: number[] = [];
  const commitP50s: number[] = [];
  await ctx.withManager("p3", 0, async (manager) => {
    const checkpoints = (await checkpointSamples(ctx, manager)).map((samples) =>
      summarize(samples),
    );
    await settle(manager.store);
    for (const [n, data] of DATA_SETS.entries()) {
      ctx.checkAborted();
      const checkpoint = checkpoints[n]!;
      const commit = summarize(await commitSamples(ctx, data));
      await settle(manager.store);
      console.log(`  ${data.label}:`);
      console.log(`    checkpoint():   ${describe(checkpoint, "ms")}`);
      console.log(`    docker commit:  ${describe(commit, "ms")}`);
      p50s.push(checkpoint.p50);
      commitP50s.push(commit.p50);
      metrics.push(
        report({
          id: data.id,
          value: checkpoint.p50,
          unit: "ms",
          baseline: commit.p50,
          target: 50,
          goal: "max",
        }),
      );
    }
  });
  const ratio = Math.max(...p50s) / Math.min(...p50s);
  const commitRatio = Math.max(...commitP50s) / Math.min(...commitP50s);
  console.log(
    `  slowest / fastest p50 across the data sets: checkpoint ${ratio.toFixed(2)}x, docker commit ${commitRatio.toFixed(1)}x`,
  );
  metrics.push(
    report({
      id: "P3-ratio",
      value: ratio,
      unit: "x",
      baseline: commitRatio,
      target: 2,
      goal: "max",
    }),
  );
  return metrics;
}
