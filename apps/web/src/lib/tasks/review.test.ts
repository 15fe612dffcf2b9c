import type { SessionEvent } from "@codeyard/protocol";
import { describe, expect, it } from "vitest";
import { applyReviewEvents, emptyReview, reviewFiles } from "./review";

let seq = 0;
const event = (type: string, payload: unknown): SessionEvent => ({ sessionId: "s1", seq: ++seq, type, at: "2026-11-22T10:00:00Z", payload });
const edit = (path: string, from: string, to: string) => event("tool-call-started", { toolName: "edit_file", input: { path, old_string: from, new_string: to } });

describe("diff review", () => {
  it("lists the files of every run once, and knows which latest changes were kept", () => {
    const state = applyReviewEvents(emptyReview, [
      event("run-started", { runId: "r1" }),
      event("tool-call-started", { toolName: "write_file", input: { path: "src/new.ts", content: "x" } }),
      edit("src/app.ts", "a", "b"),
      event("file-changed", { changes: [{ path: "src", kind: "changed" }, { path: "build/out.js", kind: "changed" }] }),
      event("run-finished", { runId: "r1" }),
      event("file-changed", { changes: [{ path: "by-the-user.txt", kind: "changed" }] }),
      event("changes-kept", { paths: ["src/app.ts", "build/out.js"], keptBy: "u1" }),
      event("run-started", { runId: "r2" }),
      edit("src/app.ts", "b", "c"),
      event("run-finished", { runId: "r2" }),
    ]);
    const files = reviewFiles(state);
    expect(files.map((file) => [file.path, file.kept])).toEqual([
      ["src/new.ts", false],
      ["src/app.ts", false],
      ["build/out.js", true],
    ]);
    expect(files[1]!.change.edits.map((change) => change.newString)).toEqual(["b", "c"]);
  });

  it("remembers where each file was first changed, and drops a file once it is rewound", () => {
    const start = seq;
    const state = applyReviewEvents(emptyReview, [
      event("run-started", { runId: "r1" }),
      edit("a.ts", "1", "2"),
      edit("b.ts", "1", "2"),
      edit("a.ts", "2", "3"),
      event("run-finished", { runId: "r1" }),
      event("file-rewound", { path: "b.ts", checkpointId: "c1", deleted: false, rewoundBy: "u1" }),
    ]);
    const files = reviewFiles(state);
    expect(files.map((file) => [file.path, file.firstChangedSeq - start, file.changedSeq - start])).toEqual([["a.ts", 2, 4]]);
  });
});
