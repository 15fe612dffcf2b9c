import { describe, expect, it } from "vitest";
import { SessionMemory, type KeyValueStorage } from "./local-memory";

class MapStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  failWrites = false;
  getItem = (key: string) => this.map.get(key) ?? null;
  setItem = (key: string, value: string) => {
    if (this.failWrites) throw new DOMException("full", "QuotaExceededError");
    this.map.set(key, value);
  };
  removeItem = (key: string) => void this.map.delete(key);
  get length() {
    return this.map.size;
  }
  key = (index: number) => [...this.map.keys()][index] ?? null;
}

describe("session memory in the browser", () => {
  it("keeps unsaved buffers per session and path until they are dropped", () => {
    const storage = new MapStorage();
    const one = new SessionMemory(storage, "s1");
    const other = new SessionMemory(storage, "s2");
    expect(one.saveBuffer({ path: "b.ts", content: "B", baseMtimeMs: 2, savedAt: 1 })).toBe(true);
    one.saveBuffer({ path: "a.ts", content: "A", baseMtimeMs: null, savedAt: 1 });
    other.saveBuffer({ path: "a.ts", content: "other", baseMtimeMs: 1, savedAt: 1 });
    expect(one.buffers().map((buffer) => [buffer.path, buffer.content])).toEqual([
      ["a.ts", "A"],
      ["b.ts", "B"],
    ]);
    one.dropBuffer("a.ts");
    expect(one.buffers().map((buffer) => buffer.path)).toEqual(["b.ts"]);
    expect(other.buffers()).toHaveLength(1);
  });

  it("reports a refused write instead of throwing, and survives garbage", () => {
    const storage = new MapStorage();
    const memory = new SessionMemory(storage, "s1");
    storage.map.set("codeyard:buffer:s1:bad", "{not json");
    storage.map.set("codeyard:tabs:s1", JSON.stringify({ paths: ["a", 3], active: 7 }));
    expect(memory.buffers()).toEqual([]);
    expect(memory.openTabs).toEqual({ paths: ["a"], active: null });
    storage.failWrites = true;
    expect(memory.saveBuffer({ path: "x", content: "x", baseMtimeMs: null, savedAt: 0 })).toBe(
      false,
    );
    expect(
      new SessionMemory(null, "s1").saveBuffer({
        path: "x",
        content: "x",
        baseMtimeMs: null,
        savedAt: 0,
      }),
    ).toBe(false);
  });

  it("remembers terminal tabs, expanded folders and the model field", () => {
    const memory = new SessionMemory(new MapStorage(), "s1");
    memory.terminals = { tabs: [{ id: "t1", title: "Terminal 1" }], active: "t1" };
    memory.expandedDirs = ["src", "src/lib"];
    memory.model = "big-model";
    expect(memory.terminals).toEqual({ tabs: [{ id: "t1", title: "Terminal 1" }], active: "t1" });
    expect(memory.expandedDirs).toEqual(["src", "src/lib"]);
    expect(memory.model).toBe("big-model");
    memory.model = "";
    expect(memory.model).toBe("");
  });
});
