/**
 * Exact string replacement for edit_file. The model must quote the text to replace exactly and
 * uniquely; when it does not, the error says why and how to fix the call.
 */

export type EditOutcome = { ok: true; content: string; replacements: number; line: number } | { ok: false; message: string };

export function countOccurrences(content: string, search: string): number {
  if (!search) return 0;
  let count = 0;
  for (let at = content.indexOf(search); at !== -1; at = content.indexOf(search, at + search.length)) count++;
  return count;
}

function lineAt(content: string, index: number): number {
  let line = 1;
  for (let i = content.indexOf("\n"); i !== -1 && i < index; i = content.indexOf("\n", i + 1)) line++;
  return line;
}

function occurrenceLines(content: string, search: string, max = 10): number[] {
  const lines: number[] = [];
  for (let at = content.indexOf(search); at !== -1 && lines.length < max; at = content.indexOf(search, at + search.length)) lines.push(lineAt(content, at));
  return lines;
}

const collapseWhitespace = (text: string) => text.replace(/\s+/g, " ").trim();
const LINE_NUMBER_PREFIX = /^\s*\d+\t/m;

function notFoundMessage(content: string, oldString: string): string {
  const base = "old_string was not found in the file.";
  if (LINE_NUMBER_PREFIX.test(oldString) && !LINE_NUMBER_PREFIX.test(content)) {
    return `${base} It seems to include the line-number prefixes that read_file shows; quote the file's text without them.`;
  }
  if (collapseWhitespace(oldString) && collapseWhitespace(content).includes(collapseWhitespace(oldString))) {
    return `${base} Text matching it except for whitespace or indentation exists: copy the exact text (spaces, tabs, line breaks) from a fresh read_file.`;
  }
  return `${base} The file may have changed since you read it: read it again and quote the current text exactly.`;
}

/** Replaces `oldString` by `newString` in `content` (every occurrence when `replaceAll`). */
export function applyEdit(content: string, oldString: string, newString: string, replaceAll = false): EditOutcome {
  if (oldString === "") return { ok: false, message: "old_string is empty. To create a file or replace all of it, use write_file." };
  if (oldString === newString) return { ok: false, message: "old_string and new_string are identical, so there is nothing to change." };
  let search = oldString;
  let replacement = newString;
  let count = countOccurrences(content, search);
  // Files with CRLF line ends: the model usually quotes them with plain \n.
  if (count === 0 && content.includes("\r\n") && oldString.includes("\n") && !oldString.includes("\r")) {
    search = oldString.replace(/\n/g, "\r\n");
    replacement = newString.replace(/\r?\n/g, "\r\n");
    count = countOccurrences(content, search);
  }
  if (count === 0) return { ok: false, message: notFoundMessage(content, oldString) };
  if (count > 1 && !replaceAll) {
    const lines = occurrenceLines(content, search);
    return {
      ok: false,
      message: `old_string occurs ${count} times in the file (at lines ${lines.join(", ")}${count > lines.length ? ", ..." : ""}). Include more surrounding lines so it matches exactly one place, or set replace_all to true to replace every occurrence.`,
    };
  }
  const first = content.indexOf(search);
  const updated = replaceAll ? content.split(search).join(replacement) : content.slice(0, first) + replacement + content.slice(first + search.length);
  return { ok: true, content: updated, replacements: replaceAll ? count : 1, line: lineAt(content, first) };
}
