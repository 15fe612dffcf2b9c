/** The list of workspace files for quick open: walked on demand, walked again after files appear or vanish. */
import type { BrokerClient } from "@/lib/broker/broker-client";
import { requestPath } from "@/lib/ide/paths";
import { createStore } from "@/lib/ide/store";
import { walkFiles } from "@/lib/ide/walk-files";

export interface FileIndexState {
  files: string[];
  loading: boolean;
  complete: boolean;
  error?: string;
}

export class FileIndex {
  readonly state = createStore<FileIndexState>({ files: [], loading: false, complete: true });
  private stale = true;

  constructor(
    private readonly client: BrokerClient,
    private readonly sessionId: string,
  ) {}

  /** Files were created, deleted or renamed ("renamed" events); content changes do not matter here. */
  invalidate(): void {
    this.stale = true;
  }

  async ensure(): Promise<void> {
    if (!this.stale || this.state.get().loading) return;
    this.stale = false;
    this.state.set((state) => ({ ...state, loading: true, error: undefined }));
    try {
      const { files, complete } = await walkFiles(
        async (dir) =>
          (
            await this.client.request("file-list", {
              sessionId: this.sessionId,
              path: requestPath(dir),
            })
          ).entries,
      );
      this.state.set({ files, loading: false, complete });
    } catch (error) {
      this.stale = true;
      this.state.set((state) => ({
        ...state,
        loading: false,
        error: error instanceof Error ? error.message : String(error),
      }));
    }
  }
}
