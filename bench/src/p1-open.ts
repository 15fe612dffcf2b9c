/**
 * P1: project open -> shell usable. Timed from `manager.claim()` (warm pool) or `manager.create()`
 * (cold) until the first `client.exec({ argv: ["true"] })` returned exit 0. The baseline, sampled
 * interleaved with the sandbox runs so both see the same machine load, is raw dockerode: create +
 * start a `sleep infinity` container from the same image, plus one `docker exec true`.
 */
import type { SandboxClient, SandboxManager } from "@codeyard/sandbox";
import type { BenchContext } from "./harness.js";
import { report, type Metric } from "./metric.js";
import { describe, since, summarize } from "./stats.js";

const WARM_RUNS = 12;
const COLD_RUNS = 10;
const POOL_SIZE = 2;

/** One raw-dockerode sample: create + start + `docker exec true`, in ms (removal not timed). */
async function rawOpen(ctx: BenchContext): Promise<number> {
  const start = performance.now();
  const container = await ctx.raw.createAndStart();
  try {
    const exitCode = await ctx.raw.exec(container, ["true"]);
    const ms = since(start);
    if (exitCode !== 0) throw new Error(`raw docker exec true exited ${exitCode}`);
    return ms;
  } finally {
    await ctx.raw.remove(container);
  }
}

async function execTrue(manager: SandboxManager, id: string): Promise<SandboxClient> {
  const client = await manager.client(id);
  const result = await client.exec({ argv: ["true"] });
  if (result.exitCode !== 0)
    throw new Error(
      `client.exec true in ${id} exited ${result.exitCode} (signal ${result.signal}): ${result.stderr}`,
    );
  return client;
}

/** ms from `openTerminal` until the terminal has shown something (its prompt); null if it never did. */
async function terminalFirstOutput(
  client: SandboxClient,
  timeoutMs = 5000,
): Promise<number | null> {
  const start = performance.now();
  const session = await client.openTerminal({ cols: 80, rows: 24 });
  try {
    if (session.screen.trim().length > 0) return since(start);
    return await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      session.once("data", () => {
        clearTimeout(timer);
        resolve(since(start));
      });
      session.once("exit", () => {
        clearTimeout(timer);
        resolve(null);
      });
    });
  } finally {
    session.detach();
  }
}

function terminalLine(samples: (number | null)[]): string {
  const shown = samples.filter((ms): ms is number => ms !== null);
  const missing = samples.length - shown.length;
  if (shown.length === 0)
    return `  openTerminal -> first output: no terminal showed output within 5 s (${missing} tries)`;
  return `  openTerminal -> first output (after the exec; not part of the metric): ${describe(summarize(shown), "ms")}${missing ? `; ${missing} showed nothing within 5 s` : ""}`;
}

export async function benchP1Warm(ctx: BenchContext): Promise<Metric[]> {
  console.log(
    `P1-warm: claim() from a warm pool of ${POOL_SIZE} -> first exec true (${WARM_RUNS} claims after 1 warm-up, each after poolReady())`,
  );
  const samples: number[] = [];
  const rawSamples: number[] = [];
  const terminal: (number | null)[] = [];
  let coldFallbacks = 0;
  await ctx.withManager("p1warm", POOL_SIZE, async (manager) => {
    for (let i = 0; i <= WARM_RUNS; i++) {
      ctx.checkAborted();
      await manager.poolReady();
      const rawMs = await rawOpen(ctx);
      await manager.poolReady();
      const pooled = new Set(
        manager
          .list()
          .filter((info) => info.pooled && info.state === "running")
          .map((info) => info.id),
      );
      if (pooled.size < POOL_SIZE)
        console.log(
          `  warning: only ${pooled.size} of ${POOL_SIZE} pooled sandboxes ready before claim ${i}`,
        );
      const start = performance.now();
      const info = await manager.claim(`bench-p1-warm-${i}`);
      const client = await execTrue(manager, info.id);
      const ms = since(start);
      const warm = pooled.has(info.id);
      const terminalMs = await terminalFirstOutput(client);
      await manager.remove(info.id);
      if (i === 0) continue; // warm-up: first use of the code paths in this process
      if (!warm) coldFallbacks++;
      samples.push(ms);
      rawSamples.push(rawMs);
      terminal.push(terminalMs);
    }
  });
  const sandbox = summarize(samples);
  const raw = summarize(rawSamples);
  console.log(
    `  claim -> exec true:            ${describe(sandbox, "ms")}${coldFallbacks ? ` (${coldFallbacks} claims were NOT served from the pool)` : " (every claim served from the pool)"}`,
  );
  console.log(`  raw create+start+exec true:    ${describe(raw, "ms")}`);
  console.log(terminalLine(terminal));
  return [
    report({
      id: "P1-warm",
      value: sandbox.p50,
      unit: "ms",
      baseline: raw.p50,
      target: 100,
      goal: "max",
    }),
  ];
}

export async function benchP1Cold(ctx: BenchContext): Promise<Metric[]> {
  console.log(
    `P1-cold: create() with no pool -> first exec true (${COLD_RUNS} creates after 1 warm-up)`,
  );
  const samples: number[] = [];
  const rawSamples: number[] = [];
  const terminal: (number | null)[] = [];
  await ctx.withManager("p1cold", 0, async (manager) => {
    for (let i = 0; i <= COLD_RUNS; i++) {
      ctx.checkAborted();
      const rawMs = await rawOpen(ctx);
      const start = performance.now();
      const info = await manager.create({ projectId: `bench-p1-cold-${i}` });
      const client = await execTrue(manager, info.id);
      const ms = since(start);
      const terminalMs = await terminalFirstOutput(client);
      await manager.remove(info.id);
      if (i === 0) continue;
      samples.push(ms);
      rawSamples.push(rawMs);
      terminal.push(terminalMs);
    }
  });
  const sandbox = summarize(samples);
  const raw = summarize(rawSamples);
  console.log(`  create -> exec true:           ${describe(sandbox, "ms")}`);
  console.log(`  raw create+start+exec true:    ${describe(raw, "ms")}`);
  console.log(terminalLine(terminal));
  return [
    report({
      id: "P1-cold",
      value: sandbox.p50,
      unit: "ms",
      baseline: raw.p50,
      target: 1000,
      goal: "max",
    }),
  ];
}
