import { FakeProviderServer, lastToolResult, userTexts, type RecordedRequest } from "@codeyard/agent/testing";
import { createBranchSession } from "@codeyard/db";
import { visibleEvents, type AttemptGroupSummary, type SessionEvent } from "@codeyard/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";
import { startTestBroker, until, type TestWorld } from "./fixture.js";

let fake: FakeProviderServer;
let world: TestWorld;
beforeAll(async () => {
  fake = await FakeProviderServer.start();
  world = await startTestBroker({ name: "checkpoints", model: { provider: "anthropic", model: "claude-sonnet-4-5", baseUrl: fake.anthropicBaseURL } });
}, 120_000);
afterAll(async () => {
  await world?.stop();
  await fake?.close();
});

const runFinished = (events: SessionEvent[], runId: string) =>
  events.some((event) => event.type === "run-finished" && (event.payload as { runId: string }).runId === runId);
const checkpointsOf = (events: SessionEvent[]) => events.filter((event) => event.type === "checkpoint-created").map((event) => ({ seq: event.seq, ...(event.payload as { checkpointId: string; label: string | null }) }));

async function connect(sessionId: string): Promise<TestClient> {
  const client = new TestClient(world.url, world.userA.token);
  await client.connected();
  await client.join(sessionId);
  return client;
}

/** Runs a shell command in the session's sandbox (as the agent's bash tool would). */
async function sh(sessionId: string, command: string) {
  const session = await world.database.db.session.findUniqueOrThrow({ where: { id: sessionId } });
  const client = await world.broker.manager.client(session.sandboxId!);
  return client.exec({ shell: command, cwd: "/workspace", timeoutMs: 30_000 });
}

const treeHash = async (sessionId: string) =>
  (await sh(sessionId, "find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum")).stdout;

describe("checkpoints, rewind and branches", () => {
  it("checkpoints every agent turn; rewind restores files and environment byte for byte, and the future stays reachable", async () => {
    fake.reset();
    const client = await connect(world.sessionA);
    const session = world.sessionA;
    await client.ok("file-write", { sessionId: session, path: "app/main.py", content: "print('v1')\n" });
    await sh(session, "head -c 300000 /dev/urandom > app/data.bin && mkdir -p deep/a/b && echo x > deep/a/b/c.txt");
    const before = await treeHash(session);
    const { checkpoint } = await client.ok("checkpoint-create", { sessionId: session, label: "v1" });
    expect(checkpoint.label).toBe("v1");

    // The agent changes files and installs a tool outside /workspace (the environment).
    fake.enqueue(
      { toolCalls: [{ name: "write_file", input: { path: "app/main.py", content: "print('v2')\n" } }] },
      { toolCalls: [{ name: "bash", input: { command: "rm -r deep && mkdir -p ~/.local/bin && printf '#!/bin/sh\\necho tool' > ~/.local/bin/newtool && chmod +x ~/.local/bin/newtool" } }] },
      { text: "Done: v2 and a new tool." },
    );
    const { runId } = await client.ok("run-start", { sessionId: session, prompt: "Make it v2 and install newtool" });
    await until(() => checkpointsOf(client.events).find((c) => c.label?.startsWith("After: Make it v2")), 60_000, "after-turn checkpoint");
    expect(runFinished(client.events, runId)).toBe(true);
    expect((await sh(session, "~/.local/bin/newtool")).stdout).toBe("tool\n");

    const { futureSessionId } = await client.ok("checkpoint-rewind", { sessionId: session, checkpointId: checkpoint.checkpointId });
    expect(await treeHash(session)).toBe(before);
    expect((await client.ok("file-read", { sessionId: session, path: "app/main.py" })).content).toBe("print('v1')\n");
    expect((await sh(session, "test -e ~/.local/bin/newtool; echo $?")).stdout.trim()).toBe("1");

    // The conversation went back too: the next run's model sees no trace of the rewound turn.
    await until(() => client.events.some((event) => event.type === "conversation-rewound"), 10_000, "rewind event");
    const visible = visibleEvents(client.events);
    expect(visible.some((event) => event.type === "run-started")).toBe(false);
    let seen: RecordedRequest | undefined;
    fake.enqueue((request) => {
      seen = request;
      return { text: "Fresh start." };
    });
    const next = await client.ok("run-start", { sessionId: session, prompt: "What changed?" });
    await until(() => runFinished(client.events, next.runId), 30_000, "run after rewind");
    expect(userTexts(seen!).join("\n")).not.toContain("Make it v2");

    // Nothing was destroyed: the abandoned future is a branch with its files and environment.
    const future = await connect(futureSessionId);
    expect((await future.ok("file-read", { sessionId: futureSessionId, path: "app/main.py" })).content).toBe("print('v2')\n");
    expect((await sh(futureSessionId, "~/.local/bin/newtool")).stdout).toBe("tool\n");
    expect(future.events.some((event) => event.type === "run-finished" && (event.payload as { runId: string }).runId === runId)).toBe(true);
    const { branches } = await client.ok("branch-list", { sessionId: session });
    expect(branches.map((branch) => branch.sessionId)).toEqual(expect.arrayContaining([session, futureSessionId]));
    client.close();
    future.close();
  }, 180_000);

  it("checkpoints a fresh session before its first turn, so that turn can be rewound too", async () => {
    fake.reset();
    const parent = await world.database.db.session.findUniqueOrThrow({ where: { id: world.sessionA } });
    const { id: session } = await world.database.db.session.create({ data: { projectId: parent.projectId, ownerId: world.userA.id, title: "fresh" } });
    const client = await connect(session);
    fake.enqueue({ text: "Hello." });
    const { runId } = await client.ok("run-start", { sessionId: session, prompt: "Say hello" });
    await until(() => checkpointsOf(client.events).find((c) => c.label === "After: Say hello"), 30_000, "after-turn checkpoint");
    const started = client.events.find((event) => event.type === "run-started")!;
    const [first, second] = checkpointsOf(client.events);
    expect(first).toMatchObject({ label: "Start" });
    expect(first!.seq).toBeLessThan(started.seq);
    expect(second!.seq).toBeGreaterThan(client.events.find((event) => event.type === "run-finished" && (event.payload as { runId: string }).runId === runId)!.seq);
    client.close();
  }, 60_000);

  it("puts one file back as it was before a change, leaving the others, and refuses a link out of the workspace", async () => {
    const session = world.projectAOtherSession;
    const client = await connect(session);
    await client.ok("file-write", { sessionId: session, path: "keep.txt", content: "keep v1\n" });
    await client.ok("file-write", { sessionId: session, path: "undo.txt", content: "undo v1\n" });
    await sh(session, "ln -sf /etc/passwd escape.txt");
    const { checkpoint } = await client.ok("checkpoint-create", { sessionId: session, label: "before changes" });
    await sh(session, "echo 'keep v2' > keep.txt && echo 'undo v2' > undo.txt && echo new > created.txt");
    const after = client.sequencer.lastSeq + 1;
    const undone = await client.ok("file-rewind", { sessionId: session, path: "undo.txt", beforeSeq: after });
    expect(undone).toEqual({ checkpointId: checkpoint.checkpointId, deleted: false });
    expect((await client.ok("file-read", { sessionId: session, path: "undo.txt" })).content).toBe("undo v1\n");
    expect((await client.ok("file-read", { sessionId: session, path: "keep.txt" })).content).toBe("keep v2\n");
    expect(await client.ok("file-rewind", { sessionId: session, path: "./created.txt", beforeSeq: after })).toMatchObject({ deleted: true });
    expect((await client.request("file-read", { sessionId: session, path: "created.txt" })).ok).toBe(false);
    expect(await client.request("file-rewind", { sessionId: session, path: "escape.txt", beforeSeq: after })).toMatchObject({ ok: false, error: { code: "outside_workspace" } });
    expect(await client.request("file-rewind", { sessionId: session, path: "../etc/passwd", beforeSeq: after })).toMatchObject({ ok: false, error: { code: "outside_workspace" } });
    await until(() => client.events.some((event) => event.type === "file-rewound" && (event.payload as { path: string }).path === "created.txt"), 5000, "file-rewound event");
    client.close();
  }, 60_000);

  it("branches into an independent session with its own sandbox, and diffs two branches", async () => {
    const session = world.projectAOtherSession;
    const client = await connect(session);
    await client.ok("file-write", { sessionId: session, path: "shared.txt", content: "base\n" });
    const { checkpoint } = await client.ok("checkpoint-create", { sessionId: session });
    const { sessionId: branchId } = await client.ok("branch-create", { sessionId: session, checkpointId: checkpoint.checkpointId, title: "experiment" });
    const branch = await connect(branchId);
    const [parentRow, branchRow] = await Promise.all(
      [session, branchId].map((id) => world.database.db.session.findUniqueOrThrow({ where: { id } })),
    );
    expect(branchRow.sandboxId).not.toBe(parentRow.sandboxId);
    expect(branch.events.at(-1)!.seq).toBeGreaterThanOrEqual(checkpoint.seq);

    await branch.ok("file-write", { sessionId: branchId, path: "shared.txt", content: "branch\n" });
    await branch.ok("file-write", { sessionId: branchId, path: "only-in-branch.txt", content: "b\n" });
    await client.ok("file-write", { sessionId: session, path: "only-in-parent.txt", content: "p\n" });
    expect((await client.ok("file-read", { sessionId: session, path: "shared.txt" })).content).toBe("base\n");
    expect((await client.request("file-read", { sessionId: session, path: "only-in-branch.txt" })).ok).toBe(false);
    expect((await branch.request("file-read", { sessionId: branchId, path: "only-in-parent.txt" })).ok).toBe(false);

    const diff = await client.ok("workspace-diff", { sessionId: session, from: { kind: "session", sessionId: session }, to: { kind: "session", sessionId: branchId } });
    const byPath = Object.fromEntries(diff.files.map((file) => [file.path, file.status]));
    expect(byPath).toMatchObject({ "shared.txt": "modified", "only-in-branch.txt": "added", "only-in-parent.txt": "deleted" });
    expect(diff.patch).toContain("+branch");
    expect(await client.request("branch-create", { sessionId: session, checkpointId: "no-such-checkpoint" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    client.close();
    branch.close();
  }, 120_000);

  it("forks a sandbox from the checkpoint when a session forked from a share is first opened", async () => {
    const session = world.projectAOtherSession;
    const client = await connect(session);
    await client.ok("file-write", { sessionId: session, path: "fork-me.txt", content: "from A\n" });
    const { checkpoint } = await client.ok("checkpoint-create", { sessionId: session, label: "shared point" });
    await client.ok("file-write", { sessionId: session, path: "fork-me.txt", content: "A moved on\n" });
    // What the web app's "Fork" does: a session in B's own project, forked from A's checkpoint.
    const projectB = (await world.database.db.session.findUniqueOrThrow({ where: { id: world.sessionB } })).projectId;
    const fork = await createBranchSession(world.database.db, { fromSessionId: session, uptoSeq: checkpoint.seq, projectId: projectB, ownerId: world.userB.id, title: "fork", forkedFromCheckpointId: checkpoint.checkpointId });
    const b = new TestClient(world.url, world.userB.token);
    await b.connected();
    await b.join(fork.id);
    expect((await b.ok("file-read", { sessionId: fork.id, path: "fork-me.txt" })).content).toBe("from A\n");
    await b.ok("file-write", { sessionId: fork.id, path: "fork-me.txt", content: "B's version\n" });
    expect((await client.ok("file-read", { sessionId: session, path: "fork-me.txt" })).content).toBe("A moved on\n");
    // B's branch tree does not reveal A's sessions.
    const { branches } = await b.ok("branch-list", { sessionId: fork.id });
    expect(branches).toEqual([expect.objectContaining({ sessionId: fork.id, parentSessionId: null })]);
    client.close();
    b.close();
  }, 120_000);

  it("keeps working through 200 checkpoints: rewind and branch to any of them", async () => {
    const session = world.projectAOtherSession;
    const client = await connect(session);
    const ids: string[] = [];
    for (let i = 1; i <= 200; i++) {
      await client.ok("file-write", { sessionId: session, path: "counter.txt", content: `${i}\n` });
      ids.push((await client.ok("checkpoint-create", { sessionId: session, label: `#${i}` })).checkpoint.checkpointId);
    }
    expect(new Set(ids).size).toBe(200);
    await client.ok("checkpoint-rewind", { sessionId: session, checkpointId: ids[99]! });
    expect((await client.ok("file-read", { sessionId: session, path: "counter.txt" })).content).toBe("100\n");
    const { sessionId: branchId } = await client.ok("branch-create", { sessionId: session, checkpointId: ids[149]! });
    const branch = await connect(branchId);
    expect((await branch.ok("file-read", { sessionId: branchId, path: "counter.txt" })).content).toBe("150\n");
    client.close();
    branch.close();
  }, 300_000);
});

describe("best-of-N attempts", () => {
  it("runs 4 attempts, verifies each with the project's tests, ranks them, and keeps the best", async () => {
    fake.reset();
    const session = world.sessionA;
    const client = await connect(session);
    await client.ok("file-write", { sessionId: session, path: "check.sh", content: 'test "$(cat answer.txt)" = 42\n' });
    // Each attempt's model decides what it writes: the "good" ones pass the check, "good-verbose" with a bigger diff.
    const answerFor = (model: string) => (model.startsWith("good") ? "42" : "41");
    const turn = (request: RecordedRequest) => {
      if (lastToolResult(request)) return { text: `Wrote the answer with ${request.model}.` };
      const calls = [{ name: "write_file", input: { path: "answer.txt", content: `${answerFor(request.model)}\n` } }];
      if (request.model === "good-verbose") calls.push({ name: "write_file", input: { path: "notes.md", content: "one\ntwo\nthree\n" } });
      return { toolCalls: calls };
    };
    for (let i = 0; i < 8; i++) fake.enqueue(turn);
    const models = ["bad-a", "good-verbose", "bad-b", "good-lean"];
    const { groupId } = await client.ok("attempts-start", { sessionId: session, prompt: "Write the answer", count: 4, models, verifyCommand: "sh check.sh" });

    let group: AttemptGroupSummary | undefined;
    await until(
      async () => {
        group = await client.ok("attempts-get", { sessionId: session, groupId });
        return group.attempts.every((attempt) => attempt.verifyResult !== null);
      },
      120_000,
      "all attempts verified",
    );
    expect(group!.attempts.map((attempt) => attempt.model)).toEqual(["good-lean", "good-verbose", expect.stringMatching(/^bad-/), expect.stringMatching(/^bad-/)]);
    expect(group!.attempts.map((attempt) => attempt.verifyResult)).toEqual(["passed", "passed", "failed", "failed"]);
    expect(group!.attempts[0]!.diffAdded).toBeLessThan(group!.attempts[1]!.diffAdded!);

    const best = group!.attempts[0]!;
    await client.ok("attempts-keep", { sessionId: session, groupId, attemptId: best.attemptId });
    expect((await client.ok("file-read", { sessionId: session, path: "answer.txt" })).content).toBe("42\n");
    expect((await sh(session, "sh check.sh; echo $?")).stdout.trim()).toBe("0");
    const after = await client.ok("attempts-get", { sessionId: session, groupId });
    expect(after.attempts.map((attempt) => attempt.outcome).sort()).toEqual(["archived", "archived", "archived", "kept"]);
    await until(() => client.events.some((event) => event.type === "attempt-kept"), 10_000, "attempt-kept event");
    // The kept attempt's turn is now part of this session's conversation.
    expect(visibleEvents(client.events).some((event) => event.type === "message-completed" && JSON.stringify(event.payload).includes("good-lean"))).toBe(true);
    expect(await client.request("attempts-keep", { sessionId: session, groupId, attemptId: best.attemptId })).toMatchObject({ ok: false, error: { code: "conflict" } });
    client.close();
  }, 240_000);
});
