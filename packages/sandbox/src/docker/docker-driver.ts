/** Hardened Docker sandboxes through dockerode (Engine API, negotiated version). */
import { PassThrough } from "node:stream";
import Docker from "dockerode";
import { SandboxError } from "../errors.js";
import type { DriverExecResult, DriverSandbox, DriverSpec, SandboxDriver } from "../driver.js";
import { DockerEgress } from "./docker-egress.js";
import { DockerEnvironments } from "./docker-environments.js";
import { DockerProjectImages } from "./docker-project-images.js";
import { containerName, engineError, LABEL, statusOf } from "./engine-errors.js";
import type { NetworkMode, SandboxState } from "../types.js";
import { ensureSandboxNetworks, networkNameFor } from "./networks.js";


export interface DockerDriverOptions {
  docker?: Docker;
}

export { containerName, LABEL };

export class DockerDriver implements SandboxDriver {
  readonly name = "docker";
  readonly docker: Docker;
  readonly environments: DockerEnvironments;
  readonly projectImages: DockerProjectImages;
  readonly egress: DockerEgress;
  private networksReady: Promise<void> | undefined;

  constructor(options: DockerDriverOptions = {}) {
    this.docker = options.docker ?? new Docker();
    this.environments = new DockerEnvironments(this.docker);
    this.projectImages = new DockerProjectImages(this.docker, () => this.ensureNetworks());
    this.egress = new DockerEgress(this.docker, () => this.ensureNetworks());
  }

  private ensureNetworks(): Promise<void> {
    this.networksReady ??= ensureSandboxNetworks(this.docker).catch((error) => {
      this.networksReady = undefined;
      throw engineError(error, "create the sandbox networks");
    });
    return this.networksReady;
  }

  private container(id: string) {
    return this.docker.getContainer(containerName(id));
  }

  async create(spec: DriverSpec): Promise<void> {
    await this.ensureNetworks();
    try {
      await this.docker.createContainer({
        name: containerName(spec.id),
        Image: spec.image,
        Hostname: "sandbox",
        User: "1000:1000",
        WorkingDir: "/workspace",
        Env: Object.entries(spec.env).map(([key, value]) => `${key}=${value}`),
        Labels: {
          ...spec.labels,
          [LABEL.managed]: "true",
          [LABEL.owner]: spec.owner,
          [LABEL.sandbox]: spec.id,
          [LABEL.network]: spec.network,
          ...(spec.allowlist ? { [LABEL.allowlist]: JSON.stringify(spec.allowlist) } : {}),
        },
        Cmd: ["/opt/codeyard/bin/node", "--max-semi-space-size=1", "--max-old-space-size=64", "/opt/codeyard/sandboxd.cjs"],
        HostConfig: {
          Binds: [`${spec.workspaceDir}:/workspace`, `${spec.runDir}:/run/codeyard`, `${spec.runtimeDir}:/opt/codeyard:ro`],
          NetworkMode: networkNameFor(spec.network),
          // Hardening: no capabilities, no privilege escalation, capped memory (no swap), CPU and
          // processes; an init reaps zombies. (Commands raise their own oom_score_adj to 1000, so
          // the OOM killer picks them before the daemon; a negative adj cannot be set on this host.)
          CapDrop: ["ALL"],
          SecurityOpt: ["no-new-privileges:true"],
          Privileged: false,
          Init: true,
          Memory: spec.limits.memoryBytes,
          MemorySwap: spec.limits.memoryBytes,
          NanoCpus: Math.round(spec.limits.cpus * 1e9),
          PidsLimit: spec.limits.pids,
          IpcMode: "private",
          LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "1" } },
          RestartPolicy: { Name: "no" },
        },
      });
    } catch (error) {
      if (statusOf(error) === 409) return; // already exists: create is idempotent
      throw engineError(error, "create the sandbox container");
    }
  }

  private async idempotent(id: string, action: string, fn: () => Promise<unknown>, okStatuses: number[]): Promise<void> {
    try {
      await fn();
    } catch (error) {
      const status = statusOf(error);
      if (status !== undefined && okStatuses.includes(status)) return;
      if (status === 404) throw new SandboxError("not_found", `Sandbox ${id} does not exist (its container was removed).`, { cause: error });
      throw engineError(error, action);
    }
  }

  start(id: string): Promise<void> {
    return this.idempotent(id, "start the sandbox", () => this.container(id).start(), [304]);
  }

  stop(id: string, graceSeconds = 5): Promise<void> {
    return this.idempotent(id, "stop the sandbox", () => this.container(id).stop({ t: graceSeconds }), [304]);
  }

  async pause(id: string): Promise<void> {
    // 409 covers "already paused" and "not running"; the manager checks state before pausing.
    return this.idempotent(id, "pause the sandbox", () => this.container(id).pause(), [409]);
  }

  resume(id: string): Promise<void> {
    return this.idempotent(id, "resume the sandbox", () => this.container(id).unpause(), [409]);
  }

  async remove(id: string): Promise<void> {
    try {
      await this.container(id).remove({ force: true, v: true });
    } catch (error) {
      const status = statusOf(error);
      if (status === 404 || status === 409) return; // gone, or removal already in progress
      throw engineError(error, "remove the sandbox");
    }
  }

  async inspect(id: string): Promise<DriverSandbox | null> {
    try {
      const info = await this.container(id).inspect();
      const state: SandboxState = info.State.Paused ? "paused" : info.State.Running ? "running" : "stopped";
      const networks = Object.values(info.NetworkSettings.Networks ?? {});
      return {
        id,
        state,
        image: info.Config.Image,
        network: (info.Config.Labels[LABEL.network] ?? "none") as NetworkMode,
        createdAt: new Date(info.Created),
        labels: info.Config.Labels,
        ipAddress: networks.find((network) => network.IPAddress)?.IPAddress ?? null,
      };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw engineError(error, "inspect the sandbox");
    }
  }

  async list(owner: string): Promise<DriverSandbox[]> {
    let containers: Docker.ContainerInfo[];
    try {
      containers = await this.docker.listContainers({ all: true, filters: { label: [`${LABEL.managed}=true`, `${LABEL.owner}=${owner}`] } });
    } catch (error) {
      throw engineError(error, "list sandboxes");
    }
    return containers.map((container) => ({
      id: container.Labels[LABEL.sandbox] ?? container.Names[0]!.replace(/^\/codeyard-/, ""),
      state: container.State === "paused" ? "paused" : container.State === "running" ? "running" : "stopped",
      image: container.Image,
      network: (container.Labels[LABEL.network] ?? "none") as NetworkMode,
      createdAt: new Date(container.Created * 1000),
      labels: container.Labels,
      ipAddress: Object.values(container.NetworkSettings?.Networks ?? {}).find((network) => network.IPAddress)?.IPAddress ?? null,
    }));
  }

  async execFallback(id: string, argv: string[], options: { user?: string; timeoutMs?: number } = {}): Promise<DriverExecResult> {
    try {
      const exec = await this.container(id).exec({ Cmd: argv, AttachStdout: true, AttachStderr: true, User: options.user ?? "1000:1000" });
      const stream = await exec.start({ hijack: true, stdin: false });
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      stdout.on("data", (chunk: Buffer) => out.push(chunk));
      stderr.on("data", (chunk: Buffer) => err.push(chunk));
      this.docker.modem.demuxStream(stream, stdout, stderr);
      await new Promise<void>((resolve, reject) => {
        const timer = options.timeoutMs
          ? setTimeout(() => {
              stream.destroy();
              reject(new SandboxError("timeout", `docker exec of ${argv[0]} did not finish within ${options.timeoutMs} ms.`));
            }, options.timeoutMs)
          : undefined;
        stream.on("end", () => {
          if (timer) clearTimeout(timer);
          resolve();
        });
        stream.on("error", reject);
      });
      const { ExitCode } = await exec.inspect();
      return { exitCode: ExitCode ?? -1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
    } catch (error) {
      if (error instanceof SandboxError) throw error;
      throw engineError(error, "run a command with docker exec");
    }
  }

  async memoryUsage(id: string): Promise<number> {
    const stats = await this.container(id).stats({ stream: false });
    const memory = stats.memory_stats;
    // Page cache is reclaimable; report what the sandbox really holds, as `docker stats` does.
    const cache = (memory.stats as Record<string, number> | undefined)?.total_inactive_file ?? (memory.stats as Record<string, number> | undefined)?.inactive_file ?? 0;
    return Math.max(0, (memory.usage ?? 0) - cache);
  }
}
