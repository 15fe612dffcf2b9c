import { describe, expect, it } from "vitest";
import { diffLines, diffStats, splitLines, withContext, type DiffLine } from "./line-diff";

/** Applies the diff to `before`'s lines: must give `after`'s lines. */
function replay(lines: DiffLine[]): { before: string[]; after: string[] } {
  return {
    before: lines.filter((line) => line.kind !== "add").map((line) => line.text),
    after: lines.filter((line) => line.kind !== "del").map((line) => line.text),
  };
}

describe("line diff", () => {
  it("finds the minimal change and numbers both sides", () => {
    const lines = diffLines("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
    expect(lines).toEqual([
      { kind: "same", text: "a", oldNo: 1, newNo: 1 },
      { kind: "del", text: "b", oldNo: 2 },
      { kind: "add", text: "B", newNo: 2 },
      { kind: "same", text: "c", oldNo: 3, newNo: 3 },
      { kind: "same", text: "d", oldNo: 4, newNo: 4 },
      { kind: "add", text: "e", newNo: 5 },
    ]);
    expect(diffStats(lines)).toEqual({ added: 2, removed: 1 });
  });

  it("handles new files, deleted files and identical files", () => {
    expect(diffLines("", "x\ny")).toEqual([
      { kind: "add", text: "x", newNo: 1 },
      { kind: "add", text: "y", newNo: 2 },
    ]);
    expect(diffStats(diffLines("x\n", ""))).toEqual({ added: 0, removed: 1 });
    expect(diffStats(diffLines("same\n", "same\n"))).toEqual({ added: 0, removed: 0 });
  });

  it("is a correct edit script on shuffled input", () => {
    const before = Array.from({ length: 200 }, (_, i) => `line ${(i * 37) % 50}`).join("\n");
    const after = Array.from({ length: 180 }, (_, i) => `line ${(i * 11) % 60}`).join("\n");
    const lines = diffLines(before, after);
    expect(replay(lines)).toEqual({ before: splitLines(before), after: splitLines(after) });
  });

  it("folds long unchanged runs, keeping context around changes", () => {
    const before = Array.from({ length: 30 }, (_, i) => `l${i}`).join("\n");
    const after = before.replace("l15", "changed");
    const rows = withContext(diffLines(before, after), 2);
    expect(rows[0]).toEqual({ kind: "skip", count: 13 });
    expect(rows.filter((row) => row.kind !== "skip").map((row) => ("text" in row ? row.text : ""))).toEqual(["l13", "l14", "l15", "changed", "l16", "l17"]);
    expect(rows.at(-1)).toEqual({ kind: "skip", count: 12 });
  });
});
