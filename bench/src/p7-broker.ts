/**
 * P7: the session broker under load, run as a child process on a seeded SQLite database.
 *
 * P7-latency: 200 viewers (socket.io, websocket transport) joined to one live session; a writer
 * sends `file-write` requests at a steady 20 per second; the broker logs each as a `file-saved`
 * event and broadcasts it. Latency, per viewer per event, is the viewer's receive time minus the
 * writer's send time (the file name carries the event's number and send time). Baseline: a bare
 * socket.io server in this process (no Codeyard code) broadcasting the same number of events of
 * the same shape, on the writer's request, to 200 clients at the same rate. To show where the time
 * goes it also prints the broker's CPU, its event-loop lag and event-lag histogram (/metrics), and
 * the round trips of light probes sent meanwhile (a no-op request, a database read, a sandbox read).
 *
 * P7-throughput: one client opens a terminal and runs a command printing 200 MB of `x` (a byte
 * the PTY passes unchanged; no newline, so no CR is added), acknowledging (`terminal-ack`) each
 * chunk as it arrives, as a browser does after rendering it (`--p7-ack` picks other ways). MB/s
 * (MB = 2^20 bytes, as in stats.ts) from the first to the last `x`; the broker's RSS is sampled
 * throughout to show its memory stays bounded. Baseline: the same command through raw dockerode
 * `docker exec` with `Tty: true` in a container of the same image. For the breakdown it also
 * streams the command from sandboxd straight into this process (no broker: the path's ceiling)
 * and prints the CPU of the broker, the sandbox (by process, with quota throttling) and the client.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import type { SessionEvent } from "@codeyard/protocol";
import { containerName } from "@codeyard/sandbox";
import { Server } from "socket.io";
import type { Socket } from "socket.io-client";
import { connectClient, request } from "./broker-client.js";
import { withBroker, type BrokerWorld } from "./broker-world.js";
import { Interrupted, type BenchContext, type BenchOptions } from "./harness.js";
import { report, type Metric } from "./metric.js";
import { containerCpuSeconds, containerPids, containerThrottling, processCpu, rssBytes, type CpuThrottling } from "./procfs.js";
import { forEachLimit } from "./raw-docker.js";
import { MB, percentile, round } from "./stats.js";

const VIEWERS = 200;
const RATE_PER_S = 20;
const MEASURED_EVENTS = 200;
const WARMUP_EVENTS = 20;
const DELIVERY_TIMEOUT_MS = 20_000;
const CONNECT_CONCURRENCY = 20;

const OUTPUT_BYTES = 200_000_000;
const X = 0x78;
/** Printed after the payload; the shell expands it, so an echo of the command never matches. */
const DONE_MARKER = Buffer.from("DONE_42");
const STREAM_COMMAND = `head -c ${OUTPUT_BYTES} /dev/zero | tr '\\0' x`;
const STALL_TIMEOUT_MS = 30_000;
const RSS_SAMPLE_MS = 50;

// ---------------------------------------------------------------------------------------------
// shared

/** Resolves when `promise` does or after `ms` (false), whichever comes first; throws on interrupt. */
async function within(ctx: BenchContext, promise: Promise<unknown>, ms: number): Promise<boolean> {
  ctx.checkAborted();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Interrupted());
    ctx.abort.signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([promise.then(() => true), timeout, aborted]);
  } finally {
    clearTimeout(timer);
    ctx.abort.signal.removeEventListener("abort", onAbort!);
  }
}

function quantiles(samples: number[]): { p50: number; p90: number; p99: number; max: number } {
  return {
    p50: percentile(samples, 50),
    p90: percentile(samples, 90),
    p99: percentile(samples, 99),
    max: Math.max(...samples),
  };
}

const fmt = (ms: number) => `${round(ms)} ms`;

/** Runs `sample` every `ms` until the returned stop function is called (and awaited). */
function sampleEvery(ms: number, sample: () => Promise<void>): () => Promise<void> {
  let running = true;
  const loop = (async () => {
    while (running) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

// ---------------------------------------------------------------------------------------------
// P7-latency

interface LoadResult {
  /** Receive minus send time, ms, one per viewer per measured event that arrived. */
  latencies: number[];
  expected: number;
  /** The writer's request round trips (send until its ack), ms, measured events only. */
  writeRoundTrips: number[];
  writeErrors: string[];
  /** From the first measured send until the last delivery (or the timeout), ms. */
  wallMs: number;
  /** CPU this process used meanwhile (the clients; the bare server too in the baseline), s. */
  benchCpuSeconds: number;
}

/**
 * Sends WARMUP_EVENTS + MEASURED_EVENTS events at RATE_PER_S (on a fixed schedule: a slow reply
 * never delays the next send) and records, for every viewer, when each measured one arrived.
 */
async function steadyLoad(
  ctx: BenchContext,
  viewers: Socket[],
  eventName: string,
  eventNumber: (payload: unknown) => number | null,
  send: (n: number, sentAtEpochMs: number) => Promise<void>,
): Promise<LoadResult> {
  const total = WARMUP_EVENTS + MEASURED_EVENTS;
  const sentAt = new Float64Array(total).fill(Number.NaN);
  const latencies: number[] = [];
  const expected = viewers.length * MEASURED_EVENTS;
  let allIn!: () => void;
  const delivered = new Promise<void>((resolve) => (allIn = resolve));
  const listener = (payload: unknown) => {
    const now = performance.now();
    const n = eventNumber(payload);
    if (n === null || n < WARMUP_EVENTS || n >= total) return;
    latencies.push(now - sentAt[n]!);
    if (latencies.length === expected) allIn();
  };
  for (const viewer of viewers) viewer.on(eventName, listener);

  const writeRoundTrips: number[] = [];
  const writeErrors: string[] = [];
  const interval = 1000 / RATE_PER_S;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  let measuredStart = start;
  let cpuStart = process.cpuUsage();
  try {
    for (let n = 0; n < total; n++) {
      const wait = start + n * interval - performance.now();
      if (wait > 0) await ctx.sleep(wait);
      else ctx.checkAborted();
      if (n === WARMUP_EVENTS) {
        measuredStart = performance.now();
        cpuStart = process.cpuUsage();
      }
      const t = performance.now();
      sentAt[n] = t;
      pending.push(
        send(n, Math.round(performance.timeOrigin + t)).then(
          () => void (n >= WARMUP_EVENTS && writeRoundTrips.push(performance.now() - t)),
          (error: unknown) => void writeErrors.push(error instanceof Error ? error.message : String(error)),
        ),
      );
    }
    await Promise.all(pending);
    await within(ctx, delivered, DELIVERY_TIMEOUT_MS);
  } finally {
    for (const viewer of viewers) viewer.off(eventName, listener);
  }
  const cpu = process.cpuUsage(cpuStart);
  return {
    latencies,
    expected,
    writeRoundTrips,
    writeErrors,
    wallMs: performance.now() - measuredStart,
    benchCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

async function connectMany(count: number, connect: () => Promise<Socket>, into: Socket[]): Promise<void> {
  await forEachLimit(
    Array.from({ length: count }, (_, i) => i),
    CONNECT_CONCURRENCY,
    async () => void into.push(await connect()),
  );
}

const FILE_NAME = /(?:^|\/)p7\/(\d+)-\d+\.txt$/;

/** The number of a `file-saved` event written by the P7 writer, or null for any other event. */
function savedFileNumber(payload: unknown): number | null {
  const event = (payload as { event?: SessionEvent }).event;
  if (event?.type !== "file-saved") return null;
  const match = FILE_NAME.exec((event.payload as { path?: string }).path ?? "");
  return match ? Number(match[1]) : null;
}

/** The broker's event-lag histogram (append to the durable log + broadcast), from /metrics. */
interface EventLag {
  count: number;
  sumSeconds: number;
  buckets: Map<string, number>;
}

async function scrapeEventLag(url: string): Promise<EventLag | null> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} ([\\d.e+-]+)$`, "m").exec(text)?.[1] ?? Number.NaN);
    const buckets = new Map<string, number>();
    for (const match of text.matchAll(/^codeyard_event_lag_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm))
      buckets.set(match[1]!, Number(match[2]));
    return {
      count: value("codeyard_event_lag_seconds_count"),
      sumSeconds: value("codeyard_event_lag_seconds_sum"),
      buckets,
    };
  } catch {
    return null;
  }
}

/** One gauge's value from the broker's /metrics, or null. */
async function scrapeGauge(url: string, name: string): Promise<number | null> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const match = new RegExp(`^${name} ([\\d.e+-]+)$`, "m").exec(text);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

interface Probe {
  label: string;
  samples: number[];
  errors: number;
  stop(): Promise<void>;
}

/** Sends one request every `ms` (never two at once) and records its round trips, until stop(). */
function probeEvery(ms: number, label: string, send: () => Promise<unknown>): Probe {
  const probe: Probe = { label, samples: [], errors: 0, stop: async () => undefined };
  probe.stop = sampleEvery(ms, async () => {
    const start = performance.now();
    try {
      await send();
      probe.samples.push(performance.now() - start);
    } catch {
      probe.errors++;
    }
  });
  return probe;
}

function describeEventLag(before: EventLag | null, after: EventLag | null): string {
  if (!before || !after) return "event lag: /metrics unavailable";
  const count = after.count - before.count;
  if (!count) return "event lag: no events";
  const mean = ((after.sumSeconds - before.sumSeconds) / count) * 1000;
  const shares = [...after.buckets]
    .filter(([le]) => le !== "+Inf")
    .map(([le, n]) => `<=${Number(le) * 1000}ms ${Math.round(((n - (before.buckets.get(le) ?? 0)) / count) * 100)}%`);
  return `broker event lag (durable append + broadcast, its own histogram): mean ${fmt(mean)} over ${count} events; ${shares.join(", ")}`;
}

async function brokerLatency(ctx: BenchContext, broker: BrokerWorld): Promise<LoadResult> {
  const sessionId = broker.sessionIds[0]!;
  const auth = { token: broker.token, protocol: 1 as const };
  const sockets: Socket[] = [];
  try {
    const writer = await connectClient(broker.url, auth);
    sockets.push(writer);
    // The first join claims the session's sandbox (a container start); the others just join.
    const viewers: Socket[] = [];
    await connectMany(1, () => connectClient(broker.url, auth), viewers);
    sockets.push(...viewers);
    await request(viewers[0]!, "session-join", { sessionId }, 120_000);
    const rest: Socket[] = [];
    try {
      await connectMany(VIEWERS - 1, () => connectClient(broker.url, auth), rest);
    } finally {
      sockets.push(...rest);
    }
    viewers.push(...rest);
    await forEachLimit(viewers.slice(1), CONNECT_CONCURRENCY, async (viewer) => void (await request(viewer, "session-join", { sessionId })));
    // One write before the clock starts creates p7/ (mkdirs) and starts the session's file watcher.
    await request(writer, "file-write", { sessionId, path: "p7/ready.txt", content: "ready" });
    await ctx.sleep(500);

    // Where the time goes, measured from outside while the load runs: light probes on their own
    // connection (a no-op request, a database read, a sandbox read), the broker's event-loop lag
    // and CPU, and its own event-lag histogram (durable append + broadcast).
    const prober = await connectClient(broker.url, auth);
    sockets.push(prober);
    const containerId = await containerIdOf(ctx, { owner: broker.brokerId });
    const sandboxCpuBefore = containerId ? await containerCpuSeconds(containerId) : null;
    const cpuBefore = await processCpu(broker.pid);
    const lagBefore = await scrapeEventLag(broker.url);
    const probes = [
      probeEvery(50, "no-op (session-leave)", () => request(prober, "session-leave", { sessionId })),
      probeEvery(200, "database read (session-events)", () => request(prober, "session-events", { sessionId, afterSeq: 0, limit: 1 })),
      probeEvery(200, "sandbox read (file-read)", () => request(prober, "file-read", { sessionId, path: "p7/ready.txt" })),
    ];
    const loopLag: number[] = [];
    const stopLoopLag = sampleEvery(1000, async () => {
      const lag = await scrapeGauge(broker.url, "nodejs_eventloop_lag_max_seconds");
      if (lag !== null) loopLag.push(lag * 1000);
    });
    let result: LoadResult;
    try {
      result = await steadyLoad(ctx, viewers, "session-event", savedFileNumber, async (n, sentAt) => {
        await request(writer, "file-write", { sessionId, path: `p7/${n}-${sentAt}.txt`, content: `event ${n} sent at ${sentAt}\n` });
      });
    } finally {
      await stopLoopLag();
      for (const probe of probes) await probe.stop();
    }
    const cpuAfter = await processCpu(broker.pid);
    const sandboxCpuAfter = containerId ? await containerCpuSeconds(containerId) : null;
    const lagAfter = await scrapeEventLag(broker.url);
    const seconds = result.wallMs / 1000;
    const brokerCpu = cpuBefore && cpuAfter ? cpuAfter.seconds - cpuBefore.seconds : Number.NaN;
    const sandboxCpu = sandboxCpuBefore !== null && sandboxCpuAfter !== null ? sandboxCpuAfter - sandboxCpuBefore : Number.NaN;
    console.log(
      `  CPU over ${round(seconds)} s: broker ${round(brokerCpu)} s (${percentOf(brokerCpu, seconds)} of a core), sandbox ${round(sandboxCpu)} s (${percentOf(sandboxCpu, seconds)}), bench process (200 viewers + writer) ${round(result.benchCpuSeconds)} s (${percentOf(result.benchCpuSeconds, seconds)})`,
    );
    console.log(`  ${describeEventLag(lagBefore, lagAfter)}`);
    if (loopLag.length) {
      const q = quantiles(loopLag);
      console.log(`  broker event-loop lag, max per second: median ${fmt(q.p50)}, worst ${fmt(q.max)} (${loopLag.length} s)`);
    }
    for (const probe of probes) {
      if (!probe.samples.length) continue;
      const q = quantiles(probe.samples);
      console.log(`  probe ${probe.label.padEnd(31)} round trip p50 ${fmt(q.p50)}, p90 ${fmt(q.p90)}, p99 ${fmt(q.p99)}, max ${fmt(q.max)} (n=${probe.samples.length}${probe.errors ? `, ${probe.errors} failed` : ""})`);
    }
    return result;
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}

/** The same load through a bare socket.io server (no Codeyard code) in this process. */
async function bareSocketIoLatency(ctx: BenchContext): Promise<LoadResult> {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  let seq = 0;
  io.on("connection", (socket) => {
    socket.on("join", (ack: () => void) => {
      void socket.join("session");
      ack();
    });
    socket.on("write", (body: { path: string; size: number }, ack: (reply: unknown) => void) => {
      // An event of the broker's shape, broadcast before the writer's ack, as the broker does.
      const event = { sessionId: "bench-session", seq: ++seq, type: "file-saved", at: new Date().toISOString(), payload: { path: body.path, size: body.size, savedBy: "bench-user" } };
      io.to("session").emit("session-event", { event });
      ack({ ok: true, data: { stat: { path: body.path, kind: "file", size: body.size, mtimeMs: Date.now() } } });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const sockets: Socket[] = [];
  try {
    const writer = await connectClient(url);
    sockets.push(writer);
    const viewers: Socket[] = [];
    try {
      await connectMany(VIEWERS, () => connectClient(url), viewers);
    } finally {
      sockets.push(...viewers);
    }
    await Promise.all(viewers.map((viewer) => viewer.timeout(10_000).emitWithAck("join")));
    await ctx.sleep(500);
    return await steadyLoad(ctx, viewers, "session-event", savedFileNumber, async (n, sentAt) => {
      const content = `event ${n} sent at ${sentAt}\n`;
      await writer.timeout(30_000).emitWithAck("write", { path: `p7/${n}-${sentAt}.txt`, size: content.length });
    });
  } finally {
    for (const socket of sockets) socket.disconnect();
    await new Promise<void>((resolve) => io.close(() => resolve()));
  }
}

function describeLoad(label: string, result: LoadResult): string {
  const q = quantiles(result.latencies);
  const lost = result.expected - result.latencies.length;
  const rtt = result.writeRoundTrips.length ? quantiles(result.writeRoundTrips) : null;
  return `${label} p50 ${fmt(q.p50)}, p90 ${fmt(q.p90)}, p99 ${fmt(q.p99)}, max ${fmt(q.max)} (${result.latencies.length} deliveries of ${result.expected}${lost ? `, ${lost} MISSING` : ""}); writer round trip p50 ${rtt ? fmt(rtt.p50) : "-"}, p99 ${rtt ? fmt(rtt.p99) : "-"}${result.writeErrors.length ? `; ${result.writeErrors.length} writes FAILED (first: ${result.writeErrors[0]})` : ""}`;
}

export async function benchP7Latency(ctx: BenchContext): Promise<Metric[]> {
  console.log(
    `P7-latency: ${VIEWERS} viewers on one session, ${MEASURED_EVENTS} file-write events at ${RATE_PER_S}/s (after ${WARMUP_EVENTS} warm-up); latency = viewer receive - writer send`,
  );
  const loadBefore = loadavg()[0]!;
  const broker = await withBroker(ctx, "p7-latency", 1, (world) => brokerLatency(ctx, world));
  if (broker.latencies.length === 0)
    throw new Error(`no file-saved event reached any viewer${broker.writeErrors.length ? ` (first write error: ${broker.writeErrors[0]})` : ""}`);
  const bare = await bareSocketIoLatency(ctx);
  if (bare.latencies.length === 0) throw new Error("the bare socket.io server delivered no event");
  console.log(
    `  machine: ${cpus().length} CPUs, 1-minute load average ${round(loadBefore)} before the broker run, ${round(loadavg()[0]!)} after the baseline (other work on the machine shows in the tail)`,
  );
  console.log(`  ${describeLoad("broker:         ", broker)}`);
  console.log(`  ${describeLoad("bare socket.io: ", bare)}`);
  const lost = broker.expected - broker.latencies.length;
  const b = quantiles(broker.latencies);
  const r = quantiles(bare.latencies);
  console.log(
    `  P7-latency p99: ${fmt(b.p99)} (bare socket.io p99 ${fmt(r.p99)}, ${round(b.p99 / r.p99)}x); p50 ${fmt(b.p50)} vs ${fmt(r.p50)}, p90 ${fmt(b.p90)} vs ${fmt(r.p90)}${lost ? `; ${lost} deliveries missing (counted as not measured)` : ""}`,
  );
  return [report({ id: "P7-latency", value: b.p99, unit: "ms", baseline: r.p99, target: 150, goal: "max" })];
}

// ---------------------------------------------------------------------------------------------
// P7-throughput

/** Counts occurrences of `byte` (a plain loop: V8 compiles it to a tight scan). */
function countByte(data: Uint8Array, byte: number): number {
  let count = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === byte) count++;
  return count;
}

/** Bytes of `x` received over time, for a first-to-last MB/s. */
class StreamMeter {
  xBytes = 0;
  totalBytes = 0;
  chunks = 0;
  maxChunk = 0;
  firstX = Number.NaN;
  lastX = Number.NaN;

  add(chunk: Uint8Array): void {
    const now = performance.now();
    this.totalBytes += chunk.length;
    this.chunks++;
    this.maxChunk = Math.max(this.maxChunk, chunk.length);
    const xs = countByte(chunk, X);
    if (xs === 0) return;
    if (Number.isNaN(this.firstX)) this.firstX = now;
    this.lastX = now;
    this.xBytes += xs;
  }

  get seconds(): number {
    return (this.lastX - this.firstX) / 1000;
  }

  get mbPerSecond(): number {
    return this.xBytes / MB / this.seconds;
  }

  describe(unit = "chunks"): string {
    return `${round(this.mbPerSecond)} MB/s (${mb(this.xBytes)} in ${round(this.seconds)} s, ${this.chunks} ${unit}, mean ${Math.round(this.totalBytes / this.chunks)} B, max ${this.maxChunk} B)`;
  }
}

const mb = (bytes: number) => `${round(bytes / MB)} MB`;

interface SandboxCpu {
  seconds: number;
  /** CPU seconds by process name (sandboxd is `node`, the PTY relay `python3`). */
  byProcess: Map<string, number>;
  /** CFS periods with runnable tasks, and how many hit the sandbox's CPU quota. */
  periods: number;
  throttled: number;
}

/**
 * The CPU a sandbox container uses while a stream runs: its cgroup total, every process in it by
 * name (sampled now and then, so the command's short-lived `head` and `tr` count too), and how
 * often its CPU quota throttled it.
 */
class SandboxCpuWatch {
  private readonly baseline = new Map<number, number>();
  private readonly last = new Map<number, { comm: string; seconds: number }>();
  private cpuStart: number | null = null;
  private throttleStart: CpuThrottling | null = null;

  private constructor(private readonly containerId: string) {}

  static async start(containerId: string): Promise<SandboxCpuWatch> {
    const watch = new SandboxCpuWatch(containerId);
    await watch.sample();
    for (const [pid, cpu] of watch.last) watch.baseline.set(pid, cpu.seconds);
    watch.cpuStart = await containerCpuSeconds(containerId);
    watch.throttleStart = await containerThrottling(containerId);
    return watch;
  }

  async sample(): Promise<void> {
    for (const pid of await containerPids(this.containerId)) {
      const cpu = await processCpu(pid);
      if (cpu) this.last.set(pid, cpu);
    }
  }

  async stop(): Promise<SandboxCpu> {
    await this.sample();
    const cpu = await containerCpuSeconds(this.containerId);
    const throttling = await containerThrottling(this.containerId);
    const byProcess = new Map<string, number>();
    for (const [pid, reading] of this.last)
      byProcess.set(reading.comm, (byProcess.get(reading.comm) ?? 0) + reading.seconds - (this.baseline.get(pid) ?? 0));
    return {
      seconds: cpu !== null && this.cpuStart !== null ? cpu - this.cpuStart : Number.NaN,
      byProcess,
      periods: throttling && this.throttleStart ? throttling.periods - this.throttleStart.periods : Number.NaN,
      throttled: throttling && this.throttleStart ? throttling.throttled - this.throttleStart.throttled : Number.NaN,
    };
  }
}

function describeSandboxCpu(cpu: SandboxCpu, seconds: number): string {
  const processes = [...cpu.byProcess]
    .filter(([, used]) => used >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([comm, used]) => `${comm} ${round(used)} s`)
    .join(", ");
  return `sandbox ${round(cpu.seconds)} s (${percentOf(cpu.seconds, seconds)} of its 1-CPU quota; ${processes}; throttled in ${cpu.throttled} of ${cpu.periods} 100 ms periods)`;
}

const percentOf = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

async function containerIdOf(ctx: BenchContext, filter: { owner: string } | { name: string }): Promise<string | null> {
  if ("name" in filter) return (await ctx.docker.getContainer(filter.name).inspect()).Id;
  const containers = await ctx.docker.listContainers({ filters: { label: [`dev.codeyard.owner=${filter.owner}`] } });
  return containers[0]?.Id ?? null;
}

/**
 * How the client acknowledges output (`--p7-ack`): "chunk" acks each terminal-output message as
 * it arrives, as a browser does from xterm.js's write callback (a refused ack keeps its bytes and
 * is retried 10 ms later); "frame" sums the bytes and acks once per 16 ms animation frame;
 * "paced" acks everything received so far at most every 5 ms (200 acks/s, the broker's per-socket
 * request rate); "lossy" acks each message without waiting for the reply (a refused ack is lost).
 */
export type AckMode = BenchOptions["p7Ack"];

const ACK_MODES: Record<AckMode, string> = {
  chunk: "acking each chunk as it arrives",
  frame: "acking once per 16 ms frame",
  paced: "acking at most every 5 ms",
  lossy: "acking each chunk without waiting for replies",
};

interface ThroughputResult {
  meter: StreamMeter;
  rssIdle: number;
  rssPeak: number;
  rssAfter: number;
  acksSent: number;
  acksRefused: Map<string, number>;
  brokerCpuSeconds: number;
  sandboxCpu: SandboxCpu | null;
  benchCpuSeconds: number;
}

/** Sends terminal-acks the way `mode` says; counts them and the refused ones. */
class Acknowledger {
  sent = 0;
  readonly refused = new Map<string, number>();
  private pending = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly terminal: { sessionId: string; terminalId: string },
    private readonly mode: AckMode,
  ) {
    // An ack sent without a reply callback is refused through a `request-error` push instead.
    socket.on("request-error", (push: { event?: string; error?: { code?: string } }) => {
      if (push.event === "terminal-ack") this.count(push.error?.code);
    });
  }

  private count(code = "unknown"): void {
    this.refused.set(code, (this.refused.get(code) ?? 0) + 1);
  }

  /** `bytes` more bytes were received (and, in a browser, rendered). */
  received(bytes: number): void {
    if (this.mode === "chunk") return this.send(bytes);
    if (this.mode === "lossy") {
      this.sent++;
      this.socket.emit("terminal-ack", { ...this.terminal, bytes });
      return;
    }
    this.pending += bytes;
    this.timer ??= setTimeout(() => this.flush(), this.mode === "frame" ? 16 : 5);
  }

  private flush(): void {
    this.timer = undefined;
    const bytes = this.pending;
    this.pending = 0;
    if (bytes) this.send(bytes);
  }

  private send(bytes: number): void {
    this.sent++;
    this.socket.emit("terminal-ack", { ...this.terminal, bytes }, (reply: { ok: boolean; error?: { code: string } }) => {
      if (reply.ok) return;
      this.count(reply.error?.code);
      this.pending += bytes;
      this.timer ??= setTimeout(() => this.flush(), 10);
    });
  }

  close(): void {
    clearTimeout(this.timer);
  }
}

async function brokerThroughput(ctx: BenchContext, broker: BrokerWorld, ackMode: AckMode): Promise<ThroughputResult> {
  const sessionId = broker.sessionIds[0]!;
  const socket = await connectClient(broker.url, { token: broker.token, protocol: 1 });
  let acks: Acknowledger | undefined;
  try {
    await request(socket, "session-join", { sessionId }, 120_000);
    const containerId = await containerIdOf(ctx, { owner: broker.brokerId });
    const opened = await request(socket, "terminal-open", { sessionId, cols: 200, rows: 50 });
    const terminalId = opened.terminal.id;
    acks = new Acknowledger(socket, { sessionId, terminalId }, ackMode);

    let meter: StreamMeter | null = null;
    let lastOutput = performance.now();
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    let tail: Buffer = Buffer.alloc(0);
    socket.on("terminal-output", (message: { terminalId: string; data: Buffer }) => {
      if (message.terminalId !== terminalId) return;
      const data = message.data;
      lastOutput = performance.now();
      meter?.add(data);
      acks!.received(data.byteLength);
      if (meter) {
        const seam = Buffer.concat([tail, data.subarray(0, DONE_MARKER.length)]);
        if (data.includes(DONE_MARKER) || seam.includes(DONE_MARKER)) done();
        tail = data.subarray(Math.max(0, data.length - DONE_MARKER.length));
      }
    });

    // A quiet shell: no echo of what we type, no prompt.
    await request(socket, "terminal-input", { sessionId, terminalId, data: "stty -echo; PS1=''; PS2=''; PROMPT_COMMAND=''\n" });
    await ctx.sleep(1500);

    // Idle baseline: the broker with one joined client and an idle terminal.
    const idleSamples: number[] = [];
    for (let i = 0; i < 10; i++) {
      idleSamples.push((await rssBytes(broker.pid)) ?? Number.NaN);
      await ctx.sleep(100);
    }
    const rssIdle = percentile(idleSamples, 50);
    let rssPeak = rssIdle;
    const cpuWatch = containerId ? await SandboxCpuWatch.start(containerId) : null;
    const brokerCpuBefore = await processCpu(broker.pid);
    const benchCpuBefore = process.cpuUsage();
    let ticks = 0;
    const stopSampling = sampleEvery(RSS_SAMPLE_MS, async () => {
      const rss = await rssBytes(broker.pid);
      if (rss !== null) rssPeak = Math.max(rssPeak, rss);
      if (ticks++ % 5 === 0) await cpuWatch?.sample();
    });

    meter = new StreamMeter();
    await request(socket, "terminal-input", { sessionId, terminalId, data: `${STREAM_COMMAND}; printf '\\n%s\\n' "DONE_$((6*7))"\n` });
    try {
      for (;;) {
        if (await within(ctx, finished, 1000)) break;
        if (performance.now() - lastOutput > STALL_TIMEOUT_MS)
          throw new Error(
            `terminal output stalled for ${STALL_TIMEOUT_MS / 1000} s after ${meter.xBytes} of ${OUTPUT_BYTES} bytes (${acks.sent} acks sent, refused: ${[...acks.refused].map(([code, n]) => `${code} ${n}`).join(", ") || "none"})`,
          );
      }
    } finally {
      await stopSampling();
    }
    const brokerCpuAfter = await processCpu(broker.pid);
    const sandboxCpu = (await cpuWatch?.stop()) ?? null;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    await ctx.sleep(500);
    const rssAfter = (await rssBytes(broker.pid)) ?? Number.NaN;
    return {
      meter,
      rssIdle,
      rssPeak,
      rssAfter,
      acksSent: acks.sent,
      acksRefused: acks.refused,
      brokerCpuSeconds: brokerCpuBefore && brokerCpuAfter ? brokerCpuAfter.seconds - brokerCpuBefore.seconds : Number.NaN,
      sandboxCpu,
      benchCpuSeconds: (benchCpu.user + benchCpu.system) / 1e6,
    };
  } finally {
    acks?.close();
    socket.disconnect();
  }
}

/**
 * The sandbox side alone: the same command in a terminal of a sandbox with the broker's default
 * limits, read straight from sandboxd by an in-process SandboxClient (no broker, no socket.io, no
 * acks). What the PTY, the relay and the daemon deliver: the ceiling of the broker path.
 */
async function daemonThroughput(ctx: BenchContext): Promise<{ meter: StreamMeter; cpu: SandboxCpu | null }> {
  return ctx.withManager("p7-daemon", 0, async (manager) => {
    const info = await manager.create({ projectId: "bench-p7" });
    const client = await manager.client(info.id);
    const containerId = await containerIdOf(ctx, { name: containerName(info.id) });
    const cpuWatch = containerId ? await SandboxCpuWatch.start(containerId) : null;
    const stopSampling = sampleEvery(250, async () => void (await cpuWatch?.sample()));
    const meter = new StreamMeter();
    const terminal = await client.openTerminal({ cols: 200, rows: 50, argv: ["sh", "-c", STREAM_COMMAND] });
    const exited = new Promise<number | null>((resolve, reject) => {
      terminal.on("data", (chunk) => meter.add(chunk));
      terminal.once("exit", resolve);
      terminal.once("error", reject);
    });
    try {
      if (!(await within(ctx, exited, 300_000))) throw new Error("the terminal did not exit within 300 s");
    } finally {
      terminal.detach();
      await stopSampling();
    }
    return { meter, cpu: (await cpuWatch?.stop()) ?? null };
  });
}

/** The same command through raw dockerode `docker exec` with a TTY, in a default container. */
async function rawDockerThroughput(ctx: BenchContext): Promise<StreamMeter> {
  const container = await ctx.raw.createAndStart();
  try {
    const exec = await container.exec({ Cmd: ["sh", "-c", STREAM_COMMAND], AttachStdout: true, AttachStderr: true, Tty: true });
    const stream = await exec.start({ hijack: true, stdin: false, Tty: true });
    const meter = new StreamMeter();
    stream.on("data", (chunk: Buffer) => meter.add(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      stream.once("end", resolve);
      stream.once("close", resolve);
      stream.once("error", reject);
    });
    if (!(await within(ctx, ended, 300_000))) throw new Error("the raw docker exec stream did not end within 300 s");
    return meter;
  } finally {
    await ctx.raw.remove(container);
  }
}

export async function benchP7Throughput(ctx: BenchContext): Promise<Metric[]> {
  const ackMode = ctx.options.p7Ack;
  console.log(
    `P7-throughput: \`${STREAM_COMMAND}\` (${mb(OUTPUT_BYTES)}) in a terminal through the broker, ${ACK_MODES[ackMode]}; baseline raw docker exec with Tty`,
  );
  const broker = await withBroker(ctx, "p7-throughput", 1, (world) => brokerThroughput(ctx, world, ackMode));
  const daemon = await daemonThroughput(ctx);
  const raw = await rawDockerThroughput(ctx);
  for (const [label, meter] of [["broker", broker.meter], ["sandboxd direct", daemon.meter], ["raw docker exec", raw]] as const) {
    if (meter.xBytes < OUTPUT_BYTES) throw new Error(`${label}: received ${meter.xBytes} of ${OUTPUT_BYTES} bytes of output`);
  }
  const m = broker.meter;
  const refused = [...broker.acksRefused].map(([code, n]) => `${code} ${n}`).join(", ");
  console.log(`  broker:          ${m.describe("terminal-output messages")}; ${broker.acksSent} acks sent, ${refused ? `refused: ${refused}` : "none refused"}`);
  console.log(`  sandboxd direct: ${daemon.meter.describe()} (in-process SandboxClient: no broker, no socket.io, no acks)`);
  console.log(`  raw docker exec: ${raw.describe()}`);
  console.log(
    `  broker RSS: idle ${mb(broker.rssIdle)}, peak ${mb(broker.rssPeak)} during the stream (+${mb(broker.rssPeak - broker.rssIdle)} over idle), ${mb(broker.rssAfter)} after it`,
  );
  console.log(
    `  CPU, broker path (${round(m.seconds)} s): broker ${round(broker.brokerCpuSeconds)} s (${percentOf(broker.brokerCpuSeconds, m.seconds)} of a core), bench client ${round(broker.benchCpuSeconds)} s (${percentOf(broker.benchCpuSeconds, m.seconds)}), ${broker.sandboxCpu ? describeSandboxCpu(broker.sandboxCpu, m.seconds) : "sandbox unreadable"}`,
  );
  if (daemon.cpu)
    console.log(`  CPU, sandboxd direct (${round(daemon.meter.seconds)} s): ${describeSandboxCpu(daemon.cpu, daemon.meter.seconds)}`);
  console.log(
    `  P7-throughput: ${round(m.mbPerSecond)} MB/s (raw docker exec ${round(raw.mbPerSecond)} MB/s, ${round(m.mbPerSecond / raw.mbPerSecond)}x; sandboxd direct ${round(daemon.meter.mbPerSecond)} MB/s, ${round(m.mbPerSecond / daemon.meter.mbPerSecond)}x)`,
  );
  return [report({ id: "P7-throughput", value: m.mbPerSecond, unit: "MB/s", baseline: raw.mbPerSecond, target: 20, goal: "min" })];
}
