/** The file tree as the flat list of visible rows (directories first, then files, by name). */
import { joinPath } from "./paths";

export interface TreeEntry {
  name: string;
  kind: "file" | "dir" | "symlink" | "other";
  size: number;
  mtimeMs: number;
}

export interface DirListing {
  entries?: TreeEntry[];
  loading: boolean;
  error?: string;
}

export type TreeRow =
  | {
      type: "entry";
      path: string;
      name: string;
      kind: TreeEntry["kind"];
      depth: number;
      expanded: boolean;
      loading: boolean;
    }
  | { type: "message"; path: string; depth: number; text: string; tone: "muted" | "error" };

export function sortEntries(entries: readonly TreeEntry[]): TreeEntry[] {
  return entries
    .slice()
    .sort(
      (a, b) => Number(b.kind === "dir") - Number(a.kind === "dir") || a.name.localeCompare(b.name),
    );
}

export function visibleRows(
  dirs: ReadonlyMap<string, DirListing>,
  expanded: ReadonlySet<string>,
  dir = "",
  depth = 0,
): TreeRow[] {
  const listing = dirs.get(dir);
  if (!listing?.entries) {
    if (listing?.error)
      return [{ type: "message", path: `${dir}#error`, depth, text: listing.error, tone: "error" }];
    return [{ type: "message", path: `${dir}#loading`, depth, text: "Loading…", tone: "muted" }];
  }
  if (listing.entries.length === 0) {
    return [
      {
        type: "message",
        path: `${dir}#empty`,
        depth,
        text: depth > 0 ? "Empty folder" : "No files yet: create one above, or drop files here.",
        tone: "muted",
      },
    ];
  }
  const rows: TreeRow[] = [];
  for (const entry of sortEntries(listing.entries)) {
    const path = joinPath(dir, entry.name);
    const isOpen = entry.kind === "dir" && expanded.has(path);
    rows.push({
      type: "entry",
      path,
      name: entry.name,
      kind: entry.kind,
      depth,
      expanded: isOpen,
      loading: Boolean(isOpen && dirs.get(path)?.loading),
    });
    if (isOpen) rows.push(...visibleRows(dirs, expanded, path, depth + 1));
  }
  return rows;
}

/** Where a drop on `row` puts things: into the row's folder, or next to a file. */
export function dropTarget(row: { path: string; kind: TreeEntry["kind"] } | null): string {
  if (!row) return "";
  if (row.kind === "dir") return row.path;
  const slash = row.path.lastIndexOf("/");
  return slash < 0 ? "" : row.path.slice(0, slash);
}
