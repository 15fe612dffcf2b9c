import { describe, expect, it } from "vitest";
import { fuzzyMatch, rankPaths } from "./fuzzy-match";

describe("quick-open matching", () => {
  it("matches characters in order, case-insensitively", () => {
    expect(fuzzyMatch("gts", "src/greet.ts")?.positions).toEqual([4, 8, 11]);
    expect(fuzzyMatch("index", "lib/indexer/x.ts")?.positions).toEqual([4, 5, 6, 7, 8]);
    expect(fuzzyMatch("xyz", "src/greet.ts")).toBeNull();
    expect(fuzzyMatch("", "a.ts")).toMatchObject({ score: 0 });
  });

  it("ranks whole-word file-name matches above scattered ones", () => {
    const ranked = rankPaths("index", [
      "src/components/index.ts",
      "docs/in-depth-examples.md",
      "index.html",
      "lib/utils/indexer/extra.ts",
    ]).map((result) => result.path);
    expect(ranked[0]).toBe("index.html");
    expect(ranked[1]).toBe("src/components/index.ts");
    expect(ranked.slice(2).sort()).toEqual([
      "docs/in-depth-examples.md",
      "lib/utils/indexer/extra.ts",
    ]);
  });

  it("limits the number of results", () => {
    expect(
      rankPaths(
        "a",
        Array.from({ length: 100 }, (_, i) => `a${i}.ts`),
        10,
      ),
    ).toHaveLength(10);
  });
});
