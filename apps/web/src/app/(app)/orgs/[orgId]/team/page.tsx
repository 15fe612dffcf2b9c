import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cardStyles } from "@/components/forms/styles";
import { PageContainer } from "@/components/shell/page-container";
import { getDb } from "@/lib/auth/database";
import { formatCost, formatDuration, formatTokens } from "@/lib/ide/format";
import { loadAppContext } from "@/lib/orgs/app-context";
import { findMembership } from "@/lib/orgs/organizations";
import { sharedSessionPath } from "@/lib/sharing/manage-shares";
import { teamActivity, TEAM_SESSION_LIMIT } from "@/lib/sharing/team-activity";
import { OrgHeader } from "../org-header";

export const metadata: Metadata = { title: "Team · Codeyard" };

/** Sessions members shared with the organization, with what each cost, and totals per member. */
export default async function TeamPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { user } = await loadAppContext();
  const db = await getDb();
  const membership = await findMembership(db, user.id, orgId);
  const activity = membership && (await teamActivity(db, user.id, orgId));
  if (!membership || !activity) notFound();
  return (
    <PageContainer>
      <OrgHeader membership={membership} active="team" />
      <p className="-mt-2 text-sm text-muted">
        Sessions members shared with the organization (Share, in a session). Open one to read it — live while the agent works — and learn how your teammates use agents. Tokens and cost of a run count once it ends.
      </p>
      <section aria-labelledby="team-members" className="flex flex-col gap-2">
        <h2 id="team-members" className="font-medium">
          Per member
        </h2>
        {activity.members.length === 0 ? (
          <p className="text-sm text-muted">Nobody has shared a session with the organization yet.</p>
        ) : (
          <div className={`${cardStyles} overflow-x-auto`}>
            <table className="w-full text-sm" aria-label="Totals per member">
              <thead className="text-left text-xs text-muted">
                <tr>
                  <th className="px-3 py-2 font-medium">Member</th>
                  <Num>Sessions</Num>
                  <Num>Runs</Num>
                  <Num>Agent time</Num>
                  <Num>Tokens</Num>
                  <Num>Cost</Num>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {activity.members.map((member) => (
                  <tr key={member.userId}>
                    <td className="px-3 py-2">{member.name}</td>
                    <Num>{member.sessions}</Num>
                    <Num>{member.runs}</Num>
                    <Num>{formatDuration(member.durationMs)}</Num>
                    <Num>{formatTokens(member.tokens)}</Num>
                    <Num>{formatCost(member.costUsd)}</Num>
                  </tr>
                ))}
              </tbody>
              <tfoot className="border-t border-border font-medium">
                <tr>
                  <td className="px-3 py-2">All</td>
                  <Num>{activity.totals.sessions}</Num>
                  <Num>{activity.totals.runs}</Num>
                  <Num>{formatDuration(activity.totals.durationMs)}</Num>
                  <Num>{formatTokens(activity.totals.tokens)}</Num>
                  <Num>{formatCost(activity.totals.costUsd)}</Num>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
      {activity.sessions.length > 0 && (
        <section aria-labelledby="team-sessions" className="flex flex-col gap-2">
          <h2 id="team-sessions" className="font-medium">
            Shared sessions{activity.sessions.length === TEAM_SESSION_LIMIT ? ` (the ${TEAM_SESSION_LIMIT} most recent)` : ""}
          </h2>
          <ul className={`${cardStyles} divide-y divide-border`}>
            {activity.sessions.map((session) => (
              <li key={session.sessionId} className="flex flex-col gap-1 px-3 py-2.5 sm:flex-row sm:items-center sm:gap-3" data-testid="team-session">
                <div className="min-w-0 flex-1">
                  <Link href={sharedSessionPath(session.sessionId)} className="font-medium hover:underline">
                    {session.title || "Untitled session"}
                  </Link>
                  {session.live && <span className="ml-2 rounded bg-warn/15 px-1.5 py-0.5 text-xs text-warn">live</span>}
                  <p className="truncate text-xs text-muted">
                    {session.projectName} · {session.ownerName} · {session.models.length ? session.models.join(", ") : "no runs yet"}
                  </p>
                </div>
                <p className="flex shrink-0 gap-3 text-xs text-muted tabular-nums">
                  <span title="Runs">{session.runs} run{session.runs === 1 ? "" : "s"}</span>
                  <span title="Agent time">{formatDuration(session.durationMs)}</span>
                  <span title="Tokens">{formatTokens(session.tokens)} tokens</span>
                  <span title="Cost">{formatCost(session.costUsd)}</span>
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </PageContainer>
  );
}

function Num({ children }: { children: React.ReactNode }) {
  return <td className="px-3 py-2 text-right tabular-nums">{children}</td>;
}
