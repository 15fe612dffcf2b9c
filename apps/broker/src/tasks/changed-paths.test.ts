import { describe, expect, it } from "vitest";
import { ChangedPaths } from "./changed-paths.js";

describe("ChangedPaths", () => {
  it("counts each file the agent wrote, edited or changed by command once, without noise", () => {
    const paths = new ChangedPaths();
    expect(paths.apply({ type: "file-changed", payload: { changes: [{ path: "before-the-run.txt", kind: "changed" }] } })).toBe(false);
    paths.apply({ type: "run-started", payload: {} });
    expect(paths.apply({ type: "tool-call-started", payload: { toolName: "write_file", input: { path: "./src/a.ts", content: "x" } } })).toBe(true);
    expect(paths.apply({ type: "tool-call-started", payload: { toolName: "edit_file", input: { path: "/workspace/src/a.ts", old_string: "x", new_string: "y" } } })).toBe(false);
    expect(paths.apply({ type: "tool-call-started", payload: { toolName: "read_file", input: { path: "README.md" } } })).toBe(false);
    paths.apply({ type: "file-changed", payload: { changes: [{ path: "src", kind: "changed" }, { path: "dist/out.js", kind: "changed" }, { path: "node_modules/x/index.js", kind: "changed" }, { path: "src/.a.ts.codeyard-12-34", kind: "changed" }] } });
    paths.apply({ type: "run-finished", payload: {} });
    paths.apply({ type: "file-changed", payload: { changes: [{ path: "after-the-run.txt", kind: "changed" }] } });
    expect(paths.count).toBe(2);
  });
});
