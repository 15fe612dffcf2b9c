import { describe, expect, it } from "vitest";
import { ClientRequests, HandshakeAuth, isClientRequestName, replySchema, ServerEvents, type ClientRequestName } from "./index.js";

/** A valid example of every request, so each schema is exercised in both directions. */
const examples: { [N in ClientRequestName]: unknown } = {
  "session-join": { sessionId: "s1", lastSeq: 4 },
  "session-leave": { sessionId: "s1" },
  "session-events": { sessionId: "s1", afterSeq: 0, limit: 10 },
  "terminal-open": { sessionId: "s1", cols: 80, rows: 24 },
  "terminal-input": { sessionId: "s1", terminalId: "t1", data: "ls\r" },
  "terminal-resize": { sessionId: "s1", terminalId: "t1", cols: 120, rows: 40 },
  "terminal-ack": { sessionId: "s1", terminalId: "t1", bytes: 4096 },
  "terminal-detach": { sessionId: "s1", terminalId: "t1" },
  "terminal-close": { sessionId: "s1", terminalId: "t1" },
  "file-list": { sessionId: "s1", path: "." },
  "file-read": { sessionId: "s1", path: "src/a.ts" },
  "file-write": { sessionId: "s1", path: "src/a.ts", content: "x", encoding: "utf8" },
  "file-mkdir": { sessionId: "s1", path: "src" },
  "file-rename": { sessionId: "s1", from: "a", to: "b" },
  "file-delete": { sessionId: "s1", path: "a", recursive: false },
  "file-search": { sessionId: "s1", query: "needle", regex: false },
  "run-start": { sessionId: "s1", prompt: "Fix the failing test" },
  "run-message": { sessionId: "s1", runId: "r1", text: "also the README" },
  "run-stop": { sessionId: "s1", runId: "r1" },
  "preview-list": { sessionId: "s1" },
  "checkpoint-create": { sessionId: "s1", label: "before refactor" },
  "checkpoint-rewind": { sessionId: "s1", checkpointId: "c1" },
  "branch-create": { sessionId: "s1", checkpointId: "c1" },
  "branch-list": { sessionId: "s1" },
  "workspace-diff": { sessionId: "s1", from: { kind: "checkpoint", checkpointId: "c1" }, to: { kind: "session", sessionId: "s2" } },
  "attempts-start": { sessionId: "s1", prompt: "Fix it", count: 4, models: ["a", "b"], verifyCommand: "npm test" },
  "attempts-get": { sessionId: "s1", groupId: "g1" },
  "attempts-keep": { sessionId: "s1", groupId: "g1", attemptId: "a1" },
  "file-rewind": { sessionId: "s1", path: "src/a.ts", beforeSeq: 12 },
  "share-follow": { credential: { kind: "token", token: "a".repeat(43) }, lastSeq: 0 },
  "share-events": { credential: { kind: "session", sessionId: "s1" }, afterSeq: 3, limit: 10 },
  "share-unfollow": { sessionId: "s1" },
  "task-create": { projectId: "p1", prompt: "Fix the failing test", model: "claude-sonnet-4-5", attempts: 1 },
  "task-list": { status: ["running", "waiting"], limit: 20 },
  "task-get": { taskId: "t1" },
  "changes-keep": { sessionId: "s1", paths: ["src/a.ts"] },
  "push-config": {},
  "push-subscribe": { endpoint: "https://push.example.test/send/abc", keys: { p256dh: "B".repeat(87), auth: "A".repeat(22) }, deviceLabel: "Phone" },
  "push-list": {},
  "push-remove": { deviceId: "d1" },
  "notification-list": { limit: 10 },
  "notification-read": { ids: ["n1"] },
};

describe("socket protocol", () => {
  it.each(Object.keys(ClientRequests) as ClientRequestName[])("%s round-trips through JSON", (name) => {
    const schema = ClientRequests[name].request;
    const parsed = schema.parse(examples[name]);
    expect(schema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it("rejects malformed requests with a reason", () => {
    expect(ClientRequests["terminal-input"].request.safeParse({ sessionId: "s1", terminalId: "t1", data: "x".repeat(70_000) }).success).toBe(false);
    expect(ClientRequests["session-join"].request.safeParse({ sessionId: "../etc" }).success).toBe(false);
    expect(ClientRequests["file-read"].request.safeParse({ sessionId: "s1", path: "a\0b" }).success).toBe(false);
    expect(ClientRequests["terminal-open"].request.safeParse({ sessionId: "s1", cols: 1e9, rows: 24 }).success).toBe(false);
    expect(ClientRequests["push-subscribe"].request.safeParse({ endpoint: "http://push.example.test/x", keys: { p256dh: "B".repeat(87), auth: "A".repeat(22) } }).success).toBe(false);
    expect(ClientRequests["task-create"].request.safeParse({ projectId: "p1", prompt: "x", attempts: 99 }).success).toBe(false);
  });

  it("fills defaults", () => {
    expect(ClientRequests["session-join"].request.parse({ sessionId: "s1" })).toEqual({ sessionId: "s1", lastSeq: 0 });
  });

  it("types replies as ok or a typed error", () => {
    const schema = replySchema(ClientRequests["session-leave"].reply);
    expect(schema.parse({ ok: true, data: {} })).toEqual({ ok: true, data: {} });
    expect(schema.parse({ ok: false, error: { code: "forbidden", message: "no" } }).ok).toBe(false);
    expect(schema.safeParse({ ok: false, error: { code: "made-up", message: "no" } }).success).toBe(false);
  });

  it("knows its request names and pushes", () => {
    expect(isClientRequestName("terminal-input")).toBe(true);
    expect(isClientRequestName("__proto__")).toBe(false);
    expect(ServerEvents["terminal-output"].parse({ sessionId: "s1", terminalId: "t1", data: new Uint8Array([1]) }).data).toEqual(new Uint8Array([1]));
    expect(HandshakeAuth.safeParse({ token: "short", protocol: 1 }).success).toBe(false);
    expect(HandshakeAuth.safeParse({ protocol: 1 }).success).toBe(true);
    expect(HandshakeAuth.safeParse({ protocol: 1, viewer: true }).success).toBe(true);
  });

  it("accepts only well-formed share credentials", () => {
    const follow = ClientRequests["share-follow"].request;
    expect(follow.safeParse({ credential: { kind: "token", token: "short" } }).success).toBe(false);
    expect(follow.safeParse({ credential: { kind: "token", token: "a/b".repeat(20) } }).success).toBe(false);
    expect(follow.safeParse({ credential: { kind: "session", sessionId: "../x" } }).success).toBe(false);
    expect(follow.safeParse({ credential: { kind: "admin" } }).success).toBe(false);
    expect(follow.parse({ credential: { kind: "session", sessionId: "s1" } })).toEqual({ credential: { kind: "session", sessionId: "s1" }, lastSeq: 0 });
  });
});
