/**
 * Assembles a broker: sandbox manager, HTTP (health, metrics) and socket.io on one port, and —
 * with a Redis URL — the adapter that lets several brokers serve one session.
 * `main.ts` runs it as a process; tests start it in-process or as a child process.
 */
import type { AddressInfo } from "node:net";
import { DockerDriver, SandboxManager, type SandboxManagerOptions } from "@codeyard/sandbox";
import { createAdapter } from "@socket.io/redis-adapter";
import type { Logger } from "pino";
import { createClient } from "redis";
import { ClusterRouter, FORWARD_TIMEOUT_MS } from "./cluster/cluster-router.js";
import { healthReport } from "./health.js";
import { createHttpServer } from "./http-server.js";
import { createMetrics } from "./metrics.js";
import { Notifier } from "./notifications/notifier.js";
import type { VapidKeys } from "./notifications/vapid-keys.js";
import { EventLog } from "./sessions/event-log.js";
import { createPreviewServer } from "./preview/preview-proxy.js";
import { PreviewTokens } from "./preview/preview-tokens.js";
import { AttemptService } from "./checkpoints/attempt-service.js";
import { createCheckpointHandlers } from "./checkpoints/checkpoint-handlers.js";
import { CheckpointService } from "./checkpoints/checkpoint-service.js";
import { EventRedactor } from "./redaction/event-redactor.js";
import { startDeletedProjectReaper } from "./sandboxes/deleted-project-reaper.js";
import { sandboxStateRelay } from "./sandboxes/sandbox-state-relay.js";
import { RunService } from "./runs/run-service.js";
import { SessionService } from "./sessions/session-service.js";
import { ShareFollowers } from "./sharing/share-followers.js";
import { createShareHandlers } from "./sharing/share-handlers.js";
import { remoteChannel } from "./socket/client-channel.js";
import { execute, toErrorBody, type DispatchDeps } from "./socket/dispatch.js";
import { createHandlers } from "./socket/handlers.js";
import { acceptConnections, createSocketServer } from "./socket/socket-server.js";
import type { BrokerStore } from "./store.js";
import { TaskService } from "./tasks/task-service.js";
import { TerminalBridge } from "./terminals/terminal-bridge.js";

export interface BrokerOptions {
  brokerId: string;
  host: string;
  port: number;
  store: BrokerStore;
  sandbox: Omit<SandboxManagerOptions, "driver" | "owner" | "logger">;
  corsOrigin: string;
  /** Redis for the socket.io adapter; set it to run several brokers behind one address. */
  redisUrl?: string;
  /** App previews: the proxy's port and domain, and the key that signs preview links. */
  preview: { host: string; port: number; domain: string; key: Buffer };
  /** Checkpoints kept per session before retention deletes the oldest unreferenced ones. */
  checkpointsPerSession?: number;
  /** Checkpoints no row refers to are removed this long after they were taken (unset or 0: never). */
  orphanCheckpointsAfterMs?: number;
  /** How often sandboxes of deleted projects are looked for and removed (default one minute). */
  reapDeletedProjectsEveryMs?: number;
  /** Web Push identity for task notifications; without it they are only listed in the app. */
  push?: VapidKeys;
  logger: Logger;
}

export interface Broker {
  url: string;
  previewUrl: string;
  manager: SandboxManager;
  close(): Promise<void>;
}

export async function startBroker(options: BrokerOptions): Promise<Broker> {
  const { logger, store } = options;
  const driver = new DockerDriver();
  // Idle pauses and stops go to the sessions' logs, once the event log exists (a moment later).
  const stateRelay: { to?: SandboxManagerOptions["onStateChange"] } = {};
  const manager = await SandboxManager.open({
    ...options.sandbox,
    driver,
    owner: options.brokerId,
    logger: logger.child({ component: "sandbox" }),
    onStateChange: (change) => stateRelay.to?.(change),
  });
  // Sandboxes no session points at any more are leftovers of a crash between claim and record.
  const inUse = await store.sandboxIdsInUse();
  const reaped = await manager.reapOrphans((info) => inUse.has(info.id));
  if (reaped.length) logger.info({ reaped }, "reaped orphan sandboxes");

  const metrics = createMetrics();
  const http = createHttpServer({
    health: () => healthReport(manager, driver, options.sandbox.image),
    metrics: async () => {
      for (const state of ["running", "paused", "stopped"]) metrics.sandboxes.set({ state }, manager.list().filter((info) => info.state === state).length);
      return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
    },
    logger,
  });
  const io = createSocketServer(http, { corsOrigin: options.corsOrigin });
  const redisClients = options.redisUrl ? [createClient({ url: options.redisUrl }), createClient({ url: options.redisUrl })] : [];
  if (redisClients.length) {
    await Promise.all(redisClients.map((client) => client.connect()));
    io.adapter(createAdapter(redisClients[0], redisClients[1], { requestsTimeout: FORWARD_TIMEOUT_MS }));
  }

  const router = new ClusterRouter(io, store, options.brokerId, redisClients.length > 0, logger);
  const events = new EventLog(store, io, metrics, new EventRedactor(store, logger.child({ component: "redaction" })));
  stateRelay.to = sandboxStateRelay(store, events, logger);
  const followers = new ShareFollowers(store, logger.child({ component: "sharing" }));
  const sessions = new SessionService(store, manager, events, router, logger);
  const terminals = new TerminalBridge(manager, events);
  const runs = new RunService(store, sessions, manager, events, logger.child({ component: "runs" }));
  const notifier = new Notifier(store, io, options.push, logger.child({ component: "notifier" }));
  const tasks = new TaskService({ store, sessions, runs, events, notifier, manager, io, logger: logger.child({ component: "tasks" }) });
  tasks.start();
  const previewTokens = new PreviewTokens(options.preview.key);
  const previewServer = createPreviewServer({ manager, tokens: previewTokens, domain: options.preview.domain, logger });
  await new Promise<void>((resolve) => previewServer.listen(options.preview.port, options.preview.host, resolve));
  const previewPort = (previewServer.address() as AddressInfo).port;
  const previews = { tokens: previewTokens, origin: (port: number, sandboxId: string) => `http://${port}-${sandboxId}.${options.preview.domain}:${previewPort}`, pathBase: `http://${options.preview.host}:${previewPort}` };
  const checkpoints = new CheckpointService(store, manager, sessions, events, (sessionId) => runs.isActive(sessionId), { keepPerSession: options.checkpointsPerSession ?? 1000 }, logger.child({ component: "checkpoints" }));
  runs.onStarting((session) => checkpoints.beforeFirstRun(session));
  runs.onFinished((run) => checkpoints.afterRun(run));
  const attempts = new AttemptService(store, manager, sessions, checkpoints, runs, events, logger.child({ component: "attempts" }));
  tasks.startAttempts = async (session, request, userId) => {
    await attempts.start(session, { sessionId: session.id, prompt: request.prompt, count: request.count, models: request.model ? [request.model] : undefined }, userId);
  };
  const more = createCheckpointHandlers({ store, manager, sessions, checkpoints, attempts });
  const share = createShareHandlers({ store, events, followers });
  const { requests, internal } = createHandlers({ more, sessions, events, terminals, runs, router, previews, share, tasks: { tasks, notifier, store, sessions, events } });
  const deps: DispatchDeps = { handlers: requests, sessions, router, logger, metrics };
  acceptConnections(io, { ...deps, store, terminals, followers });
  router.onForwarded(async (message) => {
    const ctx = { userId: message.userId, client: remoteChannel(io, message.socketId) };
    const handler = internal[message.name];
    if (handler) {
      try {
        return { ok: true, data: await handler(ctx, message.request) };
      } catch (error) {
        return { ok: false, error: toErrorBody(error, logger) };
      }
    }
    return execute(message.name, message.request, ctx, deps, { route: false });
  });
  router.onSocketGone((socketId) => terminals.detachConnection(socketId));
  router.startRenewing();
  const reaper = startDeletedProjectReaper({
    manager,
    store,
    everyMs: options.reapDeletedProjectsEveryMs ?? 60_000,
    logger,
    onReaped: (sandboxId) => router.release(sandboxId),
    orphanCheckpointsAfterMs: options.orphanCheckpointsAfterMs,
  });
  io.of("/").adapter.on("create-room", (room: string) => room.startsWith("session:") && metrics.sessions.inc());
  io.of("/").adapter.on("delete-room", (room: string) => room.startsWith("session:") && metrics.sessions.dec());

  // Pushes a stopped broker left pending go out first: the query sees only those, none of the
  // notifications the recoveries below may write.
  await notifier.resumePending();
  await runs.recover();
  await tasks.recover();
  await new Promise<void>((resolve) => http.listen(options.port, options.host, resolve));
  const address = http.address() as AddressInfo;
  const url = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${address.port}`;
  logger.info({ url, adopted: manager.adopted.length, clustered: router.clustered }, "broker listening");

  return {
    url,
    previewUrl: previews.pathBase,
    manager,
    async close() {
      router.stop();
      followers.close();
      await reaper.stop();
      previewServer.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redisClients.map((client) => client.quit().catch(() => undefined)));
      await sessions.close();
      await notifier.close();
      await manager.close();
    },
  };
}
