/**
 * File contents at the start of each agent run, for the "before" side of its diffs: the disk
 * versions of the files open in the editor when the run started (seen live on this page).
 */
export class RunBaselines {
  private readonly runs = new Map<string, Map<string, string>>();

  capture(runId: string, contents: Map<string, string>): void {
    if (!this.runs.has(runId)) this.runs.set(runId, contents);
  }

  get(runId: string, path: string): string | undefined {
    return this.runs.get(runId)?.get(path);
  }
}
