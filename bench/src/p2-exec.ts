/**
 * P2: round trip of `true` through the sandbox daemon (`client.exec`), against a raw `docker exec`.
 */
import type { BenchContext } from "./harness.js";
import { report, type Metric } from "./metric.js";
import { describe, since, summarize } from "./stats.js";

const RUNS = 200;
const WARMUP = 20;
const RAW_RUNS = 40;
const RAW_WARMUP = 3;

export async function benchP2(ctx: BenchContext): Promise<Metric[]> {
  console.log(
    `P2: exec round trip of \`true\` (${RUNS} runs after ${WARMUP} warm-up; raw docker exec ${RAW_RUNS} runs)`,
  );

  const sandboxSamples = await ctx.withManager("p2", 0, async (manager) => {
    const info = await manager.create({ projectId: "bench-p2" });
    const client = await manager.client(info.id);
    const samples: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      ctx.checkAborted();
      const start = performance.now();
      const result = await client.exec({ argv: ["true"] });
      const ms = since(start);
      if (result.exitCode !== 0)
        throw new Error(
          `client.exec true exited ${result.exitCode} (signal ${result.signal}): ${result.stderr}`,
        );
      if (i >= WARMUP) samples.push(ms);
    }
    return samples;
  });

  const rawSamples: number[] = [];
  const container = await ctx.raw.createAndStart();
  try {
    for (let i = 0; i < RAW_WARMUP + RAW_RUNS; i++) {
      ctx.checkAborted();
      const start = performance.now();
      const exitCode = await ctx.raw.exec(container, ["true"]);
      const ms = since(start);
      if (exitCode !== 0) throw new Error(`raw docker exec true exited ${exitCode}`);
      if (i >= RAW_WARMUP) rawSamples.push(ms);
    }
  } finally {
    await ctx.raw.remove(container);
  }

  const sandbox = summarize(sandboxSamples);
  const raw = summarize(rawSamples);
  console.log(`  client.exec true:       ${describe(sandbox, "ms")}`);
  console.log(`  raw docker exec true:   ${describe(raw, "ms")}`);
  console.log(
    `  P2 p90: ${sandbox.p90.toFixed(2)} ms (raw docker exec p90 ${raw.p90.toFixed(2)} ms); p50 is ${(raw.p50 / sandbox.p50).toFixed(1)}x faster than docker exec`,
  );
  return [
    report({
      id: "P2",
      value: sandbox.p50,
      unit: "ms",
      baseline: raw.p50,
      target: 15,
      goal: "max",
    }),
  ];
}
