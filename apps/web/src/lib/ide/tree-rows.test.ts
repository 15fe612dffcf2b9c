import { describe, expect, it } from "vitest";
import { dropTarget, visibleRows, type DirListing } from "./tree-rows";

const file = (name: string) => ({ name, kind: "file" as const, size: 1, mtimeMs: 1 });
const dir = (name: string) => ({ name, kind: "dir" as const, size: 0, mtimeMs: 1 });

describe("file tree rows", () => {
  it("shows folders first, expanded folders' contents indented, and loading or empty states", () => {
    const dirs = new Map<string, DirListing>([
      ["", { entries: [file("b.txt"), dir("src"), file("a.txt"), dir("docs")], loading: false }],
      ["src", { entries: [file("main.ts"), dir("empty")], loading: false }],
      ["src/empty", { entries: [], loading: false }],
      ["docs", { loading: true }],
    ]);
    const rows = visibleRows(dirs, new Set(["src", "src/empty", "docs"]));
    expect(
      rows.map((row) => `${"  ".repeat(row.depth)}${row.type === "entry" ? row.path : row.text}`),
    ).toEqual([
      "docs",
      "  Loading…",
      "src",
      "  src/empty",
      "    Empty folder",
      "  src/main.ts",
      "a.txt",
      "b.txt",
    ]);
    expect(rows[0]).toMatchObject({ expanded: true, loading: true });
  });

  it("shows a listing error and an empty workspace", () => {
    expect(
      visibleRows(new Map([["", { loading: false, error: "Sandbox unavailable." }]]), new Set()),
    ).toEqual([
      { type: "message", path: "#error", depth: 0, text: "Sandbox unavailable.", tone: "error" },
    ]);
    expect(
      visibleRows(new Map([["", { entries: [], loading: false }]]), new Set())[0],
    ).toMatchObject({ text: expect.stringMatching(/No files yet/) });
  });

  it("drops into a folder, or next to a file", () => {
    expect(dropTarget({ path: "src/lib", kind: "dir" })).toBe("src/lib");
    expect(dropTarget({ path: "src/lib/a.ts", kind: "file" })).toBe("src/lib");
    expect(dropTarget({ path: "a.ts", kind: "file" })).toBe("");
    expect(dropTarget(null)).toBe("");
  });
});
