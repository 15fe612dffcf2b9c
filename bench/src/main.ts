/**
 * Codeyard benchmarks, run on demand (never in CI): `npm run bench` runs them all,
 * `npm run bench -- P2` (or P1, P1-warm, P1-cold, P3, P4, P6, P7, P7-latency, P7-throughput, P8, P9) one of them.
 * Each metric ends with one `METRIC <ID> value=<n> unit=<u> baseline=<n> target=<n>` line; the
 * baseline is measured in the same run.
 */
import { BenchContext, Interrupted, type BenchOptions } from "./harness.js";
import { formatNumber, meetsTarget, type Metric } from "./metric.js";
import { benchP1Cold, benchP1Warm } from "./p1-open.js";
import { benchP2 } from "./p2-exec.js";
import { benchP3 } from "./p3-checkpoint.js";
import { benchP4 } from "./p4-fork.js";
import { benchP6 } from "./p6-density.js";
import { benchP7Latency, benchP7Throughput } from "./p7-broker.js";
import { benchP8 } from "./p8-prompt-cache.js";
import { benchP9 } from "./p9-editor.js";

interface Bench {
  name: string;
  /** Arguments that select it (case-insensitive). */
  aliases: string[];
  run: (ctx: BenchContext) => Promise<Metric[]>;
}

const BENCHES: Bench[] = [
  { name: "P2", aliases: ["p2"], run: benchP2 },
  { name: "P1-warm", aliases: ["p1", "p1-warm"], run: benchP1Warm },
  { name: "P1-cold", aliases: ["p1", "p1-cold"], run: benchP1Cold },
  { name: "P3", aliases: ["p3"], run: benchP3 },
  { name: "P4", aliases: ["p4"], run: benchP4 },
  { name: "P6", aliases: ["p6", "p6-count", "p6-overhead"], run: benchP6 },
  { name: "P7-latency", aliases: ["p7", "p7-latency"], run: benchP7Latency },
  { name: "P7-throughput", aliases: ["p7", "p7-throughput"], run: benchP7Throughput },
  { name: "P8", aliases: ["p8"], run: benchP8 },
  { name: "P9", aliases: ["p9", "p9-interactive", "p9-first-paint-js"], run: benchP9 },
];

const USAGE = `usage: npm run bench -- [P1|P1-warm|P1-cold|P2|P3|P4|P6|P7|P7-latency|P7-throughput|P8|P9|all ...] [--density=<n>] [--image=<tag>] [--data-dir=<dir>] [--p7-ack=chunk|frame|paced|lossy]
  no selection runs every bench.
  --density   sandboxes created by P6 (default 50)
  --p7-ack    how the P7-throughput client acks terminal output: each chunk as it arrives
              (default), once per 16 ms frame, at most every 5 ms, or each chunk without
              waiting for the reply (see p7-broker.ts)
  --image     sandbox image (default codeyard/sandbox:latest)
  --data-dir  sandbox data directory (default /var/lib/codeyard)`;

function parseArgs(argv: string[]): { selected: Bench[]; options: BenchOptions } {
  const options: BenchOptions = {
    image: "codeyard/sandbox:latest",
    dataDir: "/var/lib/codeyard",
    density: 50,
    p7Ack: "chunk",
  };
  const wanted = new Set<string>();
  for (const arg of argv) {
    const [flag, value] = arg.split("=", 2) as [string, string | undefined];
    if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (flag === "--density" && value && /^\d+$/.test(value) && Number(value) > 0) {
      options.density = Number(value);
    } else if (flag === "--p7-ack" && (value === "chunk" || value === "frame" || value === "paced" || value === "lossy")) {
      options.p7Ack = value;
    } else if (flag === "--image" && value) {
      options.image = value;
    } else if (flag === "--data-dir" && value) {
      options.dataDir = value;
    } else if (!arg.startsWith("-")) {
      const name = arg.toLowerCase();
      if (name !== "all" && !BENCHES.some((bench) => bench.aliases.includes(name))) {
        console.error(`unknown bench "${arg}"\n${USAGE}`);
        process.exit(2);
      }
      wanted.add(name);
    } else {
      console.error(`unknown or incomplete option "${arg}"\n${USAGE}`);
      process.exit(2);
    }
  }
  const all = wanted.size === 0 || wanted.has("all");
  return {
    selected: BENCHES.filter((bench) => all || bench.aliases.some((alias) => wanted.has(alias))),
    options,
  };
}

async function main(): Promise<number> {
  const { selected, options } = parseArgs(process.argv.slice(2));
  const ctx = new BenchContext(options);
  // First Ctrl-C: stop starting new work; the benches unwind and their cleanups remove what they
  // made. A second one removes everything right away and exits.
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals === 1) {
      console.error(
        `\n${signal}: stopping; this run's containers will be removed (again to remove them now and exit)`,
      );
      ctx.abort.abort();
    } else if (signals === 2) {
      void ctx.cleanupAll().finally(() => process.exit(130));
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  console.log(
    `codeyard bench ${ctx.runId}: ${selected.map((bench) => bench.name).join(", ")} (image ${options.image}, data dir ${options.dataDir})`,
  );
  const metrics: Metric[] = [];
  const failed: string[] = [];
  try {
    for (const bench of selected) {
      if (ctx.abort.signal.aborted) break;
      console.log("");
      const start = performance.now();
      try {
        metrics.push(...(await bench.run(ctx)));
      } catch (error) {
        failed.push(bench.name);
        if (error instanceof Interrupted) console.error(`${bench.name} interrupted`);
        else
          console.error(
            `${bench.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
      }
      console.log(`  (${bench.name} took ${((performance.now() - start) / 1000).toFixed(1)} s)`);
    }
  } finally {
    const leftovers = await ctx.cleanupAll();
    if (leftovers) console.log(`\ncleanup: removed ${leftovers} leftover container(s) of this run`);
  }

  console.log("\nsummary (value / baseline measured in this run; target):");
  for (const metric of metrics) {
    const ratio = metric.baseline
      ? ` (${(metric.value / metric.baseline).toFixed(2)}x baseline)`
      : "";
    const verdict = meetsTarget(metric) ? "meets target" : "MISSES target";
    console.log(
      `  ${metric.id.padEnd(12)} ${formatNumber(metric.value)} ${metric.unit} vs baseline ${formatNumber(metric.baseline)}${ratio}; target ${metric.goal === "max" ? "<=" : ">="} ${formatNumber(metric.target)}: ${verdict}`,
    );
  }
  for (const name of failed)
    console.log(
      `  ${name.padEnd(12)} ${ctx.abort.signal.aborted ? "interrupted" : "FAILED (see the error above)"}`,
    );
  if (ctx.abort.signal.aborted) return 130;
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
