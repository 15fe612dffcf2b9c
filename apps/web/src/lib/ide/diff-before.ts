/**
 * What a changed file looked like before an agent run, for the diff view. In order of preference:
 * 1. the content the editor held when the run started (files that were open then);
 * 2. the current content with the run's edit_file replacements undone, last first — exact when
 *    each inserted text occurs once, approximate otherwise; impossible after a whole-file write
 *    or an edit that deleted text (nothing left to find);
 * 3. unknown: the diff then shows the current content against an empty file.
 */
import type { FileChange, TextEdit } from "./changed-files";

export type BeforeContent =
  | { kind: "baseline"; content: string }
  | { kind: "reconstructed"; content: string; exact: boolean }
  | { kind: "unknown"; content: ""; reason: string };

export function beforeContent(
  change: FileChange,
  current: string,
  baseline: string | undefined,
): BeforeContent {
  if (baseline !== undefined) return { kind: "baseline", content: baseline };
  if (change.written)
    return {
      kind: "unknown",
      content: "",
      reason: "The agent wrote this file whole; its earlier content was not recorded.",
    };
  if (change.edits.length === 0)
    return {
      kind: "unknown",
      content: "",
      reason: "Changed by a command the agent ran; its earlier content was not recorded.",
    };
  const undone = undoEdits(current, change.edits);
  if (!undone)
    return {
      kind: "unknown",
      content: "",
      reason:
        "The file changed again after the agent's edits, so they cannot be undone to show the earlier content.",
    };
  return { kind: "reconstructed", ...undone };
}

export function undoEdits(
  current: string,
  edits: readonly TextEdit[],
): { content: string; exact: boolean } | null {
  let content = current;
  let exact = true;
  for (let i = edits.length - 1; i >= 0; i--) {
    const { oldString, newString, replaceAll } = edits[i]!;
    if (newString === "") return null;
    const first = content.indexOf(newString);
    if (first < 0) return null;
    const repeated = content.indexOf(newString, first + 1) >= 0;
    if (replaceAll) {
      content = content.split(newString).join(oldString);
      // Occurrences of the new text that were there before the edit are undone too.
      exact = false;
    } else {
      exact &&= !repeated;
      content = content.slice(0, first) + oldString + content.slice(first + newString.length);
    }
  }
  return { content, exact };
}
