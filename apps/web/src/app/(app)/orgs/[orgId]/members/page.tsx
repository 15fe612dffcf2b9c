import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cardStyles } from "@/components/forms/styles";
import { PageContainer } from "@/components/shell/page-container";
import { getDb } from "@/lib/auth/database";
import { loadAppContext } from "@/lib/orgs/app-context";
import { listMembers } from "@/lib/orgs/members";
import { findMembership } from "@/lib/orgs/organizations";
import { canManageOrg, checkMemberChange } from "@/lib/orgs/roles";
import { OrgHeader } from "../org-header";
import { AddMemberForm } from "./add-member-form";
import { MemberRow } from "./member-row";

export const metadata: Metadata = { title: "Members · Codeyard" };

export default async function MembersPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { user } = await loadAppContext();
  const db = await getDb();
  const membership = await findMembership(db, user.id, orgId);
  if (!membership) notFound();
  const members = await listMembers(db, orgId);
  const owners = members.filter((member) => member.role === "owner").length;
  const manage = canManageOrg(membership.role);
  return (
    <PageContainer>
      <OrgHeader membership={membership} active="members" />
      {manage && (
        <section aria-labelledby="add-member" className={`${cardStyles} flex flex-col gap-3 p-4`}>
          <h2 id="add-member" className="font-medium">
            Add a member
          </h2>
          <AddMemberForm orgId={orgId} canAddOwner={membership.role === "owner"} />
        </section>
      )}
      <section aria-labelledby="member-list" className="flex flex-col gap-2">
        <h2 id="member-list" className="font-medium">
          {members.length} member{members.length === 1 ? "" : "s"}
        </h2>
        <ul className={`${cardStyles} divide-y divide-border`}>
          {members.map((member) => {
            const self = member.userId === user.id;
            const can = (next: typeof member.role | null) => checkMemberChange({ actor: membership.role, target: member.role, next, self, owners }).ok;
            const roles = (["owner", "admin", "member"] as const).filter((role) => role === member.role || can(role));
            return <MemberRow key={member.membershipId} orgId={orgId} member={{ ...member, since: member.since.toISOString().slice(0, 10) }} self={self} roles={roles} canRemove={can(null)} />;
          })}
        </ul>
        {!manage && <p className="text-sm text-muted">Only owners and admins can add or change members.</p>}
      </section>
    </PageContainer>
  );
}
