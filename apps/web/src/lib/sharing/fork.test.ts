/** Forking a shared session: what it checks first, and the session it creates. */
import { appendEvents, createShareLink, readEvents } from "@codeyard/db";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../auth/accounts";
import { useTemporaryDatabase } from "../auth/testing";
import { OrgError } from "../orgs/org-error";
import { createProject } from "../projects/projects";
import { forkSharedSession } from "./fork-shared-session";
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
  await appendEvents(db, ids.sessionId, [1, 2, 3, 4].map((n) => ({ type: "message-completed", payload: { n } })));
  ids.checkpointId = (await db.checkpoint.create({ data: { sessionId: ids.sessionId, seq: 3, workspaceRef: "snap-1" } })).id;
});

const refusal = (promise: Promise<unknown>) => promise.then(() => "resolved", (error: unknown) => (error instanceof OrgError ? error.code : String(error)));

describe("forking a shared session", () => {
  it("validates access, the checkpoint and the target project", async () => {
    const { db } = database();
    const base = { credential: { kind: "token" as const, token: ids.token }, userId: ids.viewer, checkpointId: ids.checkpointId, targetProjectId: ids.viewerProject };
    const checkpoint = { id: ids.checkpointId, sessionId: ids.sessionId, seq: 3 };
    expect(await validateForkRequest(db, base)).toEqual({ sourceSessionId: ids.sessionId, checkpoint, targetProjectId: ids.viewerProject, userId: ids.viewer });
    // "The latest point" is the newest checkpoint.
    expect(await validateForkRequest(db, { ...base, checkpointId: null })).toMatchObject({ checkpoint });
    expect(await refusal(validateForkRequest(db, { ...base, credential: { kind: "token", token: "x".repeat(43) } }))).toBe("not_found");
    expect(await refusal(validateForkRequest(db, { ...base, credential: { kind: "session", sessionId: ids.sessionId } }))).toBe("not_found");
    expect(await refusal(validateForkRequest(db, { ...base, checkpointId: "not-a-checkpoint" }))).toBe("not_found");
    // The sharer's project is not the viewer's to fork into.
    expect(await refusal(validateForkRequest(db, { ...base, targetProjectId: ids.sharerProject }))).toBe("not_found");
    expect((await forkTargets(db, ids.viewer)).map((target) => target.id)).toEqual([ids.viewerProject]);
  });

  it("creates a session in the viewer's project with the conversation up to the checkpoint", async () => {
    const { db } = database();
    const input = await validateForkRequest(db, { credential: { kind: "token", token: ids.token }, userId: ids.viewer, checkpointId: ids.checkpointId, targetProjectId: ids.viewerProject });
    const forked = await forkSharedSession(db, input);
    expect(forked.projectId).toBe(ids.viewerProject);
    const session = await db.session.findUniqueOrThrow({ where: { id: forked.sessionId } });
    // No sandbox yet: the broker forks it from the checkpoint when the session is first opened.
    expect(session).toMatchObject({ projectId: ids.viewerProject, ownerId: ids.viewer, forkedFromCheckpointId: ids.checkpointId, sandboxId: null, lastSeq: 3 });
    expect((await readEvents(db, forked.sessionId)).map((event) => event.payload)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });
});
