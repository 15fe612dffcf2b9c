/**
 * Shared sessions through the real broker: who may follow a share (every visibility × viewer ×
 * credential × policy), live following on a read-only viewer connection that never starts or
 * touches a sandbox (counted), links lapsing while followed, and secrets redacted before any
 * viewer can read them.
 */
import { randomBytes } from "node:crypto";
import { FakeProviderServer } from "@codeyard/agent/testing";
import { createShareLink, hashToken, revokeShareLink, setProjectSecret, type Db } from "@codeyard/db";
import { ClientRequests, VIEWER_REQUESTS, type ClientRequestName, type ShareCredential } from "@codeyard/protocol";
import { DockerDriver } from "@codeyard/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";
import { secretKey, startTestBroker, until, type TestWorld } from "./fixture.js";

let fake: FakeProviderServer;
let world: TestWorld;
let db: Db;
let orgA: string;
let projectA: string;
/** A signed-in member of A's organization who is not the sessions' owner. */
let member: { id: string; token: string };

beforeAll(async () => {
  fake = await FakeProviderServer.start();
  world = await startTestBroker({ name: "sharing", model: { provider: "anthropic", model: "claude-sonnet-4-5", baseUrl: fake.anthropicBaseURL } });
  db = world.database.db;
  const session = await db.session.findUniqueOrThrow({ where: { id: world.sessionA }, include: { project: true } });
  orgA = session.project.orgId;
  projectA = session.projectId;
  const user = await db.user.create({ data: { email: `member-${randomBytes(4).toString("hex")}@example.test`, name: "member", passwordHash: "unused" } });
  await db.membership.create({ data: { userId: user.id, orgId: orgA, role: "member" } });
  const token = randomBytes(24).toString("base64url");
  await db.authSession.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3600_000) } });
  member = { id: user.id, token };
});
afterAll(async () => {
  await world?.stop();
  await fake?.close();
});

const newSession = async (title: string) => (await db.session.create({ data: { projectId: projectA, ownerId: world.userA.id, title } })).id;
const setLinkPolicy = (allowLinkShares: boolean) =>
  db.orgSettings.upsert({ where: { orgId: orgA }, create: { orgId: orgA, allowLinkShares }, update: { allowLinkShares } });

async function viewer(token?: string): Promise<TestClient> {
  const client = new TestClient(world.url, token, { viewer: true });
  await client.connected();
  return client;
}

const runFinished = (client: TestClient) => client.events.some((event) => event.type === "run-finished");

describe("who may follow a shared session", () => {
  type State = "organization" | "link" | "revoked" | "expired" | "none";
  /**
   * Expected replies, written out per link state and viewer, in the order
   * [token + link shares allowed, token + forbidden, session id + allowed, session id + forbidden].
   */
  const EXPECTED: Record<State, Record<"owner" | "member" | "non-member" | "anonymous", string[]>> = {
    organization: {
      owner: ["ok", "ok", "ok", "ok"],
      member: ["ok", "ok", "ok", "ok"],
      "non-member": ["forbidden:members", "forbidden:members", "not_found", "not_found"],
      anonymous: ["unauthenticated:Sign in", "unauthenticated:Sign in", "not_found", "not_found"],
    },
    link: {
      owner: ["ok", "forbidden:turned off", "ok", "forbidden:turned off"],
      member: ["ok", "forbidden:turned off", "ok", "forbidden:turned off"],
      "non-member": ["ok", "forbidden:turned off", "not_found", "not_found"],
      anonymous: ["ok", "forbidden:turned off", "not_found", "not_found"],
    },
    revoked: {
      owner: ["forbidden:revoked", "forbidden:revoked", "forbidden:revoked", "forbidden:revoked"],
      member: ["forbidden:revoked", "forbidden:revoked", "forbidden:revoked", "forbidden:revoked"],
      "non-member": ["forbidden:revoked", "forbidden:revoked", "not_found", "not_found"],
      anonymous: ["forbidden:revoked", "forbidden:revoked", "not_found", "not_found"],
    },
    expired: {
      owner: ["forbidden:expired", "forbidden:expired", "forbidden:expired", "forbidden:expired"],
      member: ["forbidden:expired", "forbidden:expired", "forbidden:expired", "forbidden:expired"],
      "non-member": ["forbidden:expired", "forbidden:expired", "not_found", "not_found"],
      anonymous: ["forbidden:expired", "forbidden:expired", "not_found", "not_found"],
    },
    none: {
      owner: ["not_found", "not_found", "not_found", "not_found"],
      member: ["not_found", "not_found", "not_found", "not_found"],
      "non-member": ["not_found", "not_found", "not_found", "not_found"],
      anonymous: ["not_found", "not_found", "not_found", "not_found"],
    },
  };

  it("answers every visibility, viewer, credential and link policy correctly (100%)", async () => {
    const shares: Record<State, { sessionId: string; token: string }> = {} as never;
    for (const state of Object.keys(EXPECTED) as State[]) {
      const sessionId = await newSession(`matrix ${state}`);
      if (state === "none") {
        shares[state] = { sessionId, token: randomBytes(32).toString("base64url") };
        continue;
      }
      const visibility = state === "organization" ? "organization" : "link";
      const expiresAt = state === "expired" ? new Date(Date.now() - 1000) : null;
      const { link, token } = await createShareLink(db, { sessionId, createdById: world.userA.id, visibility, expiresAt });
      if (state === "revoked") await revokeShareLink(db, link.id);
      shares[state] = { sessionId, token };
    }
    const viewers = {
      owner: await viewer(world.userA.token),
      member: await viewer(member.token),
      "non-member": await viewer(world.userB.token),
      anonymous: await viewer(),
    };
    let cells = 0;
    const wrong: string[] = [];
    for (const allowed of [true, false]) {
      await setLinkPolicy(allowed);
      for (const [state, share] of Object.entries(shares) as [State, { sessionId: string; token: string }][]) {
        for (const [who, client] of Object.entries(viewers) as [keyof (typeof EXPECTED)["link"], TestClient][]) {
          for (const credential of [{ kind: "token", token: share.token }, { kind: "session", sessionId: share.sessionId }] as ShareCredential[]) {
            const column = (credential.kind === "token" ? 0 : 2) + (allowed ? 0 : 1);
            const expected = EXPECTED[state][who][column]!;
            const reply = await client.request("share-follow", { credential, lastSeq: 0 });
            const actual = reply.ok ? "ok" : reply.error.code;
            const [code, fragment] = expected.split(":");
            const matches = actual === code && (reply.ok || !fragment || reply.error.message.includes(fragment));
            cells++;
            if (!matches) wrong.push(`${state} / ${who} / ${credential.kind} / links ${allowed ? "allowed" : "forbidden"}: expected ${expected}, got ${actual}${reply.ok ? "" : ` (${reply.error.message})`}`);
            if (reply.ok) {
              expect(reply.data.session.id).toBe(share.sessionId);
              await client.ok("share-unfollow", { sessionId: share.sessionId });
            }
          }
        }
      }
    }
    for (const client of Object.values(viewers)) client.close();
    expect(wrong).toEqual([]);
    expect(cells).toBe(2 * 5 * 4 * 2);
    console.info(`share access matrix through the broker: ${cells - wrong.length}/${cells} cells correct`);
  });
});

describe("following a shared session", () => {
  it("never starts or touches a sandbox, and refuses every other request on a viewer connection", async () => {
    await setLinkPolicy(true);
    const sessionId = await newSession("untouched");
    const { token } = await createShareLink(db, { sessionId, createdById: world.userA.id, visibility: "link", expiresAt: null });
    await db.event.createMany({ data: [1, 2, 3].map((seq) => ({ sessionId, seq, type: "note", payload: JSON.stringify({ seq }) })) });
    await db.session.update({ where: { id: sessionId }, data: { lastSeq: 3 } });

    const manager = world.broker.manager as unknown as Record<string, (...args: unknown[]) => unknown>;
    const counted = ["claim", "create", "client", "start", "resume", "ensureRunning"] as const;
    const calls = Object.fromEntries(counted.map((name) => [name, 0])) as Record<(typeof counted)[number], number>;
    const originals = counted.map((name) => [name, manager[name]!] as const);
    for (const [name, original] of originals) {
      manager[name] = (...args: unknown[]) => {
        calls[name]++;
        return original.apply(world.broker.manager, args);
      };
    }
    const containers = async () => (await new DockerDriver().docker.listContainers({ all: true, filters: { label: [`dev.codeyard.owner=${world.brokerId}`] } })).length;
    const containersBefore = await containers();
    try {
      for (const client of [await viewer(), await viewer(world.userA.token)]) {
        const followed = await client.follow({ kind: "token", token });
        expect(followed.events.map((event) => event.seq)).toEqual([1, 2, 3]);
        const page = await client.ok("share-events", { credential: { kind: "token", token }, afterSeq: 1, limit: 1 });
        expect(page).toMatchObject({ events: [{ seq: 2 }], more: true });
        const refused: string[] = [];
        for (const name of Object.keys(ClientRequests) as ClientRequestName[]) {
          if (VIEWER_REQUESTS.has(name)) continue;
          const reply = await client.request(name, { sessionId, path: ".", terminalId: "t1", cols: 80, rows: 24, prompt: "hi", runId: "r", data: "x" } as never);
          if (!reply.ok && reply.error.code === "forbidden" && reply.error.message.includes("read-only viewer connection")) refused.push(name);
        }
        expect(refused.sort()).toEqual((Object.keys(ClientRequests) as string[]).filter((name) => !VIEWER_REQUESTS.has(name)).sort());
        client.close();
      }
      // An ordinary connection cannot use the viewer requests either.
      const ide = new TestClient(world.url, world.userA.token);
      await ide.connected();
      expect(await ide.request("share-follow", { credential: { kind: "token", token }, lastSeq: 0 })).toMatchObject({ ok: false, error: { code: "forbidden" } });
      ide.close();
    } finally {
      for (const [name, original] of originals) manager[name] = original;
    }
    expect(calls).toEqual({ claim: 0, create: 0, client: 0, start: 0, resume: 0, ensureRunning: 0 });
    expect(await containers()).toBe(containersBefore);
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).sandboxId).toBeNull();
    expect((await world.readAllEvents(sessionId)).map((event) => event.type)).toEqual(["note", "note", "note"]);
    console.info(`viewer sandbox calls: ${JSON.stringify(calls)}, containers created: ${(await containers()) - containersBefore}`);
  });

  it("streams a live run to anonymous and member viewers, redacting a planted secret before anyone reads it", async () => {
    await setLinkPolicy(true);
    const sessionId = await newSession("live and secret");
    const secret = `planted-${randomBytes(12).toString("hex")}`;
    const apiKeyShaped = `sk-ant-api03-${randomBytes(24).toString("hex")}`;
    await setProjectSecret(db, secretKey(), { projectId: projectA, name: `PLANTED_${randomBytes(3).toString("hex").toUpperCase()}`, value: secret });
    const { token } = await createShareLink(db, { sessionId, createdById: world.userA.id, visibility: "link", expiresAt: null });
    await createShareLink(db, { sessionId, createdById: world.userA.id, visibility: "organization", expiresAt: null });

    const anonymous = await viewer();
    await anonymous.follow({ kind: "token", token });
    const teammate = await viewer(member.token);
    await teammate.follow({ kind: "session", sessionId });

    fake.reset();
    fake.enqueue(
      { toolCalls: [{ name: "bash", input: { command: `echo "db password: ${secret}"; echo "key ${apiKeyShaped}"; sleep 1` } }] },
      { text: `Done. The password was ${secret} and I did not print anything else.` },
    );
    const owner = new TestClient(world.url, world.userA.token);
    await owner.connected();
    await owner.join(sessionId);
    await owner.ok("run-start", { sessionId, prompt: `Print the password ${secret}` });
    // The viewers see the run as it happens: the tool call before the run ends.
    await until(() => anonymous.events.some((event) => event.type === "tool-call-started"), 60_000, "tool call seen live");
    expect(runFinished(anonymous)).toBe(false);
    await until(() => runFinished(anonymous) && runFinished(teammate) && runFinished(owner), 60_000, "run finished everywhere");

    const stored = await world.readAllEvents(sessionId);
    for (const client of [anonymous, teammate]) {
      expect(client.events.map((event) => event.seq)).toEqual(stored.map((event) => event.seq));
      const text = JSON.stringify(client.events);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(apiKeyShaped);
      expect(text).toContain("[redacted]");
      // Streamed chunks reach viewers blank; the completed message carries the text.
      const deltas = client.events.filter((event) => event.type === "message-delta");
      expect(deltas.every((event) => (event.payload as { delta: string }).delta === "")).toBe(true);
      const output = client.events.find((event) => event.type === "tool-call-completed")!.payload as { output: string };
      expect(output.output).toContain("db password: [redacted]");
      expect(output.output).toContain("key [redacted]");
      const message = client.events.find((event) => event.type === "message-completed" && (event.payload as { text: string }).text.startsWith("Done"));
      expect((message!.payload as { text: string }).text).toBe("Done. The password was [redacted] and I did not print anything else.");
    }
    // Written redacted: not in the database, and not to the IDE either.
    const rows = await db.event.findMany({ where: { sessionId } });
    expect(rows.some((row) => row.payload.includes(secret) || row.payload.includes(apiKeyShaped))).toBe(false);
    expect(JSON.stringify(owner.events)).not.toContain(secret);
    for (const client of [anonymous, teammate, owner]) client.close();
  });

  it("ends a live follow when its link is revoked, and refuses it afterwards", async () => {
    await setLinkPolicy(true);
    const sessionId = await newSession("revoked while followed");
    const { link, token } = await createShareLink(db, { sessionId, createdById: world.userA.id, visibility: "link", expiresAt: null });
    const follower = await viewer();
    await follower.follow({ kind: "token", token });

    const appendNote = async (text: string) => {
      // A log entry as any broker component writes it, without starting a sandbox.
      await db.$transaction(async (tx) => {
        const { lastSeq } = await tx.session.update({ where: { id: sessionId }, data: { lastSeq: { increment: 1 } }, select: { lastSeq: true } });
        await tx.event.create({ data: { sessionId, seq: lastSeq, type: "note", payload: JSON.stringify({ text }) } });
      });
    };
    await appendNote("before");
    const page = await follower.ok("share-events", { credential: { kind: "token", token }, afterSeq: 0, limit: 10 });
    expect(page.events).toHaveLength(1);

    await revokeShareLink(db, link.id);
    await until(() => follower.shareClosed.length > 0, 20_000, "share-closed pushed");
    expect(follower.shareClosed[0]).toMatchObject({ sessionId, code: "revoked", message: expect.stringContaining("revoked") });
    expect(await follower.request("share-follow", { credential: { kind: "token", token }, lastSeq: 0 })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await follower.request("share-events", { credential: { kind: "token", token }, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    follower.close();
  });
});
