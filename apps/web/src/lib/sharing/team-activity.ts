/**
 * The organization's team page: sessions members shared with the organization (a live
 * `organization` share, or a live `link` share while link sharing is allowed — anyone with the
 * link includes every member), with model, duration, tokens and cost per session (from its Run
 * rows) and totals per member. Tokens and cost of a run are recorded when it ends.
 */
import type { DbOrTx } from "@codeyard/db";
import { findMembership } from "../orgs/organizations";

/** Most sessions the page lists (the most recently active first). */
export const TEAM_SESSION_LIMIT = 200;

export interface RunFacts {
  model: string;
  status: string;
  tokensIn: number;
  tokensOut: number;
  costMicroUsd: number;
  startedAt: Date;
  endedAt: Date | null;
}

export interface SharedSessionFacts {
  id: string;
  title: string;
  projectName: string;
  ownerId: string;
  ownerName: string;
  updatedAt: Date;
  runs: RunFacts[];
}

export interface TeamSessionRow {
  sessionId: string;
  title: string;
  projectName: string;
  ownerId: string;
  ownerName: string;
  /** Models used, most used first. */
  models: string[];
  runs: number;
  /** Agent working time: the runs' durations added up (a running run counts up to now). */
  durationMs: number;
  tokens: number;
  costUsd: number;
  live: boolean;
  updatedAt: Date;
}

export interface MemberTotalsRow {
  userId: string;
  name: string;
  sessions: number;
  runs: number;
  durationMs: number;
  tokens: number;
  costUsd: number;
}

export interface TeamActivity {
  sessions: TeamSessionRow[];
  members: MemberTotalsRow[];
  totals: Omit<MemberTotalsRow, "userId" | "name">;
}

export function summarizeTeamActivity(sessions: readonly SharedSessionFacts[], now = new Date()): TeamActivity {
  const rows = sessions.map((session): TeamSessionRow => {
    const modelUse = new Map<string, number>();
    let durationMs = 0;
    let tokens = 0;
    let costMicroUsd = 0;
    for (const run of session.runs) {
      modelUse.set(run.model, (modelUse.get(run.model) ?? 0) + 1);
      durationMs += Math.max(0, (run.endedAt ?? now).getTime() - run.startedAt.getTime());
      tokens += run.tokensIn + run.tokensOut;
      costMicroUsd += run.costMicroUsd;
    }
    return {
      sessionId: session.id,
      title: session.title,
      projectName: session.projectName,
      ownerId: session.ownerId,
      ownerName: session.ownerName,
      models: [...modelUse].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([model]) => model),
      runs: session.runs.length,
      durationMs,
      tokens,
      costUsd: costMicroUsd / 1e6,
      live: session.runs.some((run) => run.status === "running"),
      updatedAt: session.updatedAt,
    };
  });
  const members = new Map<string, MemberTotalsRow>();
  const totals = { sessions: 0, runs: 0, durationMs: 0, tokens: 0, costUsd: 0 };
  for (const row of rows) {
    const member = members.get(row.ownerId) ?? { userId: row.ownerId, name: row.ownerName, sessions: 0, runs: 0, durationMs: 0, tokens: 0, costUsd: 0 };
    for (const target of [member, totals]) {
      target.sessions += 1;
      target.runs += row.runs;
      target.durationMs += row.durationMs;
      target.tokens += row.tokens;
      target.costUsd += row.costUsd;
    }
    members.set(row.ownerId, member);
  }
  return {
    sessions: rows,
    members: [...members.values()].sort((a, b) => b.costUsd - a.costUsd || b.tokens - a.tokens || a.name.localeCompare(b.name)),
    totals,
  };
}

/** The team page's data, or null when `userId` is not a member of the organization. */
export async function teamActivity(db: DbOrTx, userId: string, orgId: string, now = new Date()): Promise<TeamActivity | null> {
  if (!(await findMembership(db, userId, orgId))) return null;
  const settings = await db.orgSettings.findUnique({ where: { orgId }, select: { allowLinkShares: true } });
  const visibilities = settings?.allowLinkShares ? ["organization", "link"] : ["organization"];
  const sessions = await db.session.findMany({
    where: {
      project: { orgId },
      shareLinks: { some: { visibility: { in: visibilities }, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } },
    },
    orderBy: { updatedAt: "desc" },
    take: TEAM_SESSION_LIMIT,
    select: {
      id: true,
      title: true,
      ownerId: true,
      updatedAt: true,
      owner: { select: { name: true } },
      project: { select: { name: true } },
      runs: { select: { model: true, status: true, tokensIn: true, tokensOut: true, costMicroUsd: true, startedAt: true, endedAt: true }, orderBy: { startedAt: "asc" }, take: 1000 },
    },
  });
  return summarizeTeamActivity(
    sessions.map((session) => ({
      id: session.id,
      title: session.title,
      projectName: session.project.name,
      ownerId: session.ownerId,
      ownerName: session.owner.name,
      updatedAt: session.updatedAt,
      runs: session.runs,
    })),
    now,
  );
}
