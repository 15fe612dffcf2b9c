/** file-search matches grouped by file, in the order the files first appear. */
export interface SearchMatch {
  path: string;
  line: number;
  column: number;
  text: string;
}

export interface SearchGroup {
  path: string;
  matches: SearchMatch[];
}

export function groupMatches(matches: readonly SearchMatch[]): SearchGroup[] {
  const groups = new Map<string, SearchMatch[]>();
  for (const match of matches) {
    const group = groups.get(match.path);
    if (group) group.push(match);
    else groups.set(match.path, [match]);
  }
  return [...groups].map(([path, list]) => ({
    path,
    matches: list.sort((a, b) => a.line - b.line || a.column - b.column),
  }));
}

/** The line around a match, trimmed so the match stays visible in a narrow panel. */
export function matchPreview(match: SearchMatch, maxChars = 120): { before: string; rest: string } {
  const start = Math.max(0, match.column - 1);
  const lead = match.text.slice(0, start).trimStart();
  const before = lead.length > 30 ? `…${lead.slice(-30)}` : lead;
  return { before, rest: match.text.slice(start, start + maxChars) };
}
