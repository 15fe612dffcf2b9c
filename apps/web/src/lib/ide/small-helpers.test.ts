import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64 } from "./base64";
import { formatBytes, formatCost, formatDuration, formatTokens } from "./format";
import { applySandboxEvent, sandboxBanner } from "./sandbox-status";
import { groupMatches, matchPreview } from "./search-results";
import { isMacPlatform, matchShortcut, shortcutLabel } from "./shortcuts";
import { createStore } from "./store";
import { toolLabel, toolSummary } from "./tool-summary";

const key = (
  key: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
  code?: string,
) => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("keyboard shortcuts", () => {
  it("uses Ctrl on Linux and Windows, Cmd on macOS", () => {
    expect(matchShortcut(key("s", { ctrlKey: true }), false)).toBe("save");
    expect(matchShortcut(key("s", { metaKey: true }), true)).toBe("save");
    expect(matchShortcut(key("s", { ctrlKey: true }), true)).toBeNull();
    expect(matchShortcut(key("P", { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(matchShortcut(key("F", { ctrlKey: true, shiftKey: true }), false)).toBe("search");
  });

  it("avoids the keys browsers keep (Ctrl+W closes the browser tab, so Alt+W closes an editor tab)", () => {
    expect(matchShortcut(key("w", { ctrlKey: true }, "KeyW"), false)).toBeNull();
    expect(matchShortcut(key("∑", { altKey: true }, "KeyW"), true)).toBe("close-tab");
    expect(matchShortcut(key("`", { ctrlKey: true }, "Backquote"), false)).toBe("toggle-terminal");
    expect(matchShortcut(key("~", { ctrlKey: true, shiftKey: true }, "Backquote"), false)).toBe(
      "new-terminal",
    );
  });

  it("writes shortcuts the way each platform does", () => {
    expect(shortcutLabel("search", false)).toBe("Ctrl+Shift+F");
    expect(shortcutLabel("search", true)).toBe("⇧⌘F");
    expect(shortcutLabel("close-tab", false)).toBe("Alt+W");
    expect(typeof isMacPlatform()).toBe("boolean");
  });
});

describe("formatting", () => {
  it("shortens numbers", () => {
    expect(formatTokens(999)).toBe("999");
    expect(formatTokens(1234)).toBe("1.2k");
    expect(formatTokens(56_789)).toBe("57k");
    expect(formatTokens(2_500_000)).toBe("2.5M");
    expect(formatCost(0.5)).toBe("$0.50");
    expect(formatCost(0.001234)).toBe("$0.0012");
    expect(formatCost(0.5, false)).toBe("≥$0.50");
    expect(formatCost(0, false)).toBe("cost unknown");
    expect(formatBytes(16 * 1024 * 1024)).toBe("16.0 MiB");
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(61_000)).toBe("1 min 1 s");
  });

  it("round-trips bytes through base64, including large files", () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(new TextEncoder().encode("hi"))).toBe("aGk=");
  });
});

describe("sandbox state", () => {
  const event = (payload: unknown) => ({
    sessionId: "s",
    seq: 1,
    type: "sandbox-state",
    at: "",
    payload,
  });
  it("follows sandbox-state events and offers the way out", () => {
    const failed = applySandboxEvent(
      { state: "unknown" },
      event({ sandboxId: "x", state: "failed", message: "no image" }),
    );
    expect(failed).toEqual({ state: "failed", message: "no image" });
    expect(sandboxBanner(failed)).toEqual({
      tone: "error",
      text: "The sandbox could not start: no image",
      action: "Try again",
    });
    expect(sandboxBanner({ state: "stopped" })?.action).toBe("Restart");
    expect(sandboxBanner({ state: "running" })).toBeNull();
    expect(applySandboxEvent(failed, event({ state: "bogus" }))).toBe(failed);
    expect(applySandboxEvent(failed, { ...event({}), type: "file-saved" })).toBe(failed);
  });
});

describe("search results", () => {
  it("groups matches by file in order and sorts lines", () => {
    const groups = groupMatches([
      { path: "b.ts", line: 9, column: 1, text: "x" },
      { path: "a.ts", line: 3, column: 1, text: "x" },
      { path: "b.ts", line: 2, column: 5, text: "x" },
    ]);
    expect(groups.map((group) => [group.path, group.matches.map((match) => match.line)])).toEqual([
      ["b.ts", [2, 9]],
      ["a.ts", [3]],
    ]);
  });

  it("keeps the match visible in a long line", () => {
    const preview = matchPreview({
      path: "a",
      line: 1,
      column: 61,
      text: `${" ".repeat(10)}${"x".repeat(50)}needle rest`,
    });
    expect(preview.before).toBe(`…${"x".repeat(30)}`);
    expect(preview.rest.startsWith("needle")).toBe(true);
  });
});

describe("tool summaries", () => {
  it("says what each tool call did in one line", () => {
    expect(toolSummary("bash", { command: "npm test\nnpm run lint" })).toBe("npm test …");
    expect(toolSummary("edit_file", { path: "src/a.ts" })).toBe("src/a.ts");
    expect(toolSummary("grep", { pattern: "TODO" })).toBe("TODO");
    expect(toolSummary("custom", { a: 1 })).toBe('{"a":1}');
    expect(toolSummary("ask_user", { question: "Tabs or spaces?" })).toBe("Tabs or spaces?");
    expect(toolLabel("write_file")).toBe("Wrote");
    expect(toolLabel("mystery")).toBe("mystery");
  });
});

describe("store", () => {
  it("notifies subscribers of changes only", () => {
    const store = createStore(1);
    const seen: number[] = [];
    const off = store.subscribe(() => seen.push(store.get()));
    store.set(1);
    store.set((value) => value + 1);
    off();
    store.set(5);
    expect(seen).toEqual([2]);
  });
});
