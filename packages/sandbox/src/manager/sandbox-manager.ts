/**
 * Owns this broker's sandboxes: creates them hardened, keeps a warm pool, pauses and stops idle
 * ones, and after a restart re-adopts the sandboxes it owns (by container label) and reaps orphans.
 * Every transition is idempotent, so a retried or repeated call is harmless.
 */
import { randomBytes } from "node:crypto";
import { chown, mkdir, rm } from "node:fs/promises";
import { pino, type Logger } from "pino";
import { SandboxClient } from "../client/sandbox-client.js";
import { CHECKPOINT_PREFIX, type CheckpointCapture, type CheckpointOptions, type CheckpointProcess, type CheckpointRefs, type WorkspaceDiff } from "../checkpoints/types.js";
import { readCheckpointFile } from "../checkpoints/checkpoint-files.js";
import { diffWorkspaces } from "../checkpoints/workspace-diff.js";
import type { DriverSpec, ProjectImage, ProjectImageRequest, SandboxDriver } from "../driver.js";
import { acquireEgressProxy, type EgressHandle } from "../egress/shared-egress-proxy.js";
import { SandboxError } from "../errors.js";
import { prepareRuntime, type RuntimeBundle } from "../runtime-bundle.js";
import { DEFAULT_LIMITS, type SandboxConfig, type SandboxInfo } from "../types.js";
import { DAEMON_PROTOCOL_VERSION } from "../wire/messages.js";
import { openWorkspaceStore, SANDBOX_UID, type WorkspaceStore } from "../workspace-store.js";
import { CheckpointOperations } from "./checkpoint-operations.js";
import { readMeta, runDirOf, sandboxDir, socketPathOf, toInfo, writeMeta, type SandboxRecord, type SandboxSource } from "./sandbox-records.js";

export interface SandboxManagerOptions {
  driver: SandboxDriver;
  /** Host directory for sockets, metadata and the daemon runtime. */
  dataDir: string;
  /** Host directory of the workspace store (btrfs for O(1) snapshots); default `<dataDir>/workspaces`. */
  workspaceRoot?: string;
  /** Identifies this broker: only sandboxes with this owner label are adopted or reaped. */
  owner: string;
  /** Image used when a sandbox config names none. */
  image: string;
  defaults?: Partial<SandboxConfig>;
  /** Pre-started sandboxes with the default config, ready to be claimed. */
  poolSize?: number;
  idle?: { pauseAfterMs: number; stopAfterMs: number; checkEveryMs?: number };
  readyTimeoutMs?: number;
  checkpoints?: CheckpointOptions;
  /**
   * Port of the egress proxy for `allowlist` sandboxes, on the allowlist network's gateway
   * (default 4102; shared by every broker on the engine). Without it they reach nothing.
   */
  egressPort?: number;
  logger?: Logger;
  /**
   * Told after the manager paused or stopped a sandbox (idle timers, `pause()`, `stop()`), inside
   * that sandbox's queue: a resume or restart waits until it settled, so listeners see the states
   * in order. Failures are logged, never thrown into the transition.
   */
  onStateChange?: (change: SandboxStateChange) => void | Promise<void>;
}

export interface SandboxStateChange {
  sandboxId: string;
  projectId: string | null;
  state: "paused" | "stopped";
  cause: "idle" | "request";
}

type FullConfig = SandboxConfig & { image: string };

const newSandboxId = () => `s${randomBytes(8).toString("hex")}`;

export class SandboxManager {
  private readonly records = new Map<string, SandboxRecord>();
  /** Per-sandbox queue: transitions (idle timer, callers) run one at a time, in order. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly log: Logger;
  private idleTimer: NodeJS.Timeout | undefined;
  private refilling: Promise<void> | undefined;
  private closed = false;
  /** Sandboxes found running for this owner when the manager opened. */
  adopted: SandboxInfo[] = [];
  private readonly checkpoints: CheckpointOperations;
  private egress: EgressHandle | undefined;

  private constructor(
    private readonly options: SandboxManagerOptions,
    readonly store: WorkspaceStore,
    readonly runtime: RuntimeBundle,
  ) {
    this.log = options.logger ?? pino({ name: "sandbox" });
    this.checkpoints = new CheckpointOperations({
      store,
      driver: options.driver,
      log: this.log,
      owner: options.owner,
      dataDir: options.dataDir,
      options: options.checkpoints ?? {},
      record: (id) => this.record(id),
      serialized: (id, action) => this.serialized(id, action),
      resume: (record) => this.doResume(record),
      startAndWait: (record) => this.startAndWait(record),
      client: (id) => this.clientFor(id),
      driverSpec: (record) => this.driverSpec(record),
      createSandbox: (projectId, config, source) => this.createRecord(projectId, this.resolveConfig(config), false, source),
    });
  }

  static async open(options: SandboxManagerOptions): Promise<SandboxManager> {
    const [store, runtime] = await Promise.all([
      openWorkspaceStore(options.workspaceRoot ?? `${options.dataDir}/workspaces`),
      prepareRuntime(options.dataDir),
    ]);
    const manager = new SandboxManager(options, store, runtime);
    await manager.openEgress();
    await manager.adopt();
    if (options.idle) manager.idleTimer = setInterval(() => void manager.checkIdle(), options.idle.checkEveryMs ?? 5000).unref();
    manager.refillPool();
    return manager;
  }

  /** Without a proxy, allowlist sandboxes still start, with no egress at all (fails closed). */
  private async openEgress(): Promise<void> {
    const { driver, egressPort = DEFAULT_EGRESS_PORT } = this.options;
    if (!driver.egress) return;
    try {
      this.egress = await acquireEgressProxy(driver.egress, egressPort, this.log);
    } catch (error) {
      this.log.warn({ err: error, port: egressPort }, "egress proxy not started: allowlist sandboxes will reach no host");
    }
  }

  get defaultConfig(): FullConfig {
    const defaults = this.options.defaults ?? {};
    return {
      image: defaults.image ?? this.options.image,
      network: defaults.network ?? "full",
      allowlist: defaults.allowlist,
      limits: { ...DEFAULT_LIMITS, ...defaults.limits },
      env: defaults.env,
    };
  }

  private resolveConfig(config: Partial<SandboxConfig> | undefined): FullConfig {
    const base = this.defaultConfig;
    return { ...base, ...config, image: config?.image ?? base.image, limits: { ...base.limits, ...config?.limits } };
  }

  list(): SandboxInfo[] {
    return [...this.records.values()].map(toInfo);
  }

  info(id: string): SandboxInfo | undefined {
    const record = this.records.get(id);
    return record && toInfo(record);
  }

  /** Host path of a sandbox's workspace (for snapshots; never for reading user files). */
  workspacePath(id: string): string {
    return this.store.pathOf(id);
  }

  private record(id: string): SandboxRecord {
    const record = this.records.get(id);
    if (!record) throw new SandboxError("not_found", `Sandbox ${id} is not known to this broker.`);
    return record;
  }

  /** Creates and starts a new sandbox (cold path), and waits until its daemon answers. */
  async create(options: { projectId?: string; config?: Partial<SandboxConfig> } = {}): Promise<SandboxInfo> {
    const record = await this.createRecord(options.projectId ?? null, this.resolveConfig(options.config), false);
    return toInfo(record);
  }

  /**
   * A running sandbox for a project: a warm one from the pool when the config matches the pool's,
   * otherwise a freshly created one.
   */
  async claim(projectId: string, config?: Partial<SandboxConfig>): Promise<SandboxInfo> {
    const wanted = this.resolveConfig(config);
    const warm = [...this.records.values()].find(
      (record) => record.pooled && record.state === "running" && sameConfig(record.config, wanted),
    );
    if (warm) {
      warm.pooled = false;
      warm.projectId = projectId;
      warm.lastActiveAt = Date.now();
      await writeMeta(this.options.dataDir, warm);
      this.refillPool();
      this.log.info({ sandboxId: warm.id, projectId }, "claimed warm sandbox");
      return toInfo(warm);
    }
    return this.create({ projectId, config });
  }

  private async createRecord(projectId: string | null, config: FullConfig, pooled: boolean, source: SandboxSource = {}): Promise<SandboxRecord> {
    const id = newSandboxId();
    const record: SandboxRecord = {
      id,
      projectId,
      pooled,
      config,
      environmentImage: source.environmentImage,
      createdAt: new Date(),
      state: "stopped",
      lastActiveAt: Date.now(),
      holds: 0,
    };
    this.records.set(id, record);
    const started = performance.now();
    let timings: { prepareMs: number; startMs: number; readyMs: number };
    try {
      // The container can be created while its workspace is made: Docker resolves bind mounts at start.
      const prepared = await Promise.allSettled([
        this.prepareSandboxDirs(record),
        source.workspaceRef ? this.store.fork(source.workspaceRef, id) : this.store.create(id),
        this.options.driver.create(this.driverSpec(record)),
      ]);
      const failed = prepared.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
      const prepareMs = performance.now() - started;
      timings = { prepareMs, ...(await this.startAndWait(record)) };
    } catch (error) {
      await this.remove(id).catch(() => undefined);
      throw error;
    }
    const rounded = Object.fromEntries(Object.entries(timings).map(([key, ms]) => [key, Math.round(ms)]));
    this.log.info({ sandboxId: id, projectId, pooled, workspaceFrom: source.workspaceRef, image: toInfo(record).image, ...rounded }, "sandbox created");
    return record;
  }

  private async prepareSandboxDirs(record: SandboxRecord): Promise<void> {
    const runDir = runDirOf(this.options.dataDir, record.id);
    await mkdir(runDir, { recursive: true });
    await chown(runDir, SANDBOX_UID, SANDBOX_UID);
    await writeMeta(this.options.dataDir, record);
  }

  private driverSpec(record: SandboxRecord): DriverSpec {
    const { id, config } = record;
    const allowlist = config.network === "allowlist";
    return {
      id,
      owner: this.options.owner,
      image: record.environmentImage ?? config.image,
      network: config.network,
      allowlist: allowlist ? (config.allowlist ?? []) : undefined,
      limits: config.limits,
      env: { ...config.env, ...(allowlist && this.egress ? proxyEnv(this.egress.url) : {}), CODEYARD_SANDBOX_ID: id },
      workspaceDir: this.store.pathOf(id),
      runDir: runDirOf(this.options.dataDir, id),
      runtimeDir: this.runtime.dir,
      labels: { "dev.codeyard.runtime": this.runtime.hash },
    };
  }

  /** Starts the container and waits for its daemon; returns how long each took. */
  private async startAndWait(record: SandboxRecord): Promise<{ startMs: number; readyMs: number }> {
    // Held while starting, so the idle timer never pauses a sandbox that is still booting.
    record.holds++;
    try {
      const started = performance.now();
      await this.options.driver.start(record.id);
      const running = performance.now();
      record.state = "running";
      await this.waitReady(record.id);
      return { startMs: running - started, readyMs: performance.now() - running };
    } finally {
      record.holds--;
      record.lastActiveAt = Date.now();
    }
  }

  /** Polls the daemon until it answers; reports the container's fate if it died instead. */
  private async waitReady(id: string): Promise<void> {
    const client = this.clientFor(id);
    const started = Date.now();
    const deadline = started + (this.options.readyTimeoutMs ?? 20_000);
    // The daemon is up ~60-100 ms after the container starts: poll often then, seldom after.
    for (;;) {
      try {
        const hello = await client.hello();
        if (hello.version !== DAEMON_PROTOCOL_VERSION) {
          throw new SandboxError("internal", `Sandbox ${id} runs daemon protocol ${hello.version}, this broker speaks ${DAEMON_PROTOCOL_VERSION}; restart the sandbox.`);
        }
        return;
      } catch (error) {
        if (error instanceof SandboxError && error.code === "internal") throw error;
        if (Date.now() > deadline) {
          const state = await this.options.driver.inspect(id);
          throw new SandboxError("timeout", `Sandbox ${id} did not become ready in time (container ${state?.state ?? "missing"}).`, { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, Date.now() - started < 2000 ? 5 : 50));
      }
    }
  }

  private clientFor(id: string): SandboxClient {
    return new SandboxClient(socketPathOf(this.options.dataDir, id));
  }

  /** The daemon client of a running sandbox; resumes or restarts it first when needed. */
  async client(id: string): Promise<SandboxClient> {
    await this.ensureRunning(id);
    return this.clientFor(id);
  }

  private serialized<T>(id: string, action: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(action);
    const settled = next.catch(() => undefined);
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return next;
  }

  async ensureRunning(id: string): Promise<void> {
    const record = this.record(id);
    record.lastActiveAt = Date.now();
    await this.serialized(id, async () => {
      record.lastActiveAt = Date.now();
      if (record.state === "paused") await this.doResume(record);
      else if (record.state === "stopped") await this.startAndWait(record);
    });
  }

  /** Marks the sandbox in use until the returned release is called (no idle pause meanwhile). */
  hold(id: string): () => void {
    const record = this.record(id);
    record.holds++;
    record.lastActiveAt = Date.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      record.holds--;
      record.lastActiveAt = Date.now();
    };
  }

  start(id: string): Promise<void> {
    return this.ensureRunning(id);
  }

  pause(id: string): Promise<void> {
    const record = this.record(id);
    return this.serialized(id, async () => {
      if (record.state !== "running") return;
      await this.options.driver.pause(id);
      record.state = "paused";
      this.log.info({ sandboxId: id }, "sandbox paused");
      await this.notify(record, "request");
    });
  }

  resume(id: string): Promise<void> {
    const record = this.record(id);
    return this.serialized(id, () => this.doResume(record));
  }

  private async doResume(record: SandboxRecord): Promise<void> {
    if (record.state !== "paused") return;
    await this.options.driver.resume(record.id);
    record.state = "running";
    record.lastActiveAt = Date.now();
  }

  stop(id: string): Promise<void> {
    const record = this.record(id);
    return this.serialized(id, async () => {
      if (record.state === "stopped") return;
      if (record.state === "paused") await this.options.driver.resume(id);
      await this.options.driver.stop(id);
      record.state = "stopped";
      this.log.info({ sandboxId: id }, "sandbox stopped");
      await this.notify(record, "request");
    });
  }

  /** Removes the container, its socket directory and (unless kept) its workspace. */
  remove(id: string, options: { keepWorkspace?: boolean } = {}): Promise<void> {
    return this.serialized(id, async () => {
      await this.options.driver.remove(id);
      if (!options.keepWorkspace) await this.store.remove(id);
      await rm(sandboxDir(this.options.dataDir, id), { recursive: true, force: true });
      this.records.delete(id);
    });
  }

  /**
   * Takes a checkpoint: a read-only O(1) snapshot of the workspace (`ck-<name>`), the environment
   * committed to `codeyard/env-<id>:<name>` only when it changed since `previousEnvironmentRef`
   * was captured (else that ref; null when it never changed from the config image), and the
   * processes listening on TCP ports. A paused sandbox is resumed; a stopped one records no
   * processes. On failure nothing is left behind, so a retry with the same name works.
   */
  checkpoint(id: string, options: { name: string; previousEnvironmentRef?: string | null }): Promise<CheckpointCapture> {
    return this.checkpoints.checkpoint(id, options);
  }

  /**
   * Puts the sandbox back to a checkpoint: its workspace becomes a writable copy of the
   * checkpoint's, its container is recreated from the checkpoint's environment when that differs
   * from what runs (or the environment changed since), and the recorded processes start again.
   * The sandbox runs afterwards; its terminals and other processes do not survive. Serialized
   * with the sandbox's other transitions.
   */
  restore(id: string, refs: CheckpointRefs & { processes?: CheckpointProcess[] }): Promise<void> {
    return this.checkpoints.restore(id, refs);
  }

  /**
   * A new running sandbox from a checkpoint: its workspace a writable O(1) copy of the
   * checkpoint's, its image the checkpoint's environment (or, when that is null, the config
   * image: pass the source sandbox's config), its recorded processes started again.
   */
  fork(refs: CheckpointRefs & { processes?: CheckpointProcess[] }, options: { projectId: string; config?: Partial<SandboxConfig> }): Promise<SandboxInfo> {
    return this.checkpoints.fork(refs, options);
  }

  /**
   * Garbage collection: removes a checkpoint's workspace snapshot and, unless `keepEnvironment`
   * (other checkpoints share it), its environment image. Idempotent. Fails with `conflict` while
   * a sandbox still runs from that image.
   */
  deleteCheckpoint(refs: CheckpointRefs, options: { keepEnvironment?: boolean } = {}): Promise<void> {
    return this.checkpoints.deleteCheckpoint(refs, options);
  }

  /**
   * Diff between two workspace store entries (checkpoint refs or live sandbox ids): numstat per
   * file and a unified patch bounded to `maxPatchBytes` (default 512 KiB).
   */
  async diffWorkspaces(fromRef: string, toRef: string, options: { maxPatchBytes?: number } = {}): Promise<WorkspaceDiff> {
    return diffWorkspaces(this.store, fromRef, toRef, options);
  }

  /**
   * Garbage collection of checkpoints whose rows are gone (their project or session was deleted):
   * removes snapshots and environment images not in `inUse` and older than `olderThanMs` (a
   * checkpoint being taken exists before its row). Images a sandbox still runs from are kept.
   */
  async sweepCheckpoints(inUse: { workspaceRefs: Set<string>; environmentRefs: Set<string> }, olderThanMs: number): Promise<{ workspaces: number; environments: number }> {
    const before = Date.now() - olderThanMs;
    let workspaces = 0;
    let environments = 0;
    for (const entry of await this.store.list(CHECKPOINT_PREFIX)) {
      if (inUse.workspaceRefs.has(entry.name) || entry.createdAt.getTime() > before) continue;
      await this.store.remove(entry.name);
      workspaces++;
    }
    for (const image of await this.options.driver.environments.list()) {
      if (inUse.environmentRefs.has(image.ref) || image.createdAt.getTime() > before) continue;
      try {
        await this.options.driver.environments.remove(image.ref);
        environments++;
      } catch (error) {
        if (!(error instanceof SandboxError && error.code === "conflict")) throw error;
      }
    }
    if (workspaces || environments) this.log.info({ workspaces, environments }, "removed checkpoints nothing refers to");
    return { workspaces, environments };
  }

  /** One file as it was at a checkpoint (null: it did not exist), to put that file back alone. */
  readCheckpointFile(workspaceRef: string, path: string, maxBytes: number): Promise<Buffer | null> {
    return readCheckpointFile(this.store, workspaceRef, path, maxBytes);
  }

  /**
   * The project's image from its Dockerfile, built on the sandbox image (default: this manager's
   * default image) or reused when nothing changed. Pass it as the `image` of the project's sandboxes.
   */
  buildProjectImage(request: Omit<ProjectImageRequest, "baseImage"> & { baseImage?: string }): Promise<ProjectImage> {
    return this.options.driver.projectImages.build({ ...request, baseImage: request.baseImage ?? this.defaultConfig.image });
  }

  /** Re-adopts the sandboxes this owner's containers hold; unreadable ones are reaped. */
  private async adopt(): Promise<void> {
    for (const found of await this.options.driver.list(this.options.owner)) {
      const meta = await readMeta(this.options.dataDir, found.id);
      if (!meta || !(await this.store.exists(found.id))) {
        this.log.warn({ sandboxId: found.id }, "reaping sandbox without metadata or workspace");
        await this.remove(found.id);
        continue;
      }
      const record: SandboxRecord = {
        id: found.id,
        projectId: meta.projectId,
        pooled: meta.pooled,
        config: { ...meta.config, image: meta.config.image ?? found.image },
        environmentImage: meta.environmentImage ?? undefined,
        createdAt: new Date(meta.createdAt),
        state: found.state,
        lastActiveAt: Date.now(),
        holds: 0,
      };
      this.records.set(found.id, record);
      if (found.labels["dev.codeyard.runtime"] !== this.runtime.hash && found.state !== "stopped") {
        // Started by another broker version: its daemon may speak another protocol. Restart it.
        this.log.info({ sandboxId: found.id }, "restarting adopted sandbox on the new runtime");
        await this.options.driver.stop(found.id).catch(() => undefined);
        record.state = "stopped";
      }
    }
    this.adopted = this.list();
    if (this.adopted.length) this.log.info({ count: this.adopted.length }, "re-adopted sandboxes");
  }

  /** Removes adopted sandboxes `keep` rejects (e.g. ones whose project no longer exists). */
  async reapOrphans(keep: (info: SandboxInfo) => boolean): Promise<string[]> {
    const reaped: string[] = [];
    for (const info of this.list()) {
      if (info.pooled || keep(info)) continue;
      await this.remove(info.id);
      reaped.push(info.id);
    }
    return reaped;
  }

  private refillPool(): void {
    const size = this.options.poolSize ?? 0;
    if (!size || this.refilling || this.closed) return;
    this.refilling = (async () => {
      try {
        while (!this.closed && [...this.records.values()].filter((record) => record.pooled).length < size) {
          await this.createRecord(null, this.defaultConfig, true);
        }
      } catch (error) {
        this.log.error({ err: error }, "warm pool refill failed");
      } finally {
        this.refilling = undefined;
      }
    })();
  }

  /** Resolves once the warm pool is full (or its refill failed). */
  async poolReady(): Promise<void> {
    while (this.refilling) await this.refilling;
  }

  private async checkIdle(): Promise<void> {
    const idle = this.options.idle;
    if (!idle) return;
    const now = Date.now();
    for (const record of this.records.values()) {
      if (record.pooled || record.holds > 0 || record.state === "stopped") continue;
      const idleFor = now - record.lastActiveAt;
      try {
        if (idleFor >= idle.stopAfterMs) await this.serialized(record.id, () => this.stopIfStillIdle(record, idle.stopAfterMs));
        else if (idleFor >= idle.pauseAfterMs && record.state === "running") await this.pauseIfStillIdle(record, idle.pauseAfterMs);
      } catch (error) {
        this.log.warn({ sandboxId: record.id, err: error }, "idle transition failed");
      }
    }
  }

  /** Re-checks idleness inside the sandbox's queue: a use may have arrived meanwhile. */
  private stillIdle(record: SandboxRecord, afterMs: number): boolean {
    return record.holds === 0 && Date.now() - record.lastActiveAt >= afterMs && this.records.has(record.id);
  }

  private async stopIfStillIdle(record: SandboxRecord, afterMs: number): Promise<void> {
    if (!this.stillIdle(record, afterMs) || record.state === "stopped") return;
    if (record.state === "paused") await this.options.driver.resume(record.id);
    await this.options.driver.stop(record.id);
    record.state = "stopped";
    this.log.info({ sandboxId: record.id }, "idle sandbox stopped");
    await this.notify(record, "idle");
  }

  private pauseIfStillIdle(record: SandboxRecord, afterMs: number): Promise<void> {
    return this.serialized(record.id, async () => {
      if (!this.stillIdle(record, afterMs) || record.state !== "running") return;
      await this.options.driver.pause(record.id);
      record.state = "paused";
      this.log.info({ sandboxId: record.id }, "idle sandbox paused");
      await this.notify(record, "idle");
    });
  }

  private async notify(record: SandboxRecord, cause: SandboxStateChange["cause"]): Promise<void> {
    const listener = this.options.onStateChange;
    if (!listener || (record.state !== "paused" && record.state !== "stopped")) return;
    try {
      await listener({ sandboxId: record.id, projectId: record.projectId, state: record.state, cause });
    } catch (error) {
      this.log.warn({ sandboxId: record.id, err: error }, "sandbox state listener failed");
    }
  }

  /** Stops timers and pool refills. Sandboxes keep running: a restarted broker re-adopts them. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearInterval(this.idleTimer);
    await this.refilling;
    await this.egress?.release();
  }
}

const DEFAULT_EGRESS_PORT = 4102;

/** Both spellings: curl reads http_proxy, most other tools either. */
function proxyEnv(url: string): Record<string, string> {
  const loopback = "localhost,127.0.0.1,::1";
  return { HTTP_PROXY: url, HTTPS_PROXY: url, http_proxy: url, https_proxy: url, NO_PROXY: loopback, no_proxy: loopback };
}

function sameConfig(a: FullConfig, b: FullConfig): boolean {
  return (
    a.image === b.image &&
    a.network === b.network &&
    a.limits.memoryBytes === b.limits.memoryBytes &&
    a.limits.cpus === b.limits.cpus &&
    a.limits.pids === b.limits.pids &&
    JSON.stringify(a.env ?? {}) === JSON.stringify(b.env ?? {}) &&
    JSON.stringify(a.allowlist ?? []) === JSON.stringify(b.allowlist ?? [])
  );
}
