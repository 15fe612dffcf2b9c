import { describe, expect, it } from "vitest";
import { walkFiles, type WalkEntry } from "./walk-files";

const tree: Record<string, WalkEntry[]> = {
  "": [
    { name: "src", kind: "dir" },
    { name: "node_modules", kind: "dir" },
    { name: "README.md", kind: "file" },
  ],
  src: [
    { name: "a.ts", kind: "file" },
    { name: "lib", kind: "dir" },
    { name: "link", kind: "symlink" },
  ],
  "src/lib": [{ name: "b.ts", kind: "file" }],
  node_modules: [{ name: "x.js", kind: "file" }],
};

describe("walking the workspace", () => {
  it("lists every file, skipping dependency folders", async () => {
    const listed: string[] = [];
    const result = await walkFiles(async (dir) => {
      listed.push(dir);
      return tree[dir] ?? [];
    });
    expect(result).toEqual({
      files: ["README.md", "src/a.ts", "src/lib/b.ts", "src/link"],
      complete: true,
    });
    expect(listed).not.toContain("node_modules");
  });

  it("stops at its bounds and says the list is incomplete", async () => {
    const result = await walkFiles(async (dir) => tree[dir] ?? [], { maxFiles: 2 });
    expect(result.files).toHaveLength(2);
    expect(result.complete).toBe(false);
  });

  it("keeps going past a folder it cannot list", async () => {
    const result = await walkFiles(async (dir) => {
      if (dir === "src/lib") throw new Error("permission denied");
      return tree[dir] ?? [];
    });
    expect(result.files).toEqual(["README.md", "src/a.ts", "src/link"]);
    expect(result.complete).toBe(false);
  });
});
