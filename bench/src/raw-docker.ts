/**
 * Baselines: the same operations done with raw dockerode and no Codeyard code, from the same
 * image, so each metric can be read as a ratio to what Docker alone costs on this machine.
 * Every container made here carries `dev.codeyard.bench=true` and this run's id, and is removed
 * by `removeAll()` (also after a failure).
 */
import type Docker from "dockerode";

export const RAW_LABEL = "dev.codeyard.bench";
export const RAW_RUN_LABEL = "dev.codeyard.bench.run";

export class RawDocker {
  private readonly created = new Set<string>();
  private readonly images = new Set<string>();
  private seq = 0;

  constructor(
    readonly docker: Docker,
    readonly image: string,
    readonly runId: string,
  ) {}

  /** Creates and starts an idle `sleep infinity` container from the image (default settings). */
  async createAndStart(image = this.image): Promise<Docker.Container> {
    const container = await this.docker.createContainer({
      name: `codeyard-bench-raw-${this.runId}-${++this.seq}`,
      Image: image,
      Cmd: ["sleep", "infinity"],
      Labels: { [RAW_LABEL]: "true", [RAW_RUN_LABEL]: this.runId },
    });
    this.created.add(container.id);
    await container.start();
    return container;
  }

  /**
   * One `docker exec`: create the exec, start it attached, wait for its stream to end, then
   * inspect it for the exit code. Returns the exit code.
   */
  async exec(container: Docker.Container, argv: string[]): Promise<number> {
    const exec = await container.exec({ Cmd: argv, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    await new Promise<void>((resolve, reject) => {
      stream.once("end", resolve);
      stream.once("close", resolve);
      stream.once("error", reject);
      stream.resume();
    });
    // The exit code is recorded right after the stream closes; retry briefly if it is not yet.
    for (let attempt = 0; ; attempt++) {
      const { ExitCode, Running } = await exec.inspect();
      if (!Running && ExitCode !== null && ExitCode !== undefined) return ExitCode;
      if (attempt >= 50)
        throw new Error(`docker exec ${argv.join(" ")} has no exit code after its stream ended`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  async remove(container: Docker.Container): Promise<void> {
    try {
      await container.remove({ force: true, v: true });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 409) throw error;
    }
    this.created.delete(container.id);
  }

  /** `docker commit` (paused, as by default) of the container into a new image; returns its id. */
  async commit(container: Docker.Container): Promise<string> {
    const { Id } = (await container.commit({
      repo: "codeyard/bench-commit",
      tag: `${this.runId}-${++this.seq}`,
      pause: true,
    })) as { Id: string };
    this.images.add(Id);
    return Id;
  }

  async removeImage(id: string): Promise<void> {
    try {
      await this.docker.getImage(id).remove({ force: true });
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
    this.images.delete(id);
  }

  /** Memory the container uses, computed as the sandbox driver's `memoryUsage` does. */
  async memoryUsage(container: Docker.Container): Promise<number> {
    const stats = await container.stats({ stream: false });
    const memory = stats.memory_stats;
    const detail = memory.stats as Record<string, number> | undefined;
    const cache = detail?.total_inactive_file ?? detail?.inactive_file ?? 0;
    return Math.max(0, (memory.usage ?? 0) - cache);
  }

  /**
   * Removes every container this run made (the ones it tracked and any left with its label), then
   * the images it committed.
   */
  async removeAll(): Promise<number> {
    const labelled = await this.docker.listContainers({
      all: true,
      filters: { label: [`${RAW_RUN_LABEL}=${this.runId}`] },
    });
    const ids = new Set([...this.created, ...labelled.map((container) => container.Id)]);
    await forEachLimit([...ids], 4, (id) => this.remove(this.docker.getContainer(id)));
    const images = [...this.images];
    await forEachLimit(images, 2, (id) => this.removeImage(id));
    return ids.size + images.length;
  }
}

/** Runs `fn` over `items` with at most `limit` calls in flight; rejects with the first error after all settle. */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let firstError: unknown;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        await fn(items[index]!, index);
      } catch (error) {
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (firstError !== undefined) throw firstError;
}
