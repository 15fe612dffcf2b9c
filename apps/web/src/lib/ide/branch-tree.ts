/** A session family (`branch-list`) as rows of a tree: parents before their branches, oldest first. */
import type { BranchNode } from "@codeyard/protocol";

export interface BranchRow {
  node: BranchNode;
  depth: number;
  current: boolean;
}

export function branchRows(nodes: readonly BranchNode[], currentSessionId: string): BranchRow[] {
  const ids = new Set(nodes.map((node) => node.sessionId));
  const children = new Map<string | null, BranchNode[]>();
  for (const node of nodes) {
    // A parent outside the list (deleted, or not visible) makes the node a root.
    const parent =
      node.parentSessionId && ids.has(node.parentSessionId) ? node.parentSessionId : null;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const byAge = (a: BranchNode, b: BranchNode) =>
    a.createdAt.localeCompare(b.createdAt) || a.sessionId.localeCompare(b.sessionId);
  const rows: BranchRow[] = [];
  const seen = new Set<string>();
  const visit = (node: BranchNode, depth: number) => {
    if (seen.has(node.sessionId)) return;
    seen.add(node.sessionId);
    rows.push({ node, depth, current: node.sessionId === currentSessionId });
    for (const child of [...(children.get(node.sessionId) ?? [])].sort(byAge))
      visit(child, depth + 1);
  };
  for (const root of [...(children.get(null) ?? [])].sort(byAge)) visit(root, 0);
  // Whatever a parent loop kept out of reach still shows, at the top level.
  for (const node of [...nodes].sort(byAge)) visit(node, 0);
  return rows;
}

/** A few words on what kind of branch a node is. */
export function branchKind(node: BranchNode): string {
  if (node.attemptId) return node.status === "archived" ? "attempt · archived" : "attempt";
  if (!node.parentSessionId) return "main";
  return node.status === "archived" ? "branch · archived" : "branch";
}
