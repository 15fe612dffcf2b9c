import { describe, expect, it } from "vitest";
import { changesOfToolCall, mergeFileChanges } from "./changed-files";
import { beforeContent, undoEdits } from "./diff-before";

const edit = (oldString: string, newString: string, replaceAll = false) => ({
  oldString,
  newString,
  replaceAll,
});

describe("changed files of a run", () => {
  it("reads write_file and edit_file calls, ignoring other tools and bad input", () => {
    expect(changesOfToolCall("write_file", { path: "a.ts", content: "x" })).toEqual([
      { path: "a.ts", written: true, edits: [], watched: false },
    ]);
    expect(changesOfToolCall("edit_file", { path: "a.ts", old_string: "x" })).toEqual([]);
    expect(changesOfToolCall("bash", { command: "rm a.ts" })).toEqual([]);
    expect(changesOfToolCall("write_file", { path: "/etc/passwd", content: "" })).toEqual([]);
    expect(changesOfToolCall("write_file", "not json")).toEqual([]);
  });

  it("merges changes per path, keeping the order of first appearance and every edit", () => {
    const merged = mergeFileChanges(
      mergeFileChanges(
        [],
        [
          ...changesOfToolCall("edit_file", { path: "b.ts", old_string: "1", new_string: "2" }),
          ...changesOfToolCall("write_file", { path: "a.ts", content: "" }),
        ],
      ),
      [
        ...changesOfToolCall("edit_file", { path: "b.ts", old_string: "2", new_string: "3" }),
        { path: "a.ts", written: false, edits: [], watched: true },
      ],
    );
    expect(merged).toEqual([
      { path: "b.ts", written: false, edits: [edit("1", "2"), edit("2", "3")], watched: false },
      { path: "a.ts", written: true, edits: [], watched: true },
    ]);
  });
});

describe("content before a run", () => {
  it("undoes edits last first", () => {
    expect(
      undoEdits("let c = 3;", [edit("a", "b"), edit("let b", "let c"), edit("= 1", "= 3")]),
    ).toEqual({ content: "let a = 1;", exact: true });
    expect(undoEdits("const total = sum(values);", [edit("sum(items)", "sum(values)")])).toEqual({
      content: "const total = sum(items);",
      exact: true,
    });
  });

  it("says when the undo is only approximate or impossible", () => {
    expect(undoEdits("x x", [edit("y", "x")])).toEqual({ content: "y x", exact: false });
    expect(undoEdits("a a", [edit("b", "a", true)])).toEqual({ content: "b b", exact: false });
    expect(undoEdits("abc", [edit("removed", "")])).toBeNull();
    expect(undoEdits("abc", [edit("q", "zzz")])).toBeNull();
  });

  it("prefers the content recorded at the start of the run", () => {
    const change = { path: "a.ts", written: true, edits: [], watched: true };
    expect(beforeContent(change, "now", "then")).toEqual({ kind: "baseline", content: "then" });
    expect(beforeContent(change, "now", undefined)).toMatchObject({ kind: "unknown", content: "" });
    expect(
      beforeContent(
        { ...change, written: false, edits: [edit("old", "new")] },
        "the new one",
        undefined,
      ),
    ).toEqual({ kind: "reconstructed", content: "the old one", exact: true });
    expect(beforeContent({ ...change, written: false }, "x", undefined)).toMatchObject({
      kind: "unknown",
      reason: expect.stringMatching(/command/),
    });
  });
});
