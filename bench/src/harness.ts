/**
 * What every bench shares: the Docker client and sandbox driver, a quiet logger, a unique owner
 * label per run (so a bench never touches another broker's or another run's sandboxes), and a
 * registry of cleanups that run on success, on failure and on Ctrl-C.
 */
import Docker from "dockerode";
import { pino, type Logger } from "pino";
import { DockerDriver, SandboxManager } from "@codeyard/sandbox";
import { forEachLimit, RawDocker } from "./raw-docker.js";

export interface BenchOptions {
  image: string;
  dataDir: string;
  /** How many sandboxes the density bench creates. */
  density: number;
  /** How the P7-throughput client acknowledges terminal output (see p7-broker.ts). */
  p7Ack: "chunk" | "frame" | "paced" | "lossy";
}

export class Interrupted extends Error {
  constructor() {
    super("interrupted");
  }
}

export class BenchContext {
  readonly docker = new Docker();
  readonly driver = new DockerDriver({ docker: this.docker });
  /** Sandbox logs (warnings and errors only) go to stderr, away from the metric lines. */
  readonly logger: Logger = pino({ name: "sandbox", level: "warn" }, pino.destination(2));
  readonly runId = `bench-${process.pid}-${Date.now().toString(36)}`;
  readonly raw: RawDocker;
  readonly abort = new AbortController();
  private readonly cleanups = new Set<() => Promise<void>>();
  private readonly owners = new Set<string>();

  constructor(readonly options: BenchOptions) {
    this.raw = new RawDocker(this.docker, options.image, this.runId);
  }

  /** Throws once the run was interrupted, so long loops stop creating containers. */
  checkAborted(): void {
    if (this.abort.signal.aborted) throw new Interrupted();
  }

  /** Waits `ms`, or throws as soon as the run is interrupted. */
  sleep(ms: number): Promise<void> {
    this.checkAborted();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Interrupted());
      };
      const timer = setTimeout(() => {
        this.abort.signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      this.abort.signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  /**
   * Opens a sandbox manager with its own owner label, runs `fn`, then removes every sandbox the
   * manager holds or that Docker lists for that owner (pooled ones included), whatever happened.
   */
  async withManager<T>(
    name: string,
    poolSize: number,
    fn: (manager: SandboxManager) => Promise<T>,
  ): Promise<T> {
    const owner = `${this.runId}-${name}`;
    this.owners.add(owner);
    const manager = await SandboxManager.open({
      driver: this.driver,
      dataDir: this.options.dataDir,
      owner,
      image: this.options.image,
      poolSize,
      logger: this.logger,
    });
    let cleaned: Promise<void> | undefined;
    const cleanup = () =>
      (cleaned ??= (async () => {
        const start = performance.now();
        const removed = await removeAllOf(manager, this.driver, owner);
        if (removed > 2)
          console.log(
            `  removed ${removed} sandboxes in ${((performance.now() - start) / 1000).toFixed(1)} s`,
          );
      })());
    this.cleanups.add(cleanup);
    try {
      return await fn(manager);
    } finally {
      await cleanup();
      this.cleanups.delete(cleanup);
    }
  }

  /**
   * Records a sandbox owner label that something outside this process (a broker child process)
   * creates sandboxes under, so `cleanupAll()` sweeps them too.
   */
  trackOwner(owner: string): void {
    this.owners.add(owner);
  }

  /** Removes every sandbox labelled with `owner` (workspaces and metadata too); returns how many. */
  async removeSandboxesOf(owner: string): Promise<number> {
    const manager = await SandboxManager.open({
      driver: this.driver,
      dataDir: this.options.dataDir,
      owner,
      image: this.options.image,
      logger: this.logger,
    });
    return removeAllOf(manager, this.driver, owner);
  }

  /** Registers a cleanup to run at the end of the run (or on interrupt); returns its remover. */
  onCleanup(cleanup: () => Promise<void>): () => void {
    this.cleanups.add(cleanup);
    return () => this.cleanups.delete(cleanup);
  }

  /**
   * Runs every pending cleanup, then sweeps anything this run left in Docker: raw containers with
   * its run label and sandboxes of its owners (through a fresh manager, so workspaces go too).
   * Returns how many leftovers the sweep found.
   */
  async cleanupAll(): Promise<number> {
    for (const cleanup of [...this.cleanups]) {
      await cleanup().catch((error: unknown) => console.error(`cleanup failed: ${String(error)}`));
      this.cleanups.delete(cleanup);
    }
    let leftovers = 0;
    leftovers += await this.raw.removeAll().catch((error: unknown) => {
      console.error(`removing raw containers failed: ${String(error)}`);
      return 0;
    });
    for (const owner of this.owners) {
      const left = await this.driver.list(owner).catch(() => []);
      if (left.length === 0) continue;
      leftovers += left.length;
      const manager = await SandboxManager.open({
        driver: this.driver,
        dataDir: this.options.dataDir,
        owner,
        image: this.options.image,
        logger: this.logger,
      });
      await removeAllOf(manager, this.driver, owner).catch((error: unknown) =>
        console.error(`sweeping ${owner} failed: ${String(error)}`),
      );
    }
    return leftovers;
  }
}

async function removeAllOf(
  manager: SandboxManager,
  driver: DockerDriver,
  owner: string,
): Promise<number> {
  await manager.close();
  const listed = await driver.list(owner).catch(() => []);
  const ids = new Set([
    ...manager.list().map((info) => info.id),
    ...listed.map((found) => found.id),
  ]);
  await forEachLimit([...ids], 4, (id) => manager.remove(id));
  return ids.size;
}
