/**
 * Everything the IDE page holds for one session, wired together: the broker connection, the
 * session log (→ transcript, sandbox state, live reload), files, tabs and terminals. One instance
 * per page, created by IdeScreen and handed to components through context.
 */
import { BrokerEventPayloads, type SessionEvent } from "@codeyard/protocol";
import { BrokerClient } from "@/lib/broker/broker-client";
import { SessionSync } from "@/lib/broker/session-sync";
import { browserStorage, SessionMemory } from "@/lib/ide/local-memory";
import { isTemporaryWrite } from "@/lib/ide/changed-files";
import { normalizeWorkspacePath } from "@/lib/ide/paths";
import { applySandboxEvent, type SandboxStatus } from "@/lib/ide/sandbox-status";
import { applySandboxStepEvent, noSandboxSteps, sandboxStarted, type SandboxSteps } from "@/lib/ide/sandbox-steps";
import { createStore } from "@/lib/ide/store";
import { applyAttemptEvents } from "@/lib/ide/attempt-groups";
import { SessionHistory } from "@/lib/ide/session-history";
import { applyEvents, emptyTranscript, type Transcript } from "@/lib/ide/transcript";
import { AttemptActions } from "./attempt-actions";
import { BranchesStore } from "./branches-store";
import { CheckpointActions } from "./checkpoint-actions";
import { EditorStore } from "./editor-store";
import { FileActions } from "./file-actions";
import { FileIndex } from "./file-index";
import { FileTreeStore } from "./file-tree-store";
import { Notices } from "./notices";
import { RunBaselines } from "./run-baselines";
import { TerminalManager } from "./terminal-manager";

export interface WorkbenchOptions {
  brokerUrl: string;
  sessionId: string;
  projectId: string;
  /** The project's verify command (settings), the attempts form's default. */
  verifyCommand?: string | null;
  /** The project's model, shown as the default of attempts without a model of their own. */
  defaultModel?: string | null;
}

export type SidePanel = "files" | "search";
export type AgentView = "chat" | "timeline" | "branches" | "attempts";

export interface LayoutState {
  side: SidePanel;
  terminalOpen: boolean;
  quickOpen: boolean;
  /** Bumped to move the focus to the search field. */
  searchFocus: number;
}

/** Events after which the session family (branch tree) looks different. */
const FAMILY_EVENTS = new Set([
  "conversation-rewound",
  "branch-created",
  "attempts-started",
  "attempt-updated",
  "attempt-kept",
]);

export class Workbench {
  readonly client: BrokerClient;
  readonly sync: SessionSync;
  readonly memory: SessionMemory;
  readonly notices = new Notices();
  readonly editor: EditorStore;
  readonly tree: FileTreeStore;
  readonly files: FileActions;
  readonly fileIndex: FileIndex;
  readonly terminals: TerminalManager;
  readonly baselines = new RunBaselines();
  readonly transcript = createStore<Transcript>(emptyTranscript);
  readonly sandbox = createStore<SandboxStatus>({ state: "unknown" });
  /** The session's events minus what rewinds went back over. */
  readonly history = new SessionHistory();
  readonly checkpoints: CheckpointActions;
  readonly attempts: AttemptActions;
  readonly branches: BranchesStore;
  readonly agentView = createStore<AgentView>("chat");
  /** Opens another page of the app (IdeScreen hands in the router; a full load without one). */
  navigate: (url: string) => void = (url) => window.location.assign(url);
  /** The project image build and setup script of a new sandbox. */
  readonly sandboxSteps = createStore<SandboxSteps>(noSandboxSteps);
  readonly layout = createStore<LayoutState>({
    side: "files",
    terminalOpen: true,
    quickOpen: false,
    searchFocus: 0,
  });
  private readonly cleanups: Array<() => void> = [];

  constructor(readonly options: WorkbenchOptions) {
    const { brokerUrl, sessionId } = options;
    this.client = new BrokerClient(brokerUrl);
    this.sync = new SessionSync(this.client, sessionId);
    this.memory = new SessionMemory(browserStorage(), sessionId);
    this.editor = new EditorStore(this.client, sessionId, this.memory, this.notices);
    this.tree = new FileTreeStore(this.client, sessionId, this.memory);
    this.files = new FileActions(this.client, sessionId, this.tree, this.editor, this.notices);
    this.fileIndex = new FileIndex(this.client, sessionId);
    this.terminals = new TerminalManager(this.client, sessionId, this.memory, this.notices);
    this.checkpoints = new CheckpointActions(this.client, sessionId, this.notices, (id) =>
      this.openSession(id),
    );
    this.attempts = new AttemptActions(this.client, sessionId, this.notices);
    this.branches = new BranchesStore(this.client, sessionId);
  }

  get sessionId(): string {
    return this.options.sessionId;
  }

  /** The IDE address of a session of this project. */
  sessionUrl(sessionId: string): string {
    return `/projects/${encodeURIComponent(this.options.projectId)}/sessions/${encodeURIComponent(sessionId)}`;
  }

  openSession(sessionId: string): void {
    this.navigate(this.sessionUrl(sessionId));
  }

  start(): void {
    this.cleanups.push(
      this.sync.onEvents((events, replay) => this.onEvents(events, replay)),
      this.sync.onJoined(({ terminals, first }) => {
        // Joining makes sure the sandbox runs; the log does not always say so (a sandbox claimed
        // warm from the pool is never "started").
        this.sandbox.set({ state: "running" });
        this.sandboxSteps.set(sandboxStarted);
        if (first) {
          this.tree.restore();
          this.editor.restore();
        } else {
          this.tree.refreshAll();
          this.editor.recheckAll();
          this.fileIndex.invalidate();
        }
        this.terminals.sessionJoined(terminals, first);
      }),
    );
    this.terminals.start();
    this.sync.start();
    this.client.connect();
  }

  private onEvents(events: SessionEvent[], replay: boolean): void {
    if (this.history.append(events)) {
      // A rewind hides events already shown: everything derived from them is built again.
      this.transcript.set(applyEvents(emptyTranscript, this.history.events));
      this.attempts.groups.set(applyAttemptEvents([], this.history.events));
    } else {
      this.transcript.set((transcript) => applyEvents(transcript, events));
      this.attempts.groups.set((groups) => applyAttemptEvents(groups, events));
    }
    this.sandbox.set((status) => events.reduce(applySandboxEvent, status));
    this.sandboxSteps.set((steps) => events.reduce(applySandboxStepEvent, steps));
    if (replay) return;
    for (const event of events) {
      if (FAMILY_EVENTS.has(event.type)) this.branches.invalidate();
      if (event.type === "conversation-rewound" || event.type === "attempt-kept") {
        // The broker put other files in place (a checkpoint's, or the kept attempt's).
        this.workspaceReplaced();
      } else if (event.type === "run-started") {
        const runId = (event.payload as { runId?: unknown }).runId;
        if (typeof runId === "string") this.baselines.capture(runId, this.editor.savedContents());
      } else if (event.type === "file-changed") {
        const parsed = BrokerEventPayloads["file-changed"].safeParse(event.payload);
        if (!parsed.success) continue;
        const paths = parsed.data.changes
          .map((change) => normalizeWorkspacePath(change.path))
          .filter(
            (path): path is string => path !== null && path !== "" && !isTemporaryWrite(path),
          );
        if (paths.length === 0) continue;
        this.editor.filesChanged(paths);
        this.tree.changed(paths);
        if (parsed.data.changes.some((change) => change.kind === "renamed"))
          this.fileIndex.invalidate();
      }
    }
  }

  private workspaceReplaced(): void {
    this.tree.refreshAll();
    this.editor.recheckAll();
    this.fileIndex.invalidate();
  }

  /** Any request wakes a paused or stopped sandbox; re-joining also retries a failed start. */
  wakeSandbox(): void {
    void this.sync.join();
  }

  openQuickOpen(): void {
    this.layout.set((layout) => ({ ...layout, quickOpen: true }));
    void this.fileIndex.ensure();
  }

  showSearch(): void {
    this.layout.set((layout) => ({
      ...layout,
      side: "search",
      searchFocus: layout.searchFocus + 1,
    }));
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.terminals.dispose();
    this.branches.dispose();
    this.editor.dispose();
    this.tree.dispose();
    this.sync.close();
    this.client.close();
  }
}
