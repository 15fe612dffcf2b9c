/** Cutting long tool output so it fits the model's context, telling the model what was cut. */

export interface Truncated {
  text: string;
  truncated: boolean;
}

/**
 * Keeps the head and the (larger) tail of `text` — command output tends to end with the part
 * that matters, such as the failing test or the error — and says in between what was dropped.
 */
export function truncateMiddle(text: string, maxChars: number, hint = "narrow the output down (e.g. | tail -n 50, | grep PATTERN, or redirect it to a file and read parts of it)"): Truncated {
  if (text.length <= maxChars) return { text, truncated: false };
  const budget = Math.max(0, maxChars - 200);
  const head = Math.floor(budget / 3);
  const tail = budget - head;
  const omitted = text.length - head - tail;
  const note = `\n\n[... ${omitted} characters omitted: the output was too long to show in full; ${hint} ...]\n\n`;
  return { text: text.slice(0, head) + note + text.slice(text.length - tail), truncated: true };
}

/** Cuts one long line (minified code, a data blob) to `maxChars`. */
export function truncateLine(line: string, maxChars: number): string {
  return line.length <= maxChars ? line : `${line.slice(0, maxChars)}… [line cut: ${line.length - maxChars} more characters]`;
}
