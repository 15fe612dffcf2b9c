/**
 * Line diffs where there is no Monaco (the phone's review, the shared-session viewer): Myers' O(ND) algorithm on the lines
 * between the common prefix and suffix, then hunks with a few lines of context. Past
 * MAX_EDIT_DISTANCE the diff gives up on alignment and shows the middle as removed then added.
 */
export type DiffLine =
  | { kind: "same"; text: string; oldNo: number; newNo: number }
  | { kind: "del"; text: string; oldNo: number }
  | { kind: "add"; text: string; newNo: number };

export type DiffRow = DiffLine | { kind: "skip"; count: number };

const MAX_EDIT_DISTANCE = 1500;

export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffLine[] = [];
  for (let i = 0; i < start; i++) out.push({ kind: "same", text: a[i]!, oldNo: i + 1, newNo: i + 1 });
  const middle = myers(a.slice(start, endA), b.slice(start, endB)) ?? [
    ...a.slice(start, endA).map((_, i) => ({ op: "del" as const, i, j: -1 })),
    ...b.slice(start, endB).map((_, j) => ({ op: "add" as const, i: -1, j })),
  ];
  for (const step of middle) {
    if (step.op === "same") out.push({ kind: "same", text: a[start + step.i]!, oldNo: start + step.i + 1, newNo: start + step.j + 1 });
    else if (step.op === "del") out.push({ kind: "del", text: a[start + step.i]!, oldNo: start + step.i + 1 });
    else out.push({ kind: "add", text: b[start + step.j]!, newNo: start + step.j + 1 });
  }
  for (let k = 0; k < a.length - endA; k++) out.push({ kind: "same", text: a[endA + k]!, oldNo: endA + k + 1, newNo: endB + k + 1 });
  return out;
}

type Step = { op: "same" | "del" | "add"; i: number; j: number };

/** The shortest edit script from a to b, or null when it is longer than MAX_EDIT_DISTANCE. */
function myers(a: string[], b: string[]): Step[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  // trace[d][k + d] = furthest x on diagonal k after d edits.
  const trace: Int32Array[] = [];
  let previous = new Int32Array(1);
  for (let d = 0; d <= max; d++) {
    const v = new Int32Array(2 * d + 1);
    for (let k = -d; k <= d; k += 2) {
      const fromBelow = k === -d || (k !== d && at(previous, k - 1, d - 1) < at(previous, k + 1, d - 1));
      let x = d === 0 ? 0 : fromBelow ? at(previous, k + 1, d - 1) : at(previous, k - 1, d - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + d] = x;
      if (x >= n && y >= m) {
        trace.push(v);
        return backtrack(trace, n, m);
      }
    }
    trace.push(v);
    previous = v;
  }
  return null;
}

function at(v: Int32Array, k: number, d: number): number {
  return v[k + d] ?? 0;
}

function backtrack(trace: Int32Array[], n: number, m: number): Step[] {
  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1]!;
    const k = x - y;
    const fromBelow = k === -d || (k !== d && at(previous, k - 1, d - 1) < at(previous, k + 1, d - 1));
    const prevK = fromBelow ? k + 1 : k - 1;
    const prevX = at(previous, prevK, d - 1);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) steps.push({ op: "same", i: --x, j: --y });
    if (fromBelow) steps.push({ op: "add", i: -1, j: --y });
    else steps.push({ op: "del", i: --x, j: -1 });
  }
  while (x > 0 && y > 0) steps.push({ op: "same", i: --x, j: --y });
  return steps.reverse();
}

/** The diff with unchanged runs longer than 2 × `context` lines folded into a `skip` row. */
export function withContext(lines: DiffLine[], context = 3): DiffRow[] {
  const rows: DiffRow[] = [];
  const changed = lines.map((line) => line.kind !== "same");
  let i = 0;
  while (i < lines.length) {
    if (changed[i]) {
      rows.push(lines[i]!);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && !changed[end]) end++;
    const keepBefore = i === 0 ? 0 : context;
    const keepAfter = end === lines.length ? 0 : context;
    if (end - i > keepBefore + keepAfter + 1) {
      rows.push(...lines.slice(i, i + keepBefore));
      rows.push({ kind: "skip", count: end - i - keepBefore - keepAfter });
      rows.push(...lines.slice(end - keepAfter, end));
    } else rows.push(...lines.slice(i, end));
    i = end;
  }
  return rows;
}

export function diffStats(lines: DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === "add") added++;
    else if (line.kind === "del") removed++;
  }
  return { added, removed };
}
