import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import type { OrgMembership } from "@/lib/orgs/organizations";
import type { MembershipRole } from "@codeyard/db";
import { canManageOrg } from "@/lib/orgs/roles";

const YOU_ARE: Record<MembershipRole, string> = { owner: "an owner", admin: "an admin", member: "a member" };

/** Title and tabs shared by an organization's pages. */
export function OrgHeader({ membership, active }: { membership: OrgMembership; active: "members" | "team" | "settings" }) {
  const tabs = [
    { id: "members", label: "Members", href: `/orgs/${membership.orgId}/members` },
    { id: "team", label: "Team", href: `/orgs/${membership.orgId}/team` },
    ...(canManageOrg(membership.role) ? [{ id: "settings", label: "Settings", href: `/orgs/${membership.orgId}/settings` }] : []),
  ];
  return (
    <>
      <PageHeader eyebrow="Organization" title={membership.orgName} description={`You are ${YOU_ARE[membership.role]} of this organization.`} />
      <nav aria-label="Organization pages" className="-mt-2 flex gap-1 text-sm">
        {tabs.map((tab) => (
          <Link
            key={tab.id}
            href={tab.href}
            aria-current={tab.id === active ? "page" : undefined}
            className="rounded-md px-2.5 py-1 text-muted hover:bg-surface hover:text-fg aria-[current=page]:bg-surface aria-[current=page]:font-medium aria-[current=page]:text-fg"
          >
            {tab.label}
          </Link>
        ))}
      </nav>
    </>
  );
}
