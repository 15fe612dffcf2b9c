/** Secrets at rest: stored encrypted, listed without values, readable only under the right key. */
import { describe, expect, it } from "vitest";
import {
  deleteProjectSecret,
  listProjectSecrets,
  listProviderCredentials,
  parseSecretKey,
  PROVIDERS,
  revealProjectSecrets,
  revealProviderCredential,
  saveProviderCredential,
  setProjectSecret,
} from "../src/index.js";
import { seed, useTestDatabase } from "./helpers.js";

const KEY = parseSecretKey(Buffer.alloc(32, 1).toString("base64"));
const WRONG_KEY = parseSecretKey(Buffer.alloc(32, 2).toString("base64"));
const PLAINTEXT = "npm_0123456789abcdefSECRET";
const API_KEY = "sk-ant-api03-TOPSECRET";

describe.each(PROVIDERS)("secrets on %s", (provider) => {
  const database = useTestDatabase(provider);

  it("stores project secrets encrypted and lists them without values", async () => {
    const t = await database();
    const { project } = await seed(t.db);
    await setProjectSecret(t.db, KEY, { projectId: project.id, name: "NPM_TOKEN", value: PLAINTEXT });
    await setProjectSecret(t.db, KEY, { projectId: project.id, name: "OTHER", value: "second" });

    const raw = await t.db.$queryRawUnsafe<{ encryptedValue: string }[]>(`SELECT "encryptedValue" FROM "ProjectSecret" WHERE "name" = 'NPM_TOKEN'`);
    expect(raw).toHaveLength(1);
    expect(raw[0]!.encryptedValue).not.toBe(PLAINTEXT);
    expect(raw[0]!.encryptedValue).not.toContain("SECRET");
    expect(raw[0]!.encryptedValue).toMatch(/^v1:/);

    const listed = await listProjectSecrets(t.db, project.id);
    expect(listed.map((secret) => secret.name)).toEqual(["NPM_TOKEN", "OTHER"]);
    expect(Object.keys(listed[0]!).sort()).toEqual(["createdAt", "id", "name", "updatedAt"]);
    expect(JSON.stringify(listed)).not.toContain(PLAINTEXT);

    expect(await revealProjectSecrets(t.db, KEY, project.id)).toEqual({ NPM_TOKEN: PLAINTEXT, OTHER: "second" });

    // Replacing keeps one row; deleting removes it.
    await setProjectSecret(t.db, KEY, { projectId: project.id, name: "OTHER", value: "third" });
    expect((await revealProjectSecrets(t.db, KEY, project.id)).OTHER).toBe("third");
    expect(await deleteProjectSecret(t.db, project.id, "OTHER")).toBe(true);
    expect(await deleteProjectSecret(t.db, project.id, "OTHER")).toBe(false);
    expect(Object.keys(await revealProjectSecrets(t.db, KEY, project.id))).toEqual(["NPM_TOKEN"]);
  });

  it("refuses to decrypt under the wrong key, saying which key is needed", async () => {
    const t = await database();
    const { project } = await seed(t.db);
    await setProjectSecret(t.db, KEY, { projectId: project.id, name: "TOKEN", value: PLAINTEXT });
    await expect(revealProjectSecrets(t.db, WRONG_KEY, project.id)).rejects.toMatchObject({
      code: "secret_undecryptable",
      message: expect.stringMatching(/encrypted with another key.*Set CODEYARD_SECRET_KEY to the key that wrote this database/),
    });
  });

  it("refuses a ciphertext copied into another project's secret", async () => {
    const t = await database();
    const a = await seed(t.db);
    const b = await seed(t.db);
    await setProjectSecret(t.db, KEY, { projectId: a.project.id, name: "TOKEN", value: PLAINTEXT });
    await setProjectSecret(t.db, KEY, { projectId: b.project.id, name: "TOKEN", value: "b's own" });
    const stolen = await t.db.projectSecret.findUniqueOrThrow({ where: { projectId_name: { projectId: a.project.id, name: "TOKEN" } } });
    await t.db.projectSecret.update({ where: { projectId_name: { projectId: b.project.id, name: "TOKEN" } }, data: { encryptedValue: stolen.encryptedValue } });
    await expect(revealProjectSecrets(t.db, KEY, b.project.id)).rejects.toThrow(/copied from another record/);
  });

  it("validates secret names", async () => {
    const t = await database();
    const { project } = await seed(t.db);
    await expect(setProjectSecret(t.db, KEY, { projectId: project.id, name: "not a name", value: "x" })).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("stores provider API keys encrypted and lists them without keys", async () => {
    const t = await database();
    const { org, user } = await seed(t.db);
    const saved = await saveProviderCredential(t.db, KEY, { orgId: org.id, provider: "anthropic", label: "team", apiKey: API_KEY, createdById: user.id });
    expect(JSON.stringify(saved)).not.toContain(API_KEY);
    const raw = await t.db.$queryRawUnsafe<{ encryptedKey: string }[]>(`SELECT "encryptedKey" FROM "ProviderCredential" WHERE "id" = '${saved.id}'`);
    expect(raw[0]!.encryptedKey).not.toContain("TOPSECRET");

    const listed = await listProviderCredentials(t.db, org.id);
    expect(listed).toEqual([saved]);
    expect(JSON.stringify(listed)).not.toContain(API_KEY);
    expect(Object.keys(listed[0]!)).not.toContain("encryptedKey");

    expect((await revealProviderCredential(t.db, KEY, saved.id)).apiKey).toBe(API_KEY);
    await expect(revealProviderCredential(t.db, WRONG_KEY, saved.id)).rejects.toMatchObject({ code: "secret_undecryptable" });
    await expect(revealProviderCredential(t.db, KEY, "missing")).rejects.toMatchObject({ code: "not_found" });
    await expect(saveProviderCredential(t.db, KEY, { orgId: org.id, provider: "Bad Provider", label: "x", apiKey: "k" })).rejects.toMatchObject({ code: "invalid_input" });
  });
});
