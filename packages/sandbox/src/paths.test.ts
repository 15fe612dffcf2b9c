import { describe, expect, it } from "vitest";
import { InvalidPathError, PathOutsideWorkspaceError, resolveWorkspacePath, toWorkspaceRelative } from "./paths.js";

describe("resolveWorkspacePath", () => {
  it.each([
    ["src/index.ts", "/workspace/src/index.ts"],
    ["./a/../b", "/workspace/b"],
    ["/workspace/x/", "/workspace/x"],
    [".", "/workspace"],
    ["/workspace", "/workspace"],
  ])("accepts %s", (input, expected) => {
    expect(resolveWorkspacePath(input)).toBe(expected);
  });

  it.each(["../../etc/passwd", "/etc/passwd", "a/../../x", "/workspace/../etc", "/workspace-other/x", "/"])("refuses %s", (input) => {
    expect(() => resolveWorkspacePath(input)).toThrow(PathOutsideWorkspaceError);
  });

  it("refuses NUL bytes and absurd lengths", () => {
    expect(() => resolveWorkspacePath("a\0b")).toThrow(InvalidPathError);
    expect(() => resolveWorkspacePath("a".repeat(5000))).toThrow(InvalidPathError);
  });

  it("gives paths relative to the workspace", () => {
    expect(toWorkspaceRelative("/workspace")).toBe("");
    expect(toWorkspaceRelative("/workspace/a/b")).toBe("a/b");
  });
});
