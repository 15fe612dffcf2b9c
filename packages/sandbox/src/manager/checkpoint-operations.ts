/**
 * Checkpoint, restore, fork and checkpoint deletion for the sandbox manager (documented on
 * `SandboxManager`, which delegates here). It reaches the manager's records and transitions only
 * through `CheckpointHost`.
 */
import type { Logger } from "pino";
import type { SandboxClient } from "../client/sandbox-client.js";
import {
  checkCheckpointRefs,
  checkpointNames,
  DEFAULT_MAX_ENVIRONMENT_LAYERS,
  type CheckpointCapture,
  type CheckpointOptions,
  type CheckpointProcess,
  type CheckpointRefs,
} from "../checkpoints/types.js";
import type { DriverSpec, SandboxDriver } from "../driver.js";
import { SandboxError } from "../errors.js";
import type { SandboxConfig, SandboxInfo } from "../types.js";
import type { WorkspaceStore } from "../workspace-store.js";
import { captureEnvironment, listProcesses, restartProcesses } from "./checkpoint-steps.js";
import { toInfo, writeMeta, type SandboxRecord, type SandboxSource } from "./sandbox-records.js";

/** What the operations need from the manager. */
export interface CheckpointHost {
  store: WorkspaceStore;
  driver: SandboxDriver;
  log: Logger;
  owner: string;
  dataDir: string;
  options: CheckpointOptions;
  record(id: string): SandboxRecord;
  /** Runs `action` in the sandbox's transition queue. */
  serialized<T>(id: string, action: () => Promise<T>): Promise<T>;
  resume(record: SandboxRecord): Promise<void>;
  startAndWait(record: SandboxRecord): Promise<unknown>;
  /** The daemon client, without starting anything. */
  client(id: string): SandboxClient;
  driverSpec(record: SandboxRecord): DriverSpec;
  /** Creates and starts a sandbox (not pooled) from a source. */
  createSandbox(projectId: string, config: Partial<SandboxConfig> | undefined, source: SandboxSource): Promise<SandboxRecord>;
}

export class CheckpointOperations {
  constructor(private readonly host: CheckpointHost) {}

  private get maxEnvironmentLayers(): number {
    return this.host.options.maxEnvironmentLayers ?? DEFAULT_MAX_ENVIRONMENT_LAYERS;
  }

  async checkpoint(id: string, options: { name: string; previousEnvironmentRef?: string | null }): Promise<CheckpointCapture> {
    const record = this.host.record(id);
    const names = checkpointNames(id, options.name);
    return this.host.serialized(id, async () => {
      const started = performance.now();
      if (record.state === "paused") await this.host.resume(record);
      record.lastActiveAt = Date.now();
      if (await this.host.store.exists(names.workspaceRef)) {
        throw new SandboxError("exists", `Checkpoint "${options.name}" already exists; take it under a new name or delete the old one first.`);
      }
      const [workspace, environment, processes] = await Promise.allSettled([
        this.host.store.snapshot(id, names.workspaceRef),
        captureEnvironment(this.host.driver.environments, {
          sandboxId: id,
          owner: this.host.owner,
          configImage: record.config.image,
          ref: names.environmentRef,
          previous: options.previousEnvironmentRef,
          maxLayers: this.maxEnvironmentLayers,
        }),
        record.state === "running" ? listProcesses(this.host.client(id)) : Promise.resolve([]),
      ]);
      if (workspace.status === "rejected" || environment.status === "rejected") {
        if (workspace.status === "fulfilled") await this.host.store.remove(names.workspaceRef).catch(() => undefined);
        if (environment.status === "fulfilled" && environment.value.committed) await this.host.driver.environments.remove(names.environmentRef).catch(() => undefined);
        throw workspace.status === "rejected" ? workspace.reason : (environment as PromiseRejectedResult).reason;
      }
      if (processes.status === "rejected") this.host.log.warn({ sandboxId: id, err: processes.reason }, "could not list the sandbox's processes; the checkpoint restarts none");
      const capture: CheckpointCapture = {
        workspaceRef: names.workspaceRef,
        environmentRef: environment.value.ref,
        environmentChanged: environment.value.ref !== (options.previousEnvironmentRef ?? null),
        processes: processes.status === "fulfilled" ? processes.value : [],
        durationMs: performance.now() - started,
      };
      this.host.log.info(
        { sandboxId: id, workspaceRef: capture.workspaceRef, environmentRef: capture.environmentRef, committed: environment.value.committed, processes: capture.processes.length, durationMs: Math.round(capture.durationMs) },
        "checkpoint taken",
      );
      return capture;
    });
  }

  /** Checks a checkpoint's parts exist and flattens a too deep environment image before it is used. */
  private async prepareCheckpoint(refs: CheckpointRefs): Promise<void> {
    checkCheckpointRefs(refs);
    if (!(await this.host.store.exists(refs.workspaceRef))) {
      throw new SandboxError("not_found", `The checkpoint workspace ${refs.workspaceRef} does not exist (was the checkpoint deleted?).`);
    }
    if (refs.environmentRef && (await this.host.driver.environments.compact(refs.environmentRef, this.maxEnvironmentLayers))) {
      this.host.log.info({ environmentRef: refs.environmentRef }, "flattened a deep environment image");
    }
  }

  async restore(id: string, refs: CheckpointRefs & { processes?: CheckpointProcess[] }): Promise<void> {
    const record = this.host.record(id);
    return this.host.serialized(id, async () => {
      const started = performance.now();
      await this.prepareCheckpoint(refs);
      const targetImage = refs.environmentRef ?? record.config.image;
      const environment = await this.host.driver.environments.state(id);
      const recreate = !environment || environment.image !== targetImage || environment.changes !== null;
      if (record.state === "paused") await this.host.driver.resume(id);
      if (recreate) {
        await this.host.driver.remove(id);
        record.state = "stopped";
        record.environmentImage = refs.environmentRef ?? undefined;
        await writeMeta(this.host.dataDir, record);
        await this.host.driver.create(this.host.driverSpec(record));
      } else if (record.state !== "stopped") {
        // Whatever runs is discarded with the workspace it used: no grace period.
        await this.host.driver.stop(id, 0);
      }
      record.state = "stopped";
      await this.host.store.replace(id, refs.workspaceRef);
      await this.host.startAndWait(record);
      const restarted = refs.processes?.length ? await restartProcesses(this.host.client(id), refs.processes, this.host.log, id) : 0;
      this.host.log.info({ sandboxId: id, workspaceRef: refs.workspaceRef, environmentRef: refs.environmentRef, recreated: recreate, restarted, durationMs: Math.round(performance.now() - started) }, "sandbox restored");
    });
  }

  async fork(refs: CheckpointRefs & { processes?: CheckpointProcess[] }, options: { projectId: string; config?: Partial<SandboxConfig> }): Promise<SandboxInfo> {
    const started = performance.now();
    await this.prepareCheckpoint(refs);
    const record = await this.host.createSandbox(options.projectId, options.config, {
      workspaceRef: refs.workspaceRef,
      environmentImage: refs.environmentRef ?? undefined,
    });
    const restarted = refs.processes?.length ? await restartProcesses(this.host.client(record.id), refs.processes, this.host.log, record.id) : 0;
    this.host.log.info({ sandboxId: record.id, projectId: options.projectId, workspaceRef: refs.workspaceRef, restarted, durationMs: Math.round(performance.now() - started) }, "sandbox forked");
    return toInfo(record);
  }

  async deleteCheckpoint(refs: CheckpointRefs, options: { keepEnvironment?: boolean } = {}): Promise<void> {
    checkCheckpointRefs(refs);
    await this.host.store.remove(refs.workspaceRef);
    if (refs.environmentRef && !options.keepEnvironment) await this.host.driver.environments.remove(refs.environmentRef);
    this.host.log.info({ workspaceRef: refs.workspaceRef, environmentRef: options.keepEnvironment ? null : refs.environmentRef }, "checkpoint deleted");
  }
}
