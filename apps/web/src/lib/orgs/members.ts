/**
 * Member management. Every function takes the acting user's id and loads their role itself, inside
 * the transaction that makes the change, so nothing a form sends decides who may do what.
 */
import { isUniqueViolation, membershipRoleSchema, type Db, type DbOrTx, type MembershipRole } from "@codeyard/db";
import { OrgError } from "./org-error";
import { checkAddMember, checkMemberChange, type RuleVerdict } from "./roles";

export interface MemberView {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: MembershipRole;
  since: Date;
}

const parseRole = (role: string) => membershipRoleSchema.catch("member").parse(role);

export async function listMembers(db: DbOrTx, orgId: string): Promise<MemberView[]> {
  const rows = await db.membership.findMany({
    where: { orgId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
  return rows.map((row) => ({ membershipId: row.id, userId: row.user.id, name: row.user.name, email: row.user.email, role: parseRole(row.role), since: row.createdAt }));
}

async function actorRole(tx: DbOrTx, actorId: string, orgId: string): Promise<MembershipRole> {
  const row = await tx.membership.findUnique({ where: { userId_orgId: { userId: actorId, orgId } }, select: { role: true } });
  if (!row) throw new OrgError("not_found", "This organization does not exist or you are not a member of it.");
  return parseRole(row.role);
}

function enforce(verdict: RuleVerdict): void {
  if (!verdict.ok) throw new OrgError("forbidden", verdict.reason);
}

export async function addMember(db: Db, input: { actorId: string; orgId: string; email: string; role: MembershipRole }): Promise<MemberView> {
  return db.$transaction(async (tx) => {
    enforce(checkAddMember(await actorRole(tx, input.actorId, input.orgId), input.role));
    const user = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, email: true } });
    if (!user) throw new OrgError("not_found", `No Codeyard account uses ${input.email}. Ask them to sign up first, then add them here.`);
    try {
      const row = await tx.membership.create({ data: { orgId: input.orgId, userId: user.id, role: input.role } });
      return { membershipId: row.id, userId: user.id, name: user.name, email: user.email, role: input.role, since: row.createdAt };
    } catch (error) {
      if (isUniqueViolation(error)) throw new OrgError("conflict", `${user.email} is already a member; change their role in the list instead.`);
      throw error;
    }
  });
}

async function loadChange(tx: DbOrTx, actorId: string, orgId: string, membershipId: string) {
  const actor = await actorRole(tx, actorId, orgId);
  const target = await tx.membership.findFirst({ where: { id: membershipId, orgId }, select: { id: true, userId: true, role: true } });
  if (!target) throw new OrgError("not_found", "This member is no longer in the organization; reload the page.");
  const owners = await tx.membership.count({ where: { orgId, role: "owner" } });
  return { actor, target: { ...target, role: parseRole(target.role) }, owners, self: target.userId === actorId };
}

export async function changeMemberRole(db: Db, input: { actorId: string; orgId: string; membershipId: string; role: MembershipRole }): Promise<void> {
  await db.$transaction(async (tx) => {
    const { actor, target, owners, self } = await loadChange(tx, input.actorId, input.orgId, input.membershipId);
    enforce(checkMemberChange({ actor, target: target.role, next: input.role, self, owners }));
    await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
  });
}

export async function removeMember(db: Db, input: { actorId: string; orgId: string; membershipId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const { actor, target, owners, self } = await loadChange(tx, input.actorId, input.orgId, input.membershipId);
    enforce(checkMemberChange({ actor, target: target.role, next: null, self, owners }));
    await tx.membership.delete({ where: { id: target.id } });
  });
}
