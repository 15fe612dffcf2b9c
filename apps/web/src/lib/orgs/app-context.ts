/** What every signed-in page needs: the user, their organizations and the current one. */
import type { SessionUser } from "@codeyard/db";
import { cache } from "react";
import { requireUser } from "../auth/current-user";
import { getDb } from "../auth/database";
import { pickCurrentOrg } from "./current-org";
import { listMemberships, type OrgMembership } from "./organizations";
import { rememberedOrg } from "./remember-org";

export interface AppContext {
  user: SessionUser;
  memberships: OrgMembership[];
  /** Undefined only for a user who has left every organization. */
  currentOrg: OrgMembership | undefined;
}

export const loadAppContext = cache(async (): Promise<AppContext> => {
  const user = await requireUser();
  const memberships = await listMemberships(await getDb(), user.id);
  return { user, memberships, currentOrg: pickCurrentOrg(memberships, await rememberedOrg()) };
});
