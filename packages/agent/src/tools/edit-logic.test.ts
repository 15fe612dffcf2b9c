import { describe, expect, it } from "vitest";
import { applyEdit, countOccurrences } from "./edit-logic.js";

describe("applyEdit", () => {
  it("replaces a unique match and reports the line", () => {
    expect(applyEdit("a\nb\nc\n", "b", "B")).toEqual({ ok: true, content: "a\nB\nc\n", replacements: 1, line: 2 });
  });

  it("refuses an ambiguous match with the count and lines, unless replace_all", () => {
    const outcome = applyEdit("x\ny\nx\n", "x", "z");
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining("occurs 2 times in the file (at lines 1, 3)") });
    expect(outcome.ok || outcome.message).toMatch(/replace_all/);
    expect(applyEdit("x\ny\nx\n", "x", "z", true)).toEqual({ ok: true, content: "z\ny\nz\n", replacements: 2, line: 1 });
  });

  it("explains a missing match: whitespace, line-number prefixes, or a stale read", () => {
    expect(applyEdit("if (a) {\n    go();\n}", "if (a) {\n  go();\n}", "x")).toMatchObject({ ok: false, message: expect.stringMatching(/not found.*except for whitespace/) });
    expect(applyEdit("const a = 1;\n", "  1\tconst a = 1;", "x")).toMatchObject({ ok: false, message: expect.stringMatching(/line-number prefixes/) });
    expect(applyEdit("abc", "xyz", "x")).toMatchObject({ ok: false, message: expect.stringMatching(/read it again/) });
  });

  it("refuses empty and no-op edits", () => {
    expect(applyEdit("abc", "", "x")).toMatchObject({ ok: false, message: expect.stringMatching(/write_file/) });
    expect(applyEdit("abc", "b", "b")).toMatchObject({ ok: false, message: expect.stringMatching(/identical/) });
  });

  it("matches LF quotes in CRLF files and keeps CRLF line ends", () => {
    expect(applyEdit("one\r\ntwo\r\nthree\r\n", "one\ntwo", "uno\ndos")).toMatchObject({ ok: true, content: "uno\r\ndos\r\nthree\r\n" });
  });

  it("takes replacement text literally ($ patterns are not special)", () => {
    expect(applyEdit("price", "price", "$& $1 $$")).toMatchObject({ ok: true, content: "$& $1 $$" });
  });

  it("counts non-overlapping occurrences", () => {
    expect(countOccurrences("aaaa", "aa")).toBe(2);
    expect(countOccurrences("abc", "")).toBe(0);
  });
});
