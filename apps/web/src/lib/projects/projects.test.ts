import { listProjectSecrets, parseSecretKey, revealProviderCredential, setProjectSecret } from "@codeyard/db";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../auth/accounts";
import { useTemporaryDatabase } from "../auth/testing";
import { addMember } from "../orgs/members";
import { OrgError } from "../orgs/org-error";
import { createProject, deleteProject, listProjects, openSession, projectForUser, updateProject } from "./projects";
import { saveProviderKey } from "./provider-keys";
import { createProjectSchema } from "./schemas";
import { TEMPLATES, templateSetupScript } from "./templates";

const database = useTemporaryDatabase();
const key = parseSecretKey(randomBytes(32).toString("base64"));
const users = { owner: "", member: "", outsider: "" };
let orgId = "";

beforeAll(async () => {
  const { db } = database();
  for (const name of Object.keys(users) as Array<keyof typeof users>) {
    const { user, org } = await createAccount(db, { email: `${name}@example.com`, name, passwordHash: "" });
    users[name] = user.id;
    if (name === "owner") orgId = org.id;
  }
  await addMember(db, { actorId: users.owner, orgId, email: "member@example.com", role: "member" });
});

const input = (fields: Record<string, string>) => createProjectSchema.parse({ orgId, ...fields });
const code = (promise: Promise<unknown>) => promise.then(() => "resolved", (error: unknown) => (error instanceof OrgError ? error.code : String(error)));

describe("creating projects", () => {
  it("creates the project with its first session, owned by the creator", async () => {
    const { db } = database();
    const { projectId, sessionId } = await createProject(db, users.member, input({ name: "Web App", source: "empty" }));
    const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, include: { sessions: true } });
    expect(project).toMatchObject({ orgId, name: "Web App", slug: "web-app", createdById: users.member, setupScript: null, networkMode: "full", allowlist: "[]" });
    expect(project.sessions).toEqual([expect.objectContaining({ id: sessionId, ownerId: users.member, title: "Main", status: "idle" })]);
  });

  it("records a template as its setup script and verify command", async () => {
    const { db } = database();
    const { projectId } = await createProject(db, users.owner, input({ name: "Web App", source: "template", template: "python" }));
    const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    expect(project.slug).toBe("web-app-2");
    expect(project.setupScript).toBe(templateSetupScript(TEMPLATES.python));
    expect(project.verifyCommand).toBe("python3 -m unittest");
  });

  it("records a git URL as a clone command", async () => {
    const { db } = database();
    const { projectId } = await createProject(db, users.owner, input({ name: "Clone", source: "git", gitUrl: "https://github.com/owner/repo.git" }));
    expect((await db.project.findUniqueOrThrow({ where: { id: projectId } })).setupScript).toBe("[ -e .git ] || git clone -- 'https://github.com/owner/repo.git' .\n");
  });

  it("refuses to create a project in someone else's organization", async () => {
    const { db } = database();
    const before = await db.project.count();
    expect(await code(createProject(db, users.outsider, input({ name: "Intruder", source: "empty" })))).toBe("forbidden");
    expect(await db.project.count()).toBe(before);
  });
});

describe("reading projects", () => {
  it("lists an organization's projects to its members only", async () => {
    const { db } = database();
    const names = (await listProjects(db, users.member, orgId)).map((project) => project.name).sort();
    expect(names).toEqual(["Clone", "Web App", "Web App"]);
    expect(await listProjects(db, users.outsider, orgId)).toEqual([]);
    const [first] = await listProjects(db, users.owner, orgId);
    expect(first).toMatchObject({ sessionCount: 1, latestSessionId: expect.any(String) });
  });

  it("hides projects from non-members as if they did not exist", async () => {
    const { db } = database();
    const [project] = await listProjects(db, users.owner, orgId);
    expect(await projectForUser(db, users.outsider, project!.id)).toBeNull();
    expect(await projectForUser(db, users.owner, "no-such-project")).toBeNull();
    expect(await projectForUser(db, users.member, project!.id)).toMatchObject({ role: "member" });
  });

  it("opens the latest session, creating one when the project has none", async () => {
    const { db } = database();
    const [project] = await listProjects(db, users.owner, orgId);
    expect(await openSession(db, users.member, project!.id)).toBe(project!.latestSessionId);
    await db.session.deleteMany({ where: { projectId: project!.id } });
    const created = await openSession(db, users.member, project!.id);
    expect(await db.session.findUniqueOrThrow({ where: { id: created } })).toMatchObject({ title: "Main", ownerId: users.member });
    expect(await code(openSession(db, users.outsider, project!.id))).toBe("not_found");
  });

  it("never opens a best-of-N attempt, however recent", async () => {
    const { db } = database();
    const [project] = await listProjects(db, users.owner, orgId);
    const main = await openSession(db, users.owner, project!.id);
    const checkpoint = await db.checkpoint.create({ data: { sessionId: main, seq: 1, workspaceRef: "c-1" } });
    const attemptSession = await db.session.create({
      data: { projectId: project!.id, ownerId: users.owner, title: "Attempt 1", parentSessionId: main, forkedFromCheckpointId: checkpoint.id, status: "running" },
    });
    const group = await db.attemptGroup.create({ data: { sessionId: main, checkpointId: checkpoint.id, prompt: "p", attemptCount: 1, createdById: users.owner } });
    await db.attempt.create({ data: { groupId: group.id, sessionId: attemptSession.id, model: "m" } });
    await db.session.update({ where: { id: attemptSession.id }, data: { lastSeq: 9 } });
    expect(await openSession(db, users.owner, project!.id)).toBe(main);
    expect((await listProjects(db, users.owner, orgId)).find((listed) => listed.id === project!.id)!.latestSessionId).toBe(main);
  });
});

describe("changing projects", () => {
  it("lets members change settings and nobody else", async () => {
    const { db } = database();
    const [project] = await listProjects(db, users.owner, orgId);
    const updated = await updateProject(db, users.member, project!.id, { modelProvider: "anthropic", model: "claude-sonnet-4-5", networkMode: "none" });
    expect(updated).toMatchObject({ modelProvider: "anthropic", model: "claude-sonnet-4-5", networkMode: "none" });
    expect(await code(updateProject(db, users.outsider, project!.id, { model: "stolen" }))).toBe("not_found");
    expect((await db.project.findUniqueOrThrow({ where: { id: project!.id } })).model).toBe("claude-sonnet-4-5");
  });

  it("stores provider keys encrypted, for owners and admins only", async () => {
    const { db } = database();
    expect(await code(saveProviderKey(db, key, { userId: users.member, orgId, provider: "anthropic", apiKey: "sk-ant-member" }))).toBe("forbidden");
    const saved = await saveProviderKey(db, key, { userId: users.owner, orgId, provider: "anthropic", apiKey: "sk-ant-123" });
    const row = await db.providerCredential.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row.encryptedKey).not.toContain("sk-ant-123");
    expect((await revealProviderCredential(db, key, saved.id)).apiKey).toBe("sk-ant-123");
    // Saving again replaces the organization's key for that provider.
    const replaced = await saveProviderKey(db, key, { userId: users.owner, orgId, provider: "anthropic", apiKey: "sk-ant-456" });
    expect(replaced.id).toBe(saved.id);
    expect((await revealProviderCredential(db, key, saved.id)).apiKey).toBe("sk-ant-456");
  });

  it("deletes a project only with its exact name, by its creator or an owner/admin", async () => {
    const { db } = database();
    const { projectId } = await createProject(db, users.owner, input({ name: "Doomed", source: "empty" }));
    await setProjectSecret(db, key, { projectId, name: "TOKEN", value: "v" });
    expect(await code(deleteProject(db, users.member, projectId, "Doomed"))).toBe("forbidden");
    expect(await code(deleteProject(db, users.owner, projectId, "doomed"))).toBe("invalid");
    expect(await code(deleteProject(db, users.outsider, projectId, "Doomed"))).toBe("not_found");
    await deleteProject(db, users.owner, projectId, "Doomed");
    expect(await db.project.findUnique({ where: { id: projectId } })).toBeNull();
    expect(await db.session.count({ where: { projectId } })).toBe(0);
    expect(await listProjectSecrets(db, projectId)).toEqual([]);

    const own = await createProject(db, users.member, input({ name: "Mine", source: "empty" }));
    await deleteProject(db, users.member, own.projectId, "Mine");
    expect(await db.project.findUnique({ where: { id: own.projectId } })).toBeNull();
  });
});
