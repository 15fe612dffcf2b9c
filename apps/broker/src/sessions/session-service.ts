/**
 * Sessions on this broker: authorization, the session's sandbox (claimed from the warm pool or
 * created on first open, restarted when stopped), and a file watcher per active session that
 * turns workspace changes into `file-changed` events.
 */
import { ProtocolError } from "@codeyard/protocol";
import type { CheckpointProcess, CheckpointRefs, FileChange, SandboxClient, SandboxConfig, SandboxManager } from "@codeyard/sandbox";
import type { Logger } from "pino";
import type { BrokerStore, SessionRecord } from "../store.js";
import type { ClusterRouter } from "../cluster/cluster-router.js";
import { ProjectImageBuilds } from "../sandboxes/project-image-builds.js";
import type { EventLog } from "./event-log.js";

/** How long an access decision is reused (a removed member loses access within this time). */
const ACCESS_CACHE_MS = 5000;
/** The first watcher event this soon after the broker's own write of the same path is its echo. */
const OWN_WRITE_ECHO_MS = 2000;
/** A project's setup script (clone, installs) may take this long. */
const SETUP_TIMEOUT_MS = 15 * 60_000;

export class SessionService {
  private readonly watchers = new Map<string, Promise<{ close(): void }>>();
  /** Recent access decisions by user and session: every request checks, the database rarely. */
  private readonly accessCache = new Map<string, { session: SessionRecord; until: number }>();
  /** Paths the broker itself just wrote, per session: their watcher echo is not logged twice. */
  private readonly ownWrites = new Map<string, Map<string, number>>();
  private readonly claiming = new Map<string, Promise<string>>();
  private readonly images: ProjectImageBuilds;
  /** Setup scripts running in new sandboxes, by session. */
  private readonly setups = new Map<string, Promise<void>>();

  constructor(
    private readonly store: BrokerStore,
    private readonly manager: SandboxManager,
    private readonly events: EventLog,
    private readonly router: ClusterRouter,
    private readonly logger: Logger,
  ) {
    this.images = new ProjectImageBuilds(manager, logger.child({ component: "project-images" }));
  }

  /** The session, if this user may use it. Unknown and forbidden look the same to the client. */
  async access(userId: string, sessionId: string): Promise<SessionRecord> {
    const key = `${userId}\n${sessionId}`;
    const cached = this.accessCache.get(key);
    if (cached && cached.until > Date.now()) return cached.session;
    const session = await this.store.sessionForUser(sessionId, userId);
    if (!session) {
      this.accessCache.delete(key);
      throw new ProtocolError("not_found", `Session ${sessionId} does not exist or you have no access to it.`);
    }
    if (this.accessCache.size > 10_000) this.accessCache.clear();
    this.accessCache.set(key, { session, until: Date.now() + ACCESS_CACHE_MS });
    return session;
  }

  /** Records a write the broker logs itself (file-saved), so the watcher does not echo it. */
  noteOwnWrite(sessionId: string, path: string): void {
    const writes = this.ownWrites.get(sessionId) ?? new Map<string, number>();
    writes.set(path, Date.now());
    this.ownWrites.set(sessionId, writes);
  }

  private withoutOwnWrites(sessionId: string, changes: FileChange[]): FileChange[] {
    const writes = this.ownWrites.get(sessionId);
    if (!writes) return changes;
    const now = Date.now();
    for (const [path, at] of writes) if (now - at > OWN_WRITE_ECHO_MS) writes.delete(path);
    // One echo per write: a later change of the same path (the agent's, say) is news again.
    return changes.filter((change) => !writes.delete(change.path));
  }

  /** The running sandbox of a session, creating or restarting it when needed. */
  async sandbox(session: SessionRecord): Promise<{ sandboxId: string; client: SandboxClient }> {
    let sandboxId = session.sandboxId && this.manager.info(session.sandboxId) ? session.sandboxId : null;
    if (!sandboxId) {
      let pending = this.claiming.get(session.id);
      if (!pending) {
        pending = this.claim(session).finally(() => this.claiming.delete(session.id));
        this.claiming.set(session.id, pending);
      }
      sandboxId = await pending;
      session.sandboxId = sandboxId;
    }
    if (!(await this.router.own(sandboxId))) {
      throw new ProtocolError("unavailable", "Another broker took over this session's sandbox a moment ago; retry the request.");
    }
    const wasRunning = this.manager.info(sandboxId)?.state === "running";
    const client = await this.manager.client(sandboxId);
    if (!wasRunning) await this.events.append(session.id, [{ type: "sandbox-state", payload: { sandboxId, state: "running" } }]);
    this.ensureWatcher(session.id, client);
    return { sandboxId, client };
  }

  private async claim(session: SessionRecord): Promise<string> {
    await this.events.append(session.id, [{ type: "sandbox-state", payload: { sandboxId: "pending", state: "starting" } }]);
    try {
      const source = await this.forkSource(session);
      const config = await this.sandboxConfig(session);
      const info = source
        ? await this.manager.fork(source, { projectId: session.projectId, config })
        : await this.manager.claim(session.projectId, config);
      await this.store.setSessionSandbox(session.id, info.id);
      this.logger.info({ sessionId: session.id, sandboxId: info.id, forked: Boolean(source) }, "session sandbox ready");
      // A branch's files come from its checkpoint: the setup script ran when they were first made.
      if (!source && session.project.setupScript?.trim()) {
        const setup = this.runSetup(session.id, info.id, session.project.setupScript);
        this.setups.set(session.id, setup);
        void setup.finally(() => this.setups.delete(session.id));
      }
      return info.id;
    } catch (error) {
      await this.events.append(session.id, [
        { type: "sandbox-state", payload: { sandboxId: "pending", state: "failed", message: (error as Error).message } },
      ]);
      throw error;
    }
  }

  /**
   * The sandbox settings of the session's project for a new sandbox. A project with a Dockerfile
   * gets its image built first (or reused when nothing changed); the build's start and outcome go
   * to this session's log.
   */
  async sandboxConfig(session: SessionRecord): Promise<Partial<SandboxConfig>> {
    const { project } = session;
    const dockerfile = project.dockerfile?.trim() ? project.dockerfile : null;
    const image = dockerfile
      ? await this.images.imageFor({ id: project.id, dockerfile, limits: project.limits }, (events) => this.events.append(session.id, events).then(() => undefined))
      : (project.image ?? undefined);
    return {
      image,
      network: session.project.networkMode,
      allowlist: session.project.allowlist,
      // Partial: the manager fills the missing limits from its defaults.
      limits: session.project.limits as SandboxConfig["limits"],
    };
  }

  /** A branch gets its first sandbox forked from the checkpoint it was made from. */
  private async forkSource(session: SessionRecord): Promise<(CheckpointRefs & { processes: CheckpointProcess[] }) | null> {
    if (!session.forkedFromCheckpointId) return null;
    const checkpoint = await this.store.checkpoints.byId(session.forkedFromCheckpointId);
    if (!checkpoint) throw new ProtocolError("not_found", "The checkpoint this branch was made from was deleted; its files cannot be restored.");
    return { workspaceRef: checkpoint.workspaceRef, environmentRef: checkpoint.environmentRef, processes: checkpoint.processes };
  }

  /** Resolves once the setup script of the session's new sandbox has finished (at once if none runs). */
  setupFinished(sessionId: string): Promise<void> {
    return this.setups.get(sessionId) ?? Promise.resolve();
  }

  /** Runs the project's setup script in a new sandbox, in the background, logging its outcome. */
  private async runSetup(sessionId: string, sandboxId: string, script: string): Promise<void> {
    const release = this.manager.hold(sandboxId);
    try {
      await this.events.append(sessionId, [{ type: "setup-started", payload: { sandboxId } }]);
      const client = await this.manager.client(sandboxId);
      const result = await client.exec({ shell: script, timeoutMs: SETUP_TIMEOUT_MS, maxOutputBytes: 64 * 1024 });
      const output = `${result.stdout}${result.stderr}`.slice(-8000);
      await this.events.append(sessionId, [
        { type: "setup-finished", payload: { sandboxId, exitCode: result.exitCode, timedOut: result.timedOut, message: result.message, output } },
      ]);
    } catch (error) {
      this.logger.error({ err: error, sessionId, sandboxId }, "setup script failed to run");
      await this.events
        .append(sessionId, [{ type: "setup-finished", payload: { sandboxId, exitCode: null, timedOut: false, message: (error as Error).message, output: "" } }])
        .catch(() => undefined);
    } finally {
      release();
    }
  }

  private ensureWatcher(sessionId: string, client: SandboxClient): void {
    if (this.watchers.has(sessionId)) return;
    const watcher = client.watch(
      undefined,
      (all) => {
        const changes = this.withoutOwnWrites(sessionId, all);
        if (!changes.length) return;
        this.events.append(sessionId, [{ type: "file-changed", payload: { changes } }]).catch((error: unknown) => this.logger.error({ err: error, sessionId }, "file-changed not logged"));
      },
      () => this.watchers.delete(sessionId),
    );
    watcher.catch(() => this.watchers.delete(sessionId));
    this.watchers.set(sessionId, watcher);
  }

  async close(): Promise<void> {
    for (const watcher of this.watchers.values()) (await watcher.catch(() => null))?.close();
    this.watchers.clear();
  }
}
