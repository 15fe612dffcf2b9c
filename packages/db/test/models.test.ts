/** Every model of the schema, written and read back on both providers with every field set. */
import { describe, expect, it } from "vitest";
import {
  allowlistSchema,
  checkpointProcessesSchema,
  decodeJson,
  encodeJson,
  hashToken,
  isUniqueViolation,
  newToken,
  normalizeEmail,
  projectLimitsSchema,
  PROVIDERS,
} from "../src/index.js";
import { seed, useTestDatabase } from "./helpers.js";

// Millisecond precision is what both providers keep.
const t0 = new Date("2026-01-02T03:04:05.678Z");
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe.each(PROVIDERS)("models on %s", (provider) => {
  const database = useTestDatabase(provider);

  it("round-trip every field of every model", async () => {
    const t = await database();
    const db = t.db;
    const user = await db.user.create({
      data: { email: normalizeEmail("  Ada@Example.COM "), name: "Ada Lovelace", passwordHash: "scrypt$N=16384$salt$hash", createdAt: t0 },
    });
    expect(user.email).toBe("ada@example.com");
    const org = await db.organization.create({ data: { name: "Analytical Engines", slug: "engines", createdAt: t0 } });
    const settings = await db.orgSettings.create({ data: { orgId: org.id, allowLinkShares: true } });
    const membership = await db.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner", createdAt: t0 } });
    const authSession = await db.authSession.create({
      data: { tokenHash: hashToken(newToken()), userId: user.id, expiresAt: later(60), createdAt: t0, lastSeenAt: later(1) },
    });
    const project = await db.project.create({
      data: {
        orgId: org.id,
        name: "Difference Engine",
        slug: "difference-engine",
        createdById: user.id,
        createdAt: t0,
        image: "codeyard/project-x:abc",
        dockerfile: "FROM codeyard/sandbox\nRUN echo hi\n",
        setupScript: "npm ci",
        networkMode: "allowlist",
        allowlist: encodeJson(allowlistSchema, ["packages.example.com", "*.git.example.com"], "Project.allowlist"),
        limits: encodeJson(projectLimitsSchema, { memoryBytes: 4 * 1024 ** 3, cpus: 1.5, pids: 1024 }, "Project.limits"),
        modelProvider: "anthropic",
        model: "claude-x",
        fallbackModel: "local-y",
        verifyCommand: "npm test",
      },
    });
    const projectSecret = await db.projectSecret.create({ data: { projectId: project.id, name: "NPM_TOKEN", encryptedValue: "v1:opaque", createdAt: t0 } });
    const credential = await db.providerCredential.create({
      data: { orgId: org.id, provider: "anthropic", label: "team key", encryptedKey: "v1:opaque", createdById: user.id, createdAt: t0 },
    });
    const parent = await db.session.create({ data: { projectId: project.id, ownerId: user.id, title: "main line", createdAt: t0 } });
    const event = await db.event.create({ data: { sessionId: parent.id, seq: 1, type: "run-started", payload: JSON.stringify({ a: [1, 2] }), createdAt: t0 } });
    const run = await db.run.create({
      data: {
        sessionId: parent.id,
        status: "done",
        reason: "finished",
        modelProvider: "anthropic",
        model: "claude-x",
        tokensIn: 123_456,
        tokensOut: 7_890,
        cachedTokens: 100_000,
        costMicroUsd: 2_000_000_000,
        startedAt: t0,
        endedAt: later(3),
      },
    });
    const root = await db.checkpoint.create({
      data: { sessionId: parent.id, seq: 1, workspaceRef: "snap-root", processes: "[]", createdAt: t0 },
    });
    const checkpoint = await db.checkpoint.create({
      data: {
        sessionId: parent.id,
        seq: 1,
        parentId: root.id,
        workspaceRef: "snap-2",
        environmentRef: "codeyard/env:def",
        processes: encodeJson(checkpointProcessesSchema, [{ command: "npm run dev", cwd: "/workspace", name: "dev", env: { PORT: "3000" } }], "Checkpoint.processes"),
        label: "before refactor",
        createdAt: later(4),
      },
    });
    const branch = await db.session.create({
      data: {
        projectId: project.id,
        ownerId: user.id,
        title: "attempt 1",
        status: "running",
        parentSessionId: parent.id,
        forkedFromCheckpointId: checkpoint.id,
        sandboxId: "s0123456789abcdef",
        lastSeq: 42,
        createdAt: later(5),
      },
    });
    const group = await db.attemptGroup.create({
      data: { sessionId: parent.id, checkpointId: checkpoint.id, prompt: "make the tests pass", attemptCount: 3, verifyCommand: "npm test", createdById: user.id, createdAt: later(5) },
    });
    const attempt = await db.attempt.create({
      data: {
        groupId: group.id,
        sessionId: branch.id,
        model: "claude-x",
        status: "done",
        verifyResult: "passed",
        verifyOutput: "12 passed",
        diffFiles: 3,
        diffAdded: 40,
        diffRemoved: 7,
        costMicroUsd: 150_000,
        outcome: "kept",
        createdAt: later(5),
        finishedAt: later(9),
      },
    });
    const shareLink = await db.shareLink.create({
      data: { sessionId: parent.id, tokenHash: hashToken(newToken()), visibility: "link", expiresAt: later(60 * 24), createdById: user.id, createdAt: t0, revokedAt: later(30) },
    });
    const push = await db.pushSubscription.create({
      data: { userId: user.id, endpoint: "https://push.example/abc", p256dh: "BNc…", auth: "tBH…", deviceLabel: "Firefox on laptop", createdAt: t0 },
    });
    const notification = await db.notification.create({
      data: { userId: user.id, kind: "run-finished", payload: JSON.stringify({ runId: run.id }), readAt: later(2), createdAt: t0 },
    });
    const task = await db.task.create({
      data: { projectId: project.id, sessionId: parent.id, createdById: user.id, prompt: "upgrade deps", model: "claude-x", attempts: 2, status: "waiting", createdAt: t0, finishedAt: later(10) },
    });
    const lease = await db.sandboxLease.create({ data: { sandboxId: "s0123456789abcdef", brokerId: "broker-1", expiresAt: later(1), acquiredAt: t0 } });

    const readBack = {
      user: await db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } }),
      org: await db.organization.findUniqueOrThrow({ where: { slug: "engines" } }),
      settings: await db.orgSettings.findUniqueOrThrow({ where: { orgId: org.id } }),
      membership: await db.membership.findUniqueOrThrow({ where: { userId_orgId: { userId: user.id, orgId: org.id } } }),
      authSession: await db.authSession.findUniqueOrThrow({ where: { tokenHash: authSession.tokenHash } }),
      project: await db.project.findUniqueOrThrow({ where: { orgId_slug: { orgId: org.id, slug: "difference-engine" } } }),
      projectSecret: await db.projectSecret.findUniqueOrThrow({ where: { projectId_name: { projectId: project.id, name: "NPM_TOKEN" } } }),
      credential: await db.providerCredential.findUniqueOrThrow({ where: { id: credential.id } }),
      parent: await db.session.findUniqueOrThrow({ where: { id: parent.id } }),
      branch: await db.session.findUniqueOrThrow({ where: { id: branch.id } }),
      event: await db.event.findUniqueOrThrow({ where: { sessionId_seq: { sessionId: parent.id, seq: 1 } } }),
      run: await db.run.findUniqueOrThrow({ where: { id: run.id } }),
      root: await db.checkpoint.findUniqueOrThrow({ where: { id: root.id } }),
      checkpoint: await db.checkpoint.findUniqueOrThrow({ where: { id: checkpoint.id } }),
      group: await db.attemptGroup.findUniqueOrThrow({ where: { id: group.id } }),
      attempt: await db.attempt.findUniqueOrThrow({ where: { sessionId: branch.id } }),
      shareLink: await db.shareLink.findUniqueOrThrow({ where: { tokenHash: shareLink.tokenHash } }),
      push: await db.pushSubscription.findUniqueOrThrow({ where: { endpoint: "https://push.example/abc" } }),
      notification: await db.notification.findUniqueOrThrow({ where: { id: notification.id } }),
      task: await db.task.findUniqueOrThrow({ where: { id: task.id } }),
      lease: await db.sandboxLease.findUniqueOrThrow({ where: { sandboxId: "s0123456789abcdef" } }),
    };
    expect(readBack).toEqual({
      user, org, settings, membership, authSession, project, projectSecret, credential, parent, branch, event, run, root, checkpoint, group, attempt, shareLink, push, notification, task, lease,
    });
    // Values survive exactly: dates to the millisecond, large ints, multi-line text, JSON columns.
    expect(readBack.user.createdAt).toEqual(t0);
    expect(readBack.run.costMicroUsd).toBe(2_000_000_000);
    expect(readBack.project.dockerfile).toBe("FROM codeyard/sandbox\nRUN echo hi\n");
    expect(decodeJson(projectLimitsSchema, readBack.project.limits, "Project.limits")).toEqual({ memoryBytes: 4 * 1024 ** 3, cpus: 1.5, pids: 1024 });
    expect(decodeJson(allowlistSchema, readBack.project.allowlist, "Project.allowlist")).toEqual(["packages.example.com", "*.git.example.com"]);
    expect(decodeJson(checkpointProcessesSchema, readBack.checkpoint.processes, "Checkpoint.processes")[0]?.env).toEqual({ PORT: "3000" });

    // Relations, both ways.
    const tree = await db.session.findUniqueOrThrow({
      where: { id: parent.id },
      include: { branches: true, checkpoints: { orderBy: { createdAt: "asc" } }, attemptGroups: { include: { attempts: true } }, runs: true, events: true, shareLinks: true, tasks: true },
    });
    expect(tree.branches.map((s) => s.id)).toEqual([branch.id]);
    expect(tree.checkpoints.map((c) => c.id)).toEqual([root.id, checkpoint.id]);
    expect(tree.attemptGroups[0]?.attempts.map((a) => a.id)).toEqual([attempt.id]);
    expect((await db.checkpoint.findUniqueOrThrow({ where: { id: checkpoint.id }, include: { parent: true, forkedSessions: true } })).forkedSessions.map((s) => s.id)).toEqual([branch.id]);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { memberships: true } })).memberships).toEqual([membership]);
  });

  it("fills the documented defaults", async () => {
    const t = await database();
    const db = t.db;
    const { user, org, project, session } = await seed(db);
    expect(project).toMatchObject({ networkMode: "full", allowlist: "[]", limits: "{}", image: null, model: null });
    expect(session).toMatchObject({ status: "idle", lastSeq: 0, parentSessionId: null, sandboxId: null });
    expect(await db.orgSettings.create({ data: { orgId: org.id } })).toMatchObject({ allowLinkShares: false });
    expect(await db.run.create({ data: { sessionId: session.id, model: "m" } })).toMatchObject({ status: "running", tokensIn: 0, costMicroUsd: 0, endedAt: null });
    expect(await db.task.create({ data: { projectId: project.id, createdById: user.id, prompt: "p" } })).toMatchObject({ status: "running", attempts: 0 });
    const created = await db.notification.create({ data: { userId: user.id, kind: "k" } });
    expect(created.payload).toBe("{}");
    expect(Math.abs(created.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("enforces the unique keys", async () => {
    const t = await database();
    const db = t.db;
    const { user, org, project, session } = await seed(db);
    const duplicates: Array<() => Promise<unknown>> = [
      () => db.user.create({ data: { email: user.email, name: "x", passwordHash: "x" } }),
      () => db.organization.create({ data: { name: "x", slug: org.slug } }),
      () => db.membership.create({ data: { userId: user.id, orgId: org.id, role: "member" } }),
      () => db.project.create({ data: { orgId: org.id, name: "x", slug: project.slug, createdById: user.id } }),
      async () => {
        await db.projectSecret.create({ data: { projectId: project.id, name: "DUP", encryptedValue: "v1:x" } });
        await db.projectSecret.create({ data: { projectId: project.id, name: "DUP", encryptedValue: "v1:y" } });
      },
      async () => {
        await db.shareLink.create({ data: { sessionId: session.id, tokenHash: "same", visibility: "organization", createdById: user.id } });
        await db.shareLink.create({ data: { sessionId: session.id, tokenHash: "same", visibility: "organization", createdById: user.id } });
      },
      async () => {
        await db.pushSubscription.create({ data: { userId: user.id, endpoint: "https://push.example/dup", p256dh: "k", auth: "a" } });
        await db.pushSubscription.create({ data: { userId: user.id, endpoint: "https://push.example/dup", p256dh: "k", auth: "a" } });
      },
      async () => {
        await db.sandboxLease.create({ data: { sandboxId: "dup", brokerId: "a", expiresAt: later(1) } });
        await db.sandboxLease.create({ data: { sandboxId: "dup", brokerId: "b", expiresAt: later(1) } });
      },
    ];
    for (const attempt of duplicates) {
      const error = await attempt().then(() => undefined, (e: unknown) => e);
      expect(isUniqueViolation(error), String(error)).toBe(true);
    }
  });

  it("enforces foreign keys and cascades deletes", async () => {
    const t = await database();
    const db = t.db;
    const { user, project, session } = await seed(db);
    await expect(db.session.create({ data: { projectId: "no-such-project", ownerId: user.id } })).rejects.toMatchObject({ code: "P2003" });
    await db.event.create({ data: { sessionId: session.id, seq: 1, type: "x", payload: "1" } });
    await db.run.create({ data: { sessionId: session.id, model: "m" } });
    await db.project.delete({ where: { id: project.id } });
    expect(await db.session.count({ where: { id: session.id } })).toBe(0);
    expect(await db.event.count({ where: { sessionId: session.id } })).toBe(0);
    expect(await db.run.count({ where: { sessionId: session.id } })).toBe(0);
  });
});
