/**
 * A workspace diff's unified patch (`git diff` output), cut per file and into numbered lines for
 * the diff view. The patch's own paths carry snapshot directories as prefixes, so sections are
 * matched to the diff's file list by path suffix.
 */
import type { WorkspaceDiffBody } from "@codeyard/protocol";

export interface DiffLine {
  kind: "hunk" | "add" | "del" | "context" | "note";
  text: string;
  oldLine?: number;
  newLine?: number;
}

export type DiffFile = WorkspaceDiffBody["files"][number];

export interface FilePatch {
  file: DiffFile;
  lines: DiffLine[];
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/;

/** Each file of the diff with the lines of its patch (none for binary files or a cut patch). */
export function filePatches(diff: WorkspaceDiffBody): FilePatch[] {
  const sections = splitSections(diff.patch);
  const byPath = new Map<string, DiffLine[]>();
  for (const section of sections) {
    const file = matchFile(section, diff.files);
    if (file && !byPath.has(file.path)) byPath.set(file.path, parseHunks(section));
  }
  return diff.files.map((file) => ({ file, lines: byPath.get(file.path) ?? [] }));
}

function splitSections(patch: string): string[][] {
  const sections: string[][] = [];
  for (const line of patch.split("\n")) {
    if (line.startsWith("diff --git ") || sections.length === 0) sections.push([]);
    sections.at(-1)!.push(line);
  }
  return sections.filter((section) => section.some((line) => line.startsWith("diff --git ")));
}

/** The names a section's headers give (without git's a/ b/ prefixes). */
function sectionNames(section: string[]): string[] {
  const names: string[] = [];
  for (const line of section) {
    if (line.startsWith("@@")) break;
    const marker = /^(?:---|\+\+\+) (?:[ab]\/)?(.+?)\t?$/.exec(line);
    if (marker && marker[1] !== "/dev/null") names.push(marker[1]!);
    const header = /^diff --git a\/(.+) b\/(.+)$/.exec(line);
    if (header) names.push(header[1]!, header[2]!);
    const rename = /^rename (?:from|to) (.+)$/.exec(line);
    if (rename) names.push(rename[1]!);
  }
  return names.map(unquote);
}

function unquote(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : name;
}

function matchFile(section: string[], files: readonly DiffFile[]): DiffFile | undefined {
  const names = sectionNames(section);
  let best: DiffFile | undefined;
  for (const file of files) {
    const matches = names.some((name) => name === file.path || name.endsWith(`/${file.path}`));
    if (matches && (!best || file.path.length > best.path.length)) best = file;
  }
  return best;
}

function parseHunks(section: string[]): DiffLine[] {
  const lines: DiffLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const line of section) {
    const hunk = HUNK.exec(line);
    if (hunk) {
      inHunk = true;
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      lines.push({ kind: "hunk", text: line });
    } else if (!inHunk) {
      continue;
    } else if (line.startsWith("+")) {
      lines.push({ kind: "add", text: line.slice(1), newLine: newLine++ });
    } else if (line.startsWith("-")) {
      lines.push({ kind: "del", text: line.slice(1), oldLine: oldLine++ });
    } else if (line.startsWith(" ")) {
      lines.push({ kind: "context", text: line.slice(1), oldLine: oldLine++, newLine: newLine++ });
    } else if (line.startsWith("\\")) {
      lines.push({ kind: "note", text: line.slice(1).trim() });
    }
  }
  return lines;
}

/** "+3 −1" totals of a diff. */
export function diffTotals(files: readonly DiffFile[]): { added: number; removed: number } {
  return files.reduce(
    (sum, file) => ({ added: sum.added + file.added, removed: sum.removed + file.removed }),
    { added: 0, removed: 0 },
  );
}
