/** An organization's model-provider API keys, as the project settings page stores and lists them. */
import { listProviderCredentials, Prisma, saveProviderCredential, type Db, type ProviderCredentialInfo, type SecretKey } from "@codeyard/db";
import { OrgError } from "../orgs/org-error";
import { findMembership } from "../orgs/organizations";
import { canManageOrg } from "../orgs/roles";
import type { ModelProvider } from "./schemas";

/** The broker uses the oldest key of a provider; the web app keeps one per provider under this label. */
export const KEY_LABEL = "default";

/**
 * Whether ProviderCredential has a baseUrl column yet (for openai-compatible servers). Until it
 * does, the form hides the field and only the key is stored.
 */
export const BASE_URL_SUPPORTED = "baseUrl" in Prisma.ProviderCredentialScalarFieldEnum;

export async function saveProviderKey(
  db: Db,
  key: SecretKey,
  input: { userId: string; orgId: string; provider: ModelProvider; apiKey: string; baseUrl?: string },
): Promise<ProviderCredentialInfo> {
  const membership = await findMembership(db, input.userId, input.orgId);
  if (!membership) throw new OrgError("not_found", "This organization does not exist or you are not a member of it.");
  if (!canManageOrg(membership.role)) throw new OrgError("forbidden", "Only owners and admins of the organization can store API keys; ask one of them.");
  return saveProviderCredential(db, key, {
    orgId: input.orgId,
    provider: input.provider,
    label: KEY_LABEL,
    apiKey: input.apiKey,
    createdById: input.userId,
    // Passed through once the database layer accepts it; ignored (stripped) until then.
    ...(BASE_URL_SUPPORTED && input.baseUrl ? { baseUrl: input.baseUrl } : {}),
  });
}

export function listProviderKeys(db: Db, orgId: string): Promise<ProviderCredentialInfo[]> {
  return listProviderCredentials(db, orgId);
}
