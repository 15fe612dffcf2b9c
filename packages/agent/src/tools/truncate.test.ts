import { describe, expect, it } from "vitest";
import { truncateLine, truncateMiddle } from "./truncate.js";

describe("truncateMiddle", () => {
  it("leaves short text alone", () => {
    expect(truncateMiddle("hello", 10)).toEqual({ text: "hello", truncated: false });
  });

  it("keeps a head and a larger tail within the limit, and says what was cut", () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `line ${i}`).join("\n");
    const { text: cut, truncated } = truncateMiddle(text, 2_000);
    expect(truncated).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(2_000);
    expect(cut.startsWith("line 0\nline 1\n")).toBe(true);
    expect(cut.endsWith("line 9999")).toBe(true);
    const omitted = Number(/\.\.\. (\d+) characters omitted/.exec(cut)![1]);
    const [head, tail] = cut.split(/\n\n\[\.\.\..*\.\.\.\]\n\n/);
    expect(tail!.length).toBeGreaterThan(head!.length);
    expect(head!.length + tail!.length + omitted).toBe(text.length);
  });
});

describe("truncateLine", () => {
  it("cuts long lines and says how much is missing", () => {
    expect(truncateLine("x".repeat(10), 4)).toBe("xxxx… [line cut: 6 more characters]");
    expect(truncateLine("short", 10)).toBe("short");
  });
});
