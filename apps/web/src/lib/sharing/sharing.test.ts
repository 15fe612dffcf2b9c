/** Managing share links and the team page against a real (temporary) database. */
import { resolveShareAccess } from "@codeyard/db";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../auth/accounts";
import { useTemporaryDatabase } from "../auth/testing";
import { addMember } from "../orgs/members";
import { OrgError } from "../orgs/org-error";
import { createProject } from "../projects/projects";
import { createShare, reissueShare, revokeShare, sharePanel } from "./manage-shares";
import { summarizeTeamActivity, teamActivity } from "./team-activity";

const database = useTemporaryDatabase();
const users = { owner: "", member: "", other: "", outsider: "" };
let orgId = "";
let outsiderOrg = "";
let sessionId = "";
let otherSessionId = "";

const code = (promise: Promise<unknown>) => promise.then(() => "resolved", (error: unknown) => (error instanceof OrgError ? error.code : String(error)));
const tokenOf = (path: string) => path.replace(/^\/share\//, "");

beforeAll(async () => {
  const { db } = database();
  for (const name of Object.keys(users) as Array<keyof typeof users>) {
    const { user, org } = await createAccount(db, { email: `${name}@example.com`, name, passwordHash: "" });
    users[name] = user.id;
    if (name === "owner") orgId = org.id;
    if (name === "outsider") outsiderOrg = org.id;
  }
  await addMember(db, { actorId: users.owner, orgId, email: "member@example.com", role: "member" });
  await addMember(db, { actorId: users.owner, orgId, email: "other@example.com", role: "member" });
  ({ sessionId } = await createProject(db, users.member, { orgId, name: "Shared", source: "empty" }));
  ({ sessionId: otherSessionId } = await createProject(db, users.other, { orgId, name: "Other", source: "empty" }));
});

describe("managing share links", () => {
  it("lets members share, and refuses link shares while the organization forbids them", async () => {
    const { db } = database();
    const created = await createShare(db, users.member, sessionId, { visibility: "organization", expiry: "7d" });
    expect(created.path).toMatch(/^\/share\/[A-Za-z0-9_-]{43}$/);
    expect(await resolveShareAccess(db, { credential: { kind: "token", token: tokenOf(created.path) }, userId: users.other })).toMatchObject({ ok: true });
    expect(await code(createShare(db, users.member, sessionId, { visibility: "link", expiry: "never" }))).toBe("forbidden");
    expect(await code(createShare(db, users.outsider, sessionId, { visibility: "organization", expiry: "never" }))).toBe("not_found");
    const panel = await sharePanel(db, users.member, sessionId);
    expect(panel).toMatchObject({ linkSharesAllowed: false, memberPath: `/shared/${sessionId}` });
    expect(panel.links).toEqual([expect.objectContaining({ id: created.linkId, visibility: "organization", status: "active", createdByName: "member", canManage: true })]);
    expect(new Date(panel.links[0]!.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
  });

  it("lets the creator, the session's owner and admins revoke and re-issue, and nobody else", async () => {
    const { db } = database();
    const created = await createShare(db, users.owner, sessionId, { visibility: "organization", expiry: "never" });
    // "other" is a plain member who neither created the link nor owns the session.
    expect((await sharePanel(db, users.other, sessionId)).links.find((link) => link.id === created.linkId)?.canManage).toBe(false);
    expect(await code(revokeShare(db, users.other, created.linkId))).toBe("forbidden");
    expect(await code(revokeShare(db, users.outsider, created.linkId))).toBe("not_found");
    await revokeShare(db, users.member, created.linkId);
    expect(await resolveShareAccess(db, { credential: { kind: "token", token: tokenOf(created.path) }, userId: users.other })).toMatchObject({ ok: false, reason: "revoked" });
    expect((await sharePanel(db, users.member, sessionId)).links.find((link) => link.id === created.linkId)?.status).toBe("revoked");

    await db.orgSettings.update({ where: { orgId }, data: { allowLinkShares: true } });
    const reissued = await reissueShare(db, users.owner, created.linkId, { visibility: "link", expiry: "1h" });
    expect(reissued.linkId).toBe(created.linkId);
    expect(await resolveShareAccess(db, { credential: { kind: "token", token: tokenOf(reissued.path) }, userId: null })).toMatchObject({ ok: true, visibility: "link" });
    expect(await resolveShareAccess(db, { credential: { kind: "token", token: tokenOf(created.path) }, userId: null })).toMatchObject({ ok: false, reason: "not_found" });
    await db.orgSettings.update({ where: { orgId }, data: { allowLinkShares: false } });
    expect((await sharePanel(db, users.owner, sessionId)).links.find((link) => link.id === created.linkId)?.status).toBe("suspended");
    expect(await code(reissueShare(db, users.owner, created.linkId, { visibility: "link", expiry: "1h" }))).toBe("forbidden");
  });
});

describe("the team page", () => {
  it("adds up model, duration, tokens and cost per session and per member", () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const run = (model: string, tokens: number, cost: number, from: number, to: number | null) => ({
      model,
      status: to === null ? "running" : "done",
      tokensIn: tokens,
      tokensOut: 10,
      costMicroUsd: cost,
      startedAt: at(from),
      endedAt: to === null ? null : at(to),
    });
    const activity = summarizeTeamActivity(
      [
        { id: "s1", title: "one", projectName: "p", ownerId: "ada", ownerName: "Ada", updatedAt: now, runs: [run("m-big", 100, 2_000_000, 30, 20), run("m-small", 50, 500_000, 10, 9), run("m-big", 0, 0, 5, null)] },
        { id: "s2", title: "two", projectName: "p", ownerId: "bob", ownerName: "Bob", updatedAt: now, runs: [run("m-small", 40, 1_000, 60, 0)] },
        { id: "s3", title: "three", projectName: "q", ownerId: "ada", ownerName: "Ada", updatedAt: now, runs: [] },
      ],
      now,
    );
    expect(activity.sessions[0]).toMatchObject({ models: ["m-big", "m-small"], runs: 3, durationMs: (10 + 1 + 5) * 60_000, tokens: 180, costUsd: 2.5, live: true });
    expect(activity.sessions[2]).toMatchObject({ models: [], runs: 0, durationMs: 0, tokens: 0, costUsd: 0, live: false });
    expect(activity.members).toEqual([
      { userId: "ada", name: "Ada", sessions: 2, runs: 3, durationMs: 16 * 60_000, tokens: 180, costUsd: 2.5 },
      { userId: "bob", name: "Bob", sessions: 1, runs: 1, durationMs: 60 * 60_000, tokens: 50, costUsd: 0.001 },
    ]);
    expect(activity.totals).toEqual({ sessions: 3, runs: 4, durationMs: 76 * 60_000, tokens: 230, costUsd: 2.501 });
  });

  it("lists only sessions with a live share of the organization, for members only", async () => {
    const { db } = database();
    const started = new Date(Date.now() - 120_000);
    await db.run.create({ data: { sessionId: otherSessionId, model: "qwen3-coder", status: "done", tokensIn: 1200, tokensOut: 300, costMicroUsd: 4500, startedAt: started, endedAt: new Date(started.getTime() + 60_000) } });
    expect((await teamActivity(db, users.member, orgId))!.sessions.map((row) => row.sessionId)).not.toContain(otherSessionId);
    const share = await createShare(db, users.other, otherSessionId, { visibility: "organization", expiry: "never" });
    const activity = (await teamActivity(db, users.member, orgId))!;
    expect(activity.sessions.find((row) => row.sessionId === otherSessionId)).toMatchObject({ ownerName: "other", models: ["qwen3-coder"], durationMs: 60_000, tokens: 1500, costUsd: 0.0045 });
    expect(activity.members.find((row) => row.userId === users.other)).toMatchObject({ sessions: 1, tokens: 1500 });
    await revokeShare(db, users.other, share.linkId);
    expect((await teamActivity(db, users.member, orgId))!.sessions.map((row) => row.sessionId)).not.toContain(otherSessionId);
    expect(await teamActivity(db, users.outsider, orgId)).toBeNull();
    expect((await teamActivity(db, users.outsider, outsiderOrg))!.sessions).toEqual([]);
  });
});
