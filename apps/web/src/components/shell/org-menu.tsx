import Link from "next/link";
import { switchOrgAction } from "@/lib/orgs/actions";
import type { OrgMembership } from "@/lib/orgs/organizations";
import { canManageOrg, ROLE_LABELS } from "@/lib/orgs/roles";
import { Menu, MenuHeading, menuItemStyles, MenuSeparator } from "./menu";

/** The current organization, its pages, and the other organizations to switch to. */
export function OrgMenu({ memberships, current }: { memberships: OrgMembership[]; current: OrgMembership | undefined }) {
  if (!current) return <span className="px-2 text-sm text-muted">No organization</span>;
  return (
    <Menu id="org-menu" label={`Organization: ${current.orgName}. Switch or manage`} align="left" trigger={<span className="max-w-[40vw] truncate font-medium sm:max-w-60">{current.orgName}</span>}>
      <MenuHeading>{current.orgName}</MenuHeading>
      <Link href="/projects" className={menuItemStyles}>
        Projects
      </Link>
      <Link href={`/orgs/${current.orgId}/members`} className={menuItemStyles}>
        Members
      </Link>
      <Link href={`/orgs/${current.orgId}/team`} className={menuItemStyles}>
        Team: shared sessions
      </Link>
      {canManageOrg(current.role) && (
        <Link href={`/orgs/${current.orgId}/settings`} className={menuItemStyles}>
          Organization settings
        </Link>
      )}
      {memberships.length > 1 && (
        <>
          <MenuSeparator />
          <MenuHeading>Switch organization</MenuHeading>
          {memberships.map((membership) => (
            <form key={membership.orgId} action={switchOrgAction}>
              <input type="hidden" name="orgId" value={membership.orgId} />
              <button type="submit" className={menuItemStyles} aria-current={membership.orgId === current.orgId || undefined}>
                <span className="min-w-0 flex-1 truncate">{membership.orgName}</span>
                <span className="text-xs text-muted">{membership.orgId === current.orgId ? "current" : ROLE_LABELS[membership.role]}</span>
              </button>
            </form>
          ))}
        </>
      )}
    </Menu>
  );
}
