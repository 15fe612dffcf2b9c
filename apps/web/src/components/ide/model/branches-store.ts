/**
 * The session's family (`branch-list`: its root and every branch below it), loaded when the
 * Branches tab shows and reloaded when the session's events say the family changed.
 */
import type { BranchNode } from "@codeyard/protocol";
import type { BrokerClient } from "@/lib/broker/broker-client";
import { describeError, type ReadableError } from "@/lib/broker/request-error";
import { createStore } from "@/lib/ide/store";

export interface BranchesState {
  status: "idle" | "loading" | "ready" | "error";
  branches: BranchNode[];
  error?: ReadableError;
}

const RELOAD_DELAY_MS = 300;

export class BranchesStore {
  readonly state = createStore<BranchesState>({ status: "idle", branches: [] });
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly client: BrokerClient,
    private readonly sessionId: string,
  ) {}

  async load(): Promise<void> {
    clearTimeout(this.reloadTimer);
    const generation = ++this.generation;
    this.state.set((state) => ({ ...state, status: "loading" }));
    try {
      const { branches } = await this.client.request("branch-list", { sessionId: this.sessionId });
      if (generation === this.generation) this.state.set({ status: "ready", branches });
    } catch (error) {
      if (generation === this.generation)
        this.state.set((state) => ({
          ...state,
          status: "error",
          error: describeError(error, "Listing the branches"),
        }));
    }
  }

  /** The family changed: reload soon if it was loaded (events come in bursts). */
  invalidate(): void {
    if (this.state.get().status === "idle") return;
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.load(), RELOAD_DELAY_MS);
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    this.generation++;
  }
}
