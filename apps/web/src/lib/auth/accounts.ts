/**
 * Accounts: creating one (with its organization), checking a password, and matching an OIDC
 * identity to an account by email.
 */
import { isUniqueViolation, type Db, type Organization, type User } from "@codeyard/db";
import { createOrganization } from "../orgs/organizations";
import { verifyPassword } from "./password";

export class AccountError extends Error {
  constructor(
    readonly code: "email_taken",
    message: string,
  ) {
    super(message);
    this.name = "AccountError";
  }
}

/** The first account's organization is the install's main one; later accounts get a personal one. */
export const MAIN_ORG_NAME = "Main";

export function personalOrgName(name: string): string {
  const first = name.trim().split(/\s+/)[0] || name.trim();
  return `${first}'s projects`.slice(0, 100);
}

export interface NewAccount {
  email: string;
  name: string;
  /** From hashPassword(); "" for accounts that sign in only through OIDC. */
  passwordHash: string;
}

export interface CreatedAccount {
  user: User;
  org: Organization;
  /** True for the first account of the install, which owns the main organization. */
  firstUser: boolean;
}

export async function createAccount(db: Db, input: NewAccount): Promise<CreatedAccount> {
  try {
    return await db.$transaction(async (tx) => {
      const firstUser = (await tx.user.count()) === 0;
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash: input.passwordHash } });
      const org = await createOrganization(tx, { name: firstUser ? MAIN_ORG_NAME : personalOrgName(input.name), ownerId: user.id });
      return { user, org, firstUser };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AccountError("email_taken", "An account with this email already exists. Sign in instead, or use another email.");
    throw error;
  }
}

/** The account for `email` if `password` is its password; as slow for unknown emails as for known ones. */
export async function authenticate(db: Db, email: string, password: string): Promise<User | null> {
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash);
  return ok && user ? user : null;
}

export interface OidcIdentity {
  email: string;
  name: string;
}

/** The account with the identity's email, created (without a password) if there is none yet. */
export async function findOrCreateOidcUser(db: Db, identity: OidcIdentity): Promise<{ user: User; created: boolean }> {
  const existing = await db.user.findUnique({ where: { email: identity.email } });
  if (existing) return { user: existing, created: false };
  try {
    const { user } = await createAccount(db, { email: identity.email, name: identity.name, passwordHash: "" });
    return { user, created: true };
  } catch (error) {
    // Two callbacks for the same new user at once: the other one created it.
    if (error instanceof AccountError) return { user: await db.user.findUniqueOrThrow({ where: { email: identity.email } }), created: false };
    throw error;
  }
}
