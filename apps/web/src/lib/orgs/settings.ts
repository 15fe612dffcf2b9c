/** Organization settings (name, link sharing). Reading needs membership; changing needs owner or admin. */
import type { Db, DbOrTx } from "@codeyard/db";
import { OrgError } from "./org-error";
import { findMembership } from "./organizations";
import { canManageOrg } from "./roles";

export interface OrgSettingsView {
  name: string;
  allowLinkShares: boolean;
}

export async function readOrgSettings(db: DbOrTx, orgId: string): Promise<OrgSettingsView | null> {
  const org = await db.organization.findUnique({ where: { id: orgId }, include: { settings: true } });
  return org && { name: org.name, allowLinkShares: org.settings?.allowLinkShares ?? false };
}

export async function updateOrgSettings(db: Db, input: { actorId: string; orgId: string } & OrgSettingsView): Promise<void> {
  await db.$transaction(async (tx) => {
    const membership = await findMembership(tx, input.actorId, input.orgId);
    if (!membership) throw new OrgError("not_found", "This organization does not exist or you are not a member of it.");
    if (!canManageOrg(membership.role)) throw new OrgError("forbidden", "Only owners and admins can change organization settings; ask one of them.");
    await tx.organization.update({ where: { id: input.orgId }, data: { name: input.name } });
    await tx.orgSettings.upsert({
      where: { orgId: input.orgId },
      create: { orgId: input.orgId, allowLinkShares: input.allowLinkShares },
      update: { allowLinkShares: input.allowLinkShares },
    });
  });
}
