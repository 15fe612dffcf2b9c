/** Organizations and memberships as the web app reads them; every read is scoped to a user. */
import { membershipRoleSchema, type DbOrTx, type MembershipRole } from "@codeyard/db";
import { firstFreeSlug, slugify } from "./slug";

export interface OrgMembership {
  orgId: string;
  orgName: string;
  orgSlug: string;
  role: MembershipRole;
}

/** Creates an organization with its settings and `ownerId` as its owner. */
export async function createOrganization(tx: DbOrTx, input: { name: string; ownerId: string }) {
  const base = slugify(input.name, "org");
  const taken = await tx.organization.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
  const org = await tx.organization.create({
    data: {
      name: input.name,
      slug: firstFreeSlug(base, taken.map((row) => row.slug)),
      settings: { create: {} },
      memberships: { create: { userId: input.ownerId, role: "owner" } },
    },
  });
  return org;
}

/** The user's organizations, oldest membership first. */
export async function listMemberships(db: DbOrTx, userId: string): Promise<OrgMembership[]> {
  const rows = await db.membership.findMany({
    where: { userId },
    include: { org: { select: { id: true, name: true, slug: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({ orgId: row.org.id, orgName: row.org.name, orgSlug: row.org.slug, role: membershipRoleSchema.catch("member").parse(row.role) }));
}

/** The user's membership of `orgId`, or null when they are not a member (or the org does not exist). */
export async function findMembership(db: DbOrTx, userId: string, orgId: string): Promise<OrgMembership | null> {
  if (!orgId || orgId.length > 64) return null;
  const row = await db.membership.findUnique({
    where: { userId_orgId: { userId, orgId } },
    include: { org: { select: { id: true, name: true, slug: true } } },
  });
  if (!row) return null;
  return { orgId: row.org.id, orgName: row.org.name, orgSlug: row.org.slug, role: membershipRoleSchema.catch("member").parse(row.role) };
}
