/**
 * What the checkpoint timeline and the branch tree do: take a checkpoint, rewind to one (the
 * present stays reachable as a branch), branch a new session from one, and compare two states
 * (a checkpoint or a session's workspace now) with `workspace-diff`. Errors become toasts.
 */
import type { DiffSide, WorkspaceDiffBody } from "@codeyard/protocol";
import type { BrokerClient } from "@/lib/broker/broker-client";
import { describeError, type ReadableError } from "@/lib/broker/request-error";
import { createStore } from "@/lib/ide/store";
import { checkpointTitle, type CheckpointMarker } from "@/lib/ide/transcript-markers";
import type { Notices } from "./notices";

export type CompareState = {
  /** "draft ↔ now". */
  title: string;
  /** Which side is which, in a sentence. */
  note: string;
} & (
  | { status: "loading" }
  | { status: "ready"; diff: WorkspaceDiffBody }
  | { status: "error"; error: ReadableError }
);

/** Restoring a checkpoint or forking a sandbox can take a while on a busy host. */
const SLOW_MS = 120_000;

export class CheckpointActions {
  /** What is going on now ("checkpoint", "rewind:<id>", "branch:<id>"), one thing at a time. */
  readonly busy = createStore<string | null>(null);
  readonly compare = createStore<CompareState | null>(null);
  private compareNonce = 0;

  constructor(
    private readonly client: BrokerClient,
    private readonly sessionId: string,
    private readonly notices: Notices,
    private readonly openSession: (sessionId: string) => void,
  ) {}

  private async run<T>(what: string, action: string, work: () => Promise<T>): Promise<T | null> {
    if (this.busy.get()) return null;
    this.busy.set(what);
    try {
      return await work();
    } catch (error) {
      this.notices.error(error, action);
      return null;
    } finally {
      this.busy.set(null);
    }
  }

  /** Takes a checkpoint now; true when it was taken. */
  async create(label?: string): Promise<boolean> {
    const taken = await this.run("checkpoint", "Taking a checkpoint", () =>
      this.client.request(
        "checkpoint-create",
        { sessionId: this.sessionId, label: label?.trim() || undefined },
        { timeoutMs: SLOW_MS },
      ),
    );
    if (!taken) return false;
    this.notices.info("Checkpoint taken", taken.checkpoint.label ?? undefined);
    return true;
  }

  /** Asks, then rewinds; the toast links to the branch that keeps the present. */
  async rewind(checkpoint: CheckpointMarker): Promise<string | null> {
    const title = checkpointTitle(checkpoint);
    const confirmed = await this.notices.confirm({
      title: `Rewind to “${title}”?`,
      message:
        "Files, installed tools and the conversation go back to this checkpoint. Nothing is lost: " +
        "the session as it is now is kept as a branch you can open from the Branches tab.",
      confirmLabel: "Rewind",
    });
    if (!confirmed) return null;
    const reply = await this.run(`rewind:${checkpoint.checkpointId}`, "Rewinding", () =>
      this.client.request(
        "checkpoint-rewind",
        { sessionId: this.sessionId, checkpointId: checkpoint.checkpointId },
        { timeoutMs: SLOW_MS },
      ),
    );
    if (!reply) return null;
    this.notices.info(`Rewound to “${title}”`, "The state before the rewind is kept as a branch.", {
      label: "Open that branch",
      run: () => this.openSession(reply.futureSessionId),
    });
    return reply.futureSessionId;
  }

  /** Creates a branch session from the checkpoint and opens it. */
  async branch(checkpoint: CheckpointMarker): Promise<string | null> {
    const reply = await this.run(`branch:${checkpoint.checkpointId}`, "Creating the branch", () =>
      this.client.request(
        "branch-create",
        {
          sessionId: this.sessionId,
          checkpointId: checkpoint.checkpointId,
          title: `Branch from “${checkpointTitle(checkpoint)}”`.slice(0, 200),
        },
        { timeoutMs: SLOW_MS },
      ),
    );
    if (!reply) return null;
    this.openSession(reply.sessionId);
    return reply.sessionId;
  }

  /** Shows what changed from `from` to `to` in the compare dialog. */
  async showDiff(
    from: DiffSide,
    to: DiffSide,
    labels: { title: string; note: string },
  ): Promise<void> {
    const nonce = ++this.compareNonce;
    this.compare.set({ ...labels, status: "loading" });
    try {
      const diff = await this.client.request(
        "workspace-diff",
        { sessionId: this.sessionId, from, to },
        { timeoutMs: SLOW_MS },
      );
      if (nonce === this.compareNonce) this.compare.set({ ...labels, status: "ready", diff });
    } catch (error) {
      if (nonce === this.compareNonce)
        this.compare.set({ ...labels, status: "error", error: describeError(error, "Comparing") });
    }
  }

  /** The checkpoint against this session's files now. */
  compareWithNow(checkpoint: CheckpointMarker): Promise<void> {
    const title = checkpointTitle(checkpoint);
    return this.showDiff(
      { kind: "checkpoint", checkpointId: checkpoint.checkpointId },
      { kind: "session", sessionId: this.sessionId },
      {
        title: `${title} ↔ now`,
        note: `Left (−): the files at checkpoint “${title}”. Right (+): this session's files now.`,
      },
    );
  }

  closeCompare(): void {
    this.compareNonce++;
    this.compare.set(null);
  }
}
