/** Which of the user's organizations the top bar and "new project" use, remembered in a cookie. */
import type { OrgMembership } from "./organizations";

export const CURRENT_ORG_COOKIE = "codeyard_org";

/** The remembered organization if the user still belongs to it, else their first one. */
export function pickCurrentOrg(memberships: OrgMembership[], remembered: string | undefined): OrgMembership | undefined {
  return memberships.find((membership) => membership.orgId === remembered) ?? memberships[0];
}
