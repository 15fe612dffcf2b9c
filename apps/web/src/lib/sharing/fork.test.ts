/** The fork entry point: what it checks before forking, and its typed refusal until forking exists. */
import { createShareLink } from "@codeyard/db";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../auth/accounts";
import { useTemporaryDatabase } from "../auth/testing";
import { OrgError } from "../orgs/org-error";
import { createProject } from "../projects/projects";
import { forkSharedSession, ForkUnavailableError } from "./fork-shared-session";
import { forkTargets, validateForkRequest } from "./fork-request";

const database = useTemporaryDatabase();
const ids = { sharer: "", viewer: "", sessionId: "", viewerProject: "", sharerProject: "", checkpointId: "", token: "" };

beforeAll(async () => {
  const { db } = database();
  const sharer = await createAccount(db, { email: "sharer@example.com", name: "Sharer", passwordHash: "" });
  const viewer = await createAccount(db, { email: "viewer@example.com", name: "Viewer", passwordHash: "" });
  ids.sharer = sharer.user.id;
  ids.viewer = viewer.user.id;
  const shared = await createProject(db, ids.sharer, { orgId: sharer.org.id, name: "Shared", source: "empty" });
  ids.sessionId = shared.sessionId;
  ids.sharerProject = shared.projectId;
  ids.viewerProject = (await createProject(db, ids.viewer, { orgId: viewer.org.id, name: "Mine", source: "empty" })).projectId;
  await db.orgSettings.upsert({ where: { orgId: sharer.org.id }, create: { orgId: sharer.org.id, allowLinkShares: true }, update: { allowLinkShares: true } });
  ids.token = (await createShareLink(db, { sessionId: ids.sessionId, createdById: ids.sharer, visibility: "link", expiresAt: null })).token;
  ids.checkpointId = (await db.checkpoint.create({ data: { sessionId: ids.sessionId, seq: 3, workspaceRef: "snap-1" } })).id;
});

const refusal = (promise: Promise<unknown>) => promise.then(() => "resolved", (error: unknown) => (error instanceof OrgError ? error.code : String(error)));

describe("forking a shared session", () => {
  it("validates access, the checkpoint and the target project", async () => {
    const { db } = database();
    const base = { credential: { kind: "token" as const, token: ids.token }, userId: ids.viewer, checkpointId: ids.checkpointId, targetProjectId: ids.viewerProject };
    expect(await validateForkRequest(db, base)).toEqual({ shareToken: ids.token, checkpointId: ids.checkpointId, targetProjectId: ids.viewerProject, userId: ids.viewer });
    expect(await validateForkRequest(db, { ...base, checkpointId: null })).toMatchObject({ checkpointId: null });
    expect(await refusal(validateForkRequest(db, { ...base, credential: { kind: "token", token: "x".repeat(43) } }))).toBe("not_found");
    expect(await refusal(validateForkRequest(db, { ...base, credential: { kind: "session", sessionId: ids.sessionId } }))).toBe("not_found");
    expect(await refusal(validateForkRequest(db, { ...base, checkpointId: "not-a-checkpoint" }))).toBe("not_found");
    // The sharer's project is not the viewer's to fork into.
    expect(await refusal(validateForkRequest(db, { ...base, targetProjectId: ids.sharerProject }))).toBe("not_found");
    expect((await forkTargets(db, ids.viewer)).map((target) => target.id)).toEqual([ids.viewerProject]);
  });

  it("refuses with a typed error until checkpoints exist, creating nothing", async () => {
    const { db } = database();
    const before = await db.session.count();
    const attempt = forkSharedSession({ shareToken: ids.token, checkpointId: ids.checkpointId, targetProjectId: ids.viewerProject, userId: ids.viewer });
    await expect(attempt).rejects.toBeInstanceOf(ForkUnavailableError);
    await expect(attempt).rejects.toMatchObject({ code: "fork_unavailable", message: expect.stringContaining("not available") });
    expect(await db.session.count()).toBe(before);
  });
});
