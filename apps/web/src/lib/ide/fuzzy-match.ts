/**
 * Quick-open matching: the query's characters must appear in order in the path (case-insensitive).
 * Matches in the file name, at word starts and in runs score higher; shorter paths win ties.
 */
export interface FuzzyResult {
  path: string;
  score: number;
  /** Indexes of the matched characters in `path`, for highlighting. */
  positions: number[];
}

const SEPARATORS = new Set(["/", "-", "_", ".", " "]);

export function fuzzyMatch(query: string, path: string): FuzzyResult | null {
  const needle = query.replace(/\s+/g, "").toLowerCase();
  if (needle === "") return { path, score: 0, positions: [] };
  const haystack = path.toLowerCase();
  // Greedy matching from the left can miss the good alignment ("index" in "lib/indexer"), so
  // also try from each word start where the first character occurs.
  let best = matchFrom(needle, haystack, path, 0);
  let tries = 0;
  for (
    let at = haystack.indexOf(needle[0]!, 1);
    at > 0 && tries < 12;
    at = haystack.indexOf(needle[0]!, at + 1)
  ) {
    if (!SEPARATORS.has(path[at - 1]!)) continue;
    tries++;
    best = bestOf(best, matchFrom(needle, haystack, path, at));
  }
  return best;
}

function matchFrom(
  needle: string,
  haystack: string,
  path: string,
  start: number,
): FuzzyResult | null {
  const positions: number[] = [];
  let score = 0;
  let from = start;
  for (const char of needle) {
    const at = haystack.indexOf(char, from);
    if (at < 0) return null;
    const previous = positions.at(-1);
    score += 1;
    if (previous !== undefined && at === previous + 1) score += 5;
    if (at === 0 || SEPARATORS.has(path[at - 1]!)) score += 4;
    if (at >= path.lastIndexOf("/") + 1) score += 2;
    positions.push(at);
    from = at + 1;
  }
  score -= path.length / 100;
  return { path, score, positions };
}

function bestOf(a: FuzzyResult | null, b: FuzzyResult | null): FuzzyResult | null {
  if (!a) return b;
  if (!b) return a;
  return a.score >= b.score ? a : b;
}

export function rankPaths(query: string, paths: readonly string[], limit = 50): FuzzyResult[] {
  const results: FuzzyResult[] = [];
  for (const path of paths) {
    const result = fuzzyMatch(query, path);
    if (result) results.push(result);
  }
  results.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  return results.slice(0, limit);
}
