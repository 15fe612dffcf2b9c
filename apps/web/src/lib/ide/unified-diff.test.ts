import { describe, expect, it } from "vitest";
import { diffTotals, filePatches } from "./unified-diff";

// `git diff --no-index from to` between two snapshot directories, as the broker returns it.
const PATCH = `diff --git a/from/dir/new.txt b/from/dir/new.txt
deleted file mode 100644
index 1a9cc2b..0000000
--- a/from/dir/new.txt
+++ /dev/null
@@ -1 +0,0 @@
-gone
diff --git a/to/new.txt b/to/new.txt
new file mode 100644
index 0000000..1b32298
--- /dev/null
+++ b/to/new.txt
@@ -0,0 +1,2 @@
+x
+y
\\ No newline at end of file
diff --git a/from/shared.txt b/to/shared.txt
index de98044..a7bc997 100644
--- a/from/shared.txt
+++ b/to/shared.txt
@@ -1,3 +1,4 @@
 a
-b
+B
 c
+d
@@ -10,2 +11,2 @@ function tail()
 k
-l
+L
`;

const files = [
  { path: "dir/new.txt", status: "deleted" as const, added: 0, removed: 1, binary: false },
  { path: "new.txt", status: "added" as const, added: 2, removed: 0, binary: false },
  { path: "shared.txt", status: "modified" as const, added: 3, removed: 2, binary: false },
  { path: "image.png", status: "modified" as const, added: 0, removed: 0, binary: true },
];

describe("filePatches", () => {
  const patches = filePatches({ files, patch: PATCH, truncated: false });

  it("matches each section to its file by path suffix, even when one path ends another", () => {
    expect(patches.map((patch) => patch.file.path)).toEqual(files.map((file) => file.path));
    expect(patches[0]!.lines).toEqual([
      { kind: "hunk", text: "@@ -1 +0,0 @@" },
      { kind: "del", text: "gone", oldLine: 1 },
    ]);
    expect(patches[1]!.lines.map((line) => [line.kind, line.text, line.newLine])).toEqual([
      ["hunk", "@@ -0,0 +1,2 @@", undefined],
      ["add", "x", 1],
      ["add", "y", 2],
      ["note", "No newline at end of file", undefined],
    ]);
  });

  it("numbers old and new lines through several hunks", () => {
    const lines = patches[2]!.lines;
    expect(
      lines.filter((line) => line.kind === "context").map((line) => [line.oldLine, line.newLine]),
    ).toEqual([
      [1, 1],
      [3, 3],
      [10, 11],
    ]);
    expect(lines.find((line) => line.text === "L")).toEqual({
      kind: "add",
      text: "L",
      newLine: 12,
    });
    expect(lines.find((line) => line.text === "l")).toEqual({
      kind: "del",
      text: "l",
      oldLine: 11,
    });
  });

  it("leaves files without a section (binary, or a cut patch) without lines", () => {
    expect(patches[3]!.lines).toEqual([]);
    expect(
      filePatches({ files, patch: "", truncated: true }).every((patch) => patch.lines.length === 0),
    ).toBe(true);
  });

  it("adds up the totals", () => {
    expect(diffTotals(files)).toEqual({ added: 5, removed: 3 });
  });
});
