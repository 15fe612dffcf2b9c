import type { BranchNode } from "@codeyard/protocol";
import { describe, expect, it } from "vitest";
import { branchKind, branchRows } from "./branch-tree";

const node = (
  sessionId: string,
  parentSessionId: string | null,
  createdAt: string,
  extra: Partial<BranchNode> = {},
): BranchNode => ({
  sessionId,
  title: sessionId,
  parentSessionId,
  forkedFromCheckpointId: parentSessionId ? "c1" : null,
  status: "idle",
  createdAt: `2026-01-01T00:00:0${createdAt}.000Z`,
  attemptId: null,
  ...extra,
});

describe("branchRows", () => {
  it("puts each branch under its parent, oldest first, and marks the current session", () => {
    const rows = branchRows(
      [
        node("b2", "root", "3"),
        node("root", null, "0"),
        node("b1", "root", "1"),
        node("b1a", "b1", "2"),
      ],
      "b1a",
    );
    expect(rows.map((row) => [row.node.sessionId, row.depth, row.current])).toEqual([
      ["root", 0, false],
      ["b1", 1, false],
      ["b1a", 2, true],
      ["b2", 1, false],
    ]);
  });

  it("shows nodes whose parent is missing, or that form a loop, at the top level once", () => {
    const rows = branchRows(
      [node("orphan", "deleted", "1"), node("x", "y", "2"), node("y", "x", "3")],
      "x",
    );
    expect(rows.map((row) => row.node.sessionId).sort()).toEqual(["orphan", "x", "y"]);
    expect(rows.find((row) => row.node.sessionId === "orphan")!.depth).toBe(0);
  });

  it("names the kind of each node", () => {
    expect(branchKind(node("r", null, "0"))).toBe("main");
    expect(branchKind(node("b", "r", "1"))).toBe("branch");
    expect(branchKind(node("a", "r", "1", { attemptId: "a1", status: "archived" }))).toBe(
      "attempt · archived",
    );
  });
});
