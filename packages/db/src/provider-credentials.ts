/**
 * An organization's API keys for model providers. Keys are stored encrypted; listing never returns
 * them, only revealProviderCredential (for the agent about to call the provider) does.
 */
import { z } from "zod";
import type { DbOrTx } from "./client.js";
import { DbError } from "./errors.js";
import { decryptSecret, encryptSecret, type SecretKey } from "./secrets.js";

const inputSchema = z.object({
  orgId: z.string().min(1),
  provider: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "a provider id such as anthropic, openai or openai-compatible"),
  label: z.string().trim().min(1).max(100),
  apiKey: z.string().min(1),
  /** A self-hosted or compatible server's endpoint, e.g. http://gpu-box:8000/v1 (vLLM, Ollama). */
  baseUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  createdById: z.string().min(1).optional(),
});

export interface ProviderCredentialInfo {
  id: string;
  orgId: string;
  provider: string;
  label: string;
  baseUrl: string | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const INFO = { id: true, orgId: true, provider: true, label: true, baseUrl: true, createdById: true, createdAt: true, updatedAt: true } as const;
const contextOf = (orgId: string) => `provider-credential:${orgId}`;

/** Creates or replaces the key stored under (org, provider, label). */
export async function saveProviderCredential(db: DbOrTx, key: SecretKey, input: z.input<typeof inputSchema>): Promise<ProviderCredentialInfo> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DbError("invalid_input", `Invalid provider credential: ${issue?.path.join(".")}: ${issue?.message}.`);
  }
  const { orgId, provider, label, apiKey, baseUrl = null, createdById } = parsed.data;
  const encryptedKey = encryptSecret(apiKey, key, contextOf(orgId));
  return db.providerCredential.upsert({
    where: { orgId_provider_label: { orgId, provider, label } },
    create: { orgId, provider, label, encryptedKey, baseUrl, createdById },
    update: { encryptedKey, baseUrl },
    select: INFO,
  });
}

/** An organization's credentials without their keys. */
export function listProviderCredentials(db: DbOrTx, orgId: string): Promise<ProviderCredentialInfo[]> {
  return db.providerCredential.findMany({ where: { orgId }, select: INFO, orderBy: [{ provider: "asc" }, { label: "asc" }] });
}

/** One credential with its decrypted key; throws DbError("not_found") if there is none. */
export async function revealProviderCredential(
  db: DbOrTx,
  key: SecretKey,
  id: string,
): Promise<ProviderCredentialInfo & { apiKey: string }> {
  const row = await db.providerCredential.findUnique({ where: { id }, select: { ...INFO, encryptedKey: true } });
  if (!row) throw new DbError("not_found", `No provider credential ${id}; it may have been deleted. Add the API key again in the organization settings.`);
  const { encryptedKey, ...info } = row;
  return { ...info, apiKey: decryptSecret(encryptedKey, key, contextOf(row.orgId)) };
}
