/**
 * Project secrets: environment variables handed to a project's sandboxes. Values are stored
 * encrypted; listing never returns them, only revealProjectSecrets (for the broker starting a
 * sandbox) does.
 */
import { z } from "zod";
import type { DbOrTx } from "./client.js";
import { DbError } from "./errors.js";
import { decryptSecret, encryptSecret, type SecretKey } from "./secrets.js";

export const secretNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, "use an environment variable name such as NPM_TOKEN");

export interface ProjectSecretInfo {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

const INFO = { id: true, name: true, createdAt: true, updatedAt: true } as const;
const contextOf = (projectId: string, name: string) => `project-secret:${projectId}:${name}`;

function checkName(name: string): string {
  const result = secretNameSchema.safeParse(name);
  if (!result.success) throw new DbError("invalid_input", `Invalid secret name "${name.slice(0, 100)}": ${result.error.issues[0]?.message}.`);
  return result.data;
}

/** Creates or replaces the secret `name` of a project. */
export async function setProjectSecret(
  db: DbOrTx,
  key: SecretKey,
  input: { projectId: string; name: string; value: string },
): Promise<ProjectSecretInfo> {
  const name = checkName(input.name);
  const encryptedValue = encryptSecret(input.value, key, contextOf(input.projectId, name));
  return db.projectSecret.upsert({
    where: { projectId_name: { projectId: input.projectId, name } },
    create: { projectId: input.projectId, name, encryptedValue },
    update: { encryptedValue },
    select: INFO,
  });
}

/** Names and dates of a project's secrets; never their values. */
export function listProjectSecrets(db: DbOrTx, projectId: string): Promise<ProjectSecretInfo[]> {
  return db.projectSecret.findMany({ where: { projectId }, select: INFO, orderBy: { name: "asc" } });
}

/** Every secret of a project, decrypted: `{ NAME: value }`. */
export async function revealProjectSecrets(db: DbOrTx, key: SecretKey, projectId: string): Promise<Record<string, string>> {
  const rows = await db.projectSecret.findMany({ where: { projectId }, select: { name: true, encryptedValue: true } });
  return Object.fromEntries(rows.map((row) => [row.name, decryptSecret(row.encryptedValue, key, contextOf(projectId, row.name))]));
}

/** Deletes a secret; false if there was none. */
export async function deleteProjectSecret(db: DbOrTx, projectId: string, name: string): Promise<boolean> {
  const { count } = await db.projectSecret.deleteMany({ where: { projectId, name } });
  return count > 0;
}
