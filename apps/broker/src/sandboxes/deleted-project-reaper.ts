/**
 * Removes this broker's sandboxes whose project was deleted (the web app deletes the row; the
 * containers and workspaces are the broker's to clean up), every `everyMs` until stopped.
 * Pooled sandboxes and ones created without a project are never touched. With
 * `orphanCheckpointsAfterMs`, each sweep also removes checkpoint snapshots and environment images
 * that no checkpoint row refers to any more (their project was deleted, rows and all).
 */
import type { SandboxManager } from "@codeyard/sandbox";
import type { Logger } from "pino";
import type { BrokerStore } from "../store.js";

export interface DeletedProjectReaper {
  /** One sweep now; resolves with the removed sandbox ids. */
  sweep(): Promise<string[]>;
  stop(): Promise<void>;
}

export function startDeletedProjectReaper(deps: {
  manager: SandboxManager;
  store: BrokerStore;
  everyMs: number;
  logger: Logger;
  /** Called for each removed sandbox (e.g. to stop renewing its lease). */
  onReaped?: (sandboxId: string) => void;
  orphanCheckpointsAfterMs?: number;
}): DeletedProjectReaper {
  const { manager, store, logger } = deps;
  let running: Promise<string[]> | undefined;

  const sweepOnce = async (): Promise<string[]> => {
    if (deps.orphanCheckpointsAfterMs) {
      await manager
        .sweepCheckpoints(await store.checkpoints.refsInUse(), deps.orphanCheckpointsAfterMs)
        .catch((error: unknown) => logger.warn({ err: error }, "sweep for checkpoints of deleted projects failed"));
    }
    const projectIds = [
      ...new Set(
        manager.list().flatMap((info) => (info.pooled || !info.projectId ? [] : [info.projectId])),
      ),
    ];
    if (!projectIds.length) return [];
    const existing = await store.existingProjectIds(projectIds);
    // Only projects checked just now and found gone: a sandbox claimed meanwhile is kept.
    const deleted = new Set(projectIds.filter((id) => !existing.has(id)));
    if (!deleted.size) return [];
    const reaped = await manager.reapOrphans(
      (info) => !info.projectId || !deleted.has(info.projectId),
    );
    for (const sandboxId of reaped) deps.onReaped?.(sandboxId);
    if (reaped.length) logger.info({ reaped }, "removed sandboxes of deleted projects");
    return reaped;
  };
  // One sweep at a time: a slow one (many removals) is never overlapped by the next tick.
  const sweep = () =>
    (running ??= sweepOnce().finally(() => {
      running = undefined;
    }));

  const timer = setInterval(() => {
    sweep().catch((error: unknown) =>
      logger.warn({ err: error }, "sweep for sandboxes of deleted projects failed"),
    );
  }, deps.everyMs).unref();

  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
