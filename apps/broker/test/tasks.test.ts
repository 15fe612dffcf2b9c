/**
 * Background tasks through the broker, with the real engine, the fake model server and a local
 * Web Push service: a task runs with no client attached, its status follows its runs, its owner
 * is notified (a notification row, a live push to connections, an encrypted Web Push message).
 */
import { readFileSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import { FakeProviderServer, lastToolResult, userTexts, type RecordedRequest } from "@codeyard/agent/testing";
import type { NotificationSummary, TaskSummary } from "@codeyard/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateVapidKeys } from "../src/notifications/vapid-keys.js";
import { PushEndpoint, ensureTestCertificate } from "../src/testing/index.js";
import { TestClient } from "./client.js";
import { startTestBroker, until, type TestWorld } from "./fixture.js";

let fake: FakeProviderServer;
let pushService: PushEndpoint;
let world: TestWorld;
let projectA: string;
const vapid = { ...generateVapidKeys(), subject: "mailto:tests@codeyard.test" };

beforeAll(async () => {
  const certificate = ensureTestCertificate(join(tmpdir(), "codeyard-push-test-cert"));
  // This process sends the pushes (in-process broker): trust the local push service's certificate.
  https.globalAgent.options.ca = [...rootCertificates, readFileSync(certificate.certFile, "utf8")];
  [fake, pushService] = await Promise.all([FakeProviderServer.start(), PushEndpoint.start(certificate)]);
  world = await startTestBroker({ name: "tasks", model: { provider: "anthropic", model: "claude-sonnet-4-5", baseUrl: fake.anthropicBaseURL }, push: vapid });
  projectA = (await world.database.db.session.findUniqueOrThrow({ where: { id: world.sessionA } })).projectId;
});
afterAll(async () => {
  await world?.stop();
  await pushService?.close();
  await fake?.close();
});

async function connect(token: string): Promise<{ client: TestClient; tasks: TaskSummary[]; notifications: NotificationSummary[] }> {
  const client = new TestClient(world.url, token);
  const tasks: TaskSummary[] = [];
  const notifications: NotificationSummary[] = [];
  client.socket.on("task-updated", ({ task }: { task: TaskSummary }) => tasks.push(task));
  client.socket.on("notification-added", ({ notification }: { notification: NotificationSummary }) => notifications.push(notification));
  await client.connected();
  await client.ok("task-list", {});
  await client.ok("notification-list", {});
  return { client, tasks, notifications };
}

const taskRow = (id: string) => world.database.db.task.findUniqueOrThrow({ where: { id } });

describe("background tasks", () => {
  it("run with no client attached, end done, and notify the owner's devices by Web Push", async () => {
    fake.reset();
    fake.enqueue({ toolCalls: [{ name: "write_file", input: { path: "notes/todo.md", content: "- ship it\n" } }] }, { text: "I wrote notes/todo.md." });
    const { client, tasks, notifications } = await connect(world.userA.token);
    const device = pushService.subscribe("Alice's phone");
    const { device: saved } = await client.ok("push-subscribe", device);
    expect(saved).toMatchObject({ deviceLabel: "Alice's phone", service: new URL(pushService.url).host });

    const { task } = await client.ok("task-create", { projectId: projectA, prompt: "Write the todo list" });
    expect(task).toMatchObject({ status: "running", projectName: "project-a", attempts: 1, model: "claude-sonnet-4-5" });
    expect(task.sessionId).not.toBe(world.sessionA);
    // Nobody joins the task's session: the run goes on by itself.
    await until(async () => (await taskRow(task.id)).status === "done", 60_000, "task done");

    const row = await taskRow(task.id);
    expect(row).toMatchObject({ status: "done", statusReason: null, changedFiles: 1 });
    expect(row.finishedAt).not.toBeNull();
    const live = await until(() => tasks.find((update) => update.id === task.id && update.status === "done"), 10_000, "task-updated");
    expect(live.costUsd).toBeGreaterThan(0);
    expect(live.changedFiles).toBe(1);

    const push = await until(() => pushService.pushesTo(device.endpoint)[0], 15_000, "push delivered");
    expect(push.vapidKey).toBe(vapid.publicKey);
    expect(push.headers.ttl).toBe(String(24 * 3600));
    expect(push.payload).toMatchObject({ title: "Task finished · project-a", body: "Write the todo list", url: `/m/tasks/${task.id}` });
    const stored = await world.database.db.notification.findMany({ where: { userId: world.userA.id } });
    expect(stored).toHaveLength(1);
    await until(async () => (await world.database.db.notification.findFirstOrThrow({ where: { userId: world.userA.id } })).pushedAt, 10_000, "marked pushed");
    expect(notifications.map((notification) => notification.id)).toEqual([stored[0]!.id]);
    expect(pushService.rejected).toEqual([]);

    const listed = await client.ok("task-list", { status: ["done"] });
    expect(listed.tasks.map((listedTask) => listedTask.id)).toContain(task.id);
    client.close();
  });

  it("waits for an answer when the agent asks, and runs again when the owner replies", async () => {
    fake.reset();
    fake.enqueue(
      { toolCalls: [{ name: "ask_user", input: { question: "Tabs or spaces?" } }] },
      (request) => ({ text: `Using ${userTexts(request).at(-1)}.` }),
    );
    const { client } = await connect(world.userA.token);
    const device = pushService.subscribe("Alice's tablet");
    await client.ok("push-subscribe", device);
    const { task } = await client.ok("task-create", { projectId: projectA, prompt: "Format the code" });
    await until(async () => (await taskRow(task.id)).status === "waiting", 60_000, "task waiting");
    expect((await taskRow(task.id)).statusReason).toBe("Tabs or spaces?");
    const push = await until(() => pushService.pushesTo(device.endpoint)[0], 15_000, "waiting push");
    expect(push.payload).toMatchObject({ title: "Task needs your answer · project-a", body: "Tabs or spaces?", url: `/m/tasks/${task.id}` });

    // The reply is a new run in the task's session (from the phone, or the IDE).
    await client.join(task.sessionId!);
    await client.ok("run-start", { sessionId: task.sessionId!, prompt: "spaces" });
    await until(async () => (await taskRow(task.id)).status === "done", 60_000, "task done after the reply");
    await until(() => client.events.some((event) => event.type === "message-completed" && (event.payload as { text: string }).text === "Using spaces."), 10_000, "the answer reached the model");
    await until(() => pushService.pushesTo(device.endpoint).length === 2, 15_000, "second push");

    const { notifications, unread } = await client.ok("notification-list", { limit: 10 });
    expect(notifications.slice(0, 2).map((notification) => notification.kind)).toEqual(["task-done", "task-waiting"]);
    expect(unread).toBeGreaterThanOrEqual(2);
    await client.ok("notification-read", {});
    expect((await client.ok("notification-list", { limit: 10 })).unread).toBe(0);
    client.close();
  });

  it("starts the agent once the project's setup script has written the workspace", async () => {
    fake.reset();
    fake.enqueue({ toolCalls: [{ name: "read_file", input: { path: "from-setup.txt" } }] }, (request) => {
      expect(lastToolResult(request)).toMatchObject({ isError: false, content: expect.stringContaining("written by the setup") });
      return { text: "The setup ran first." };
    });
    await world.database.db.project.update({ where: { id: projectA }, data: { setupScript: "sleep 2; echo 'written by the setup' > from-setup.txt" } });
    try {
      const { client } = await connect(world.userA.token);
      const { task } = await client.ok("task-create", { projectId: projectA, prompt: "Read the setup's file" });
      await until(async () => (await taskRow(task.id)).status === "done", 60_000, "task done");
      expect(fake.failures).toEqual([]);
      client.close();
    } finally {
      await world.database.db.project.update({ where: { id: projectA }, data: { setupScript: null } });
    }
  });

  it("removes a device whose subscription the push service calls gone", async () => {
    fake.reset();
    fake.enqueue({ text: "Nothing to do." });
    const { client } = await connect(world.userA.token);
    const device = pushService.subscribe("Old phone");
    await client.ok("push-subscribe", device);
    pushService.expire(device.endpoint);
    const { task } = await client.ok("task-create", { projectId: projectA, prompt: "Say hi" });
    await until(async () => (await taskRow(task.id)).status === "done", 60_000, "task done");
    await until(async () => !(await client.ok("push-list", {})).devices.some((listed) => listed.deviceLabel === "Old phone"), 15_000, "gone device removed");
    client.close();
  });

  it("keeps reviewed changes in the session log, and lets devices be removed", async () => {
    const { client } = await connect(world.userA.token);
    const { devices } = await client.ok("push-list", {});
    expect(devices.length).toBeGreaterThan(0);
    await client.ok("push-remove", { deviceId: devices[0]!.id });
    expect((await client.ok("push-list", {})).devices).toHaveLength(devices.length - 1);
    expect(await client.request("push-remove", { deviceId: devices[0]!.id })).toMatchObject({ ok: false, error: { code: "not_found" } });

    await client.join(world.sessionA);
    await client.ok("changes-keep", { sessionId: world.sessionA, paths: ["./notes/todo.md", "notes/todo.md"] });
    await until(() => client.events.find((event) => event.type === "changes-kept"), 10_000, "changes-kept");
    expect(client.events.find((event) => event.type === "changes-kept")!.payload).toEqual({ paths: ["notes/todo.md"], keptBy: world.userA.id });
    expect(await client.request("changes-keep", { sessionId: world.sessionA, paths: ["../../etc/passwd"] })).toMatchObject({ ok: false, error: { code: "outside_workspace" } });
    client.close();
  });

  it("runs best-of-N attempts in the background, waits for its owner to keep one, then is done", async () => {
    fake.reset();
    const answer = (request: RecordedRequest) => (lastToolResult(request) ? { text: "Answer written." } : { toolCalls: [{ name: "write_file", input: { path: "answer.txt", content: "42\n" } }] });
    for (let i = 0; i < 4; i++) fake.enqueue(answer);
    const { client, notifications } = await connect(world.userA.token);
    const { task } = await client.ok("task-create", { projectId: projectA, prompt: "Write the answer twice over", attempts: 2 });
    expect(task).toMatchObject({ status: "running", attempts: 2 });
    await until(async () => (await taskRow(task.id)).status === "waiting", 120_000, "attempts finished");
    expect((await taskRow(task.id)).statusReason).toBe("2 attempts finished: keep the best one.");
    await until(() => notifications.find((notification) => notification.title.startsWith("Task needs your answer")), 10_000, "waiting notification");

    await client.join(task.sessionId!);
    const started = client.events.find((event) => event.type === "attempts-started")!.payload as { groupId: string };
    const group = await client.ok("attempts-get", { sessionId: task.sessionId!, groupId: started.groupId });
    expect(group.attempts.map((attempt) => attempt.status)).toEqual(["done", "done"]);
    await client.ok("attempts-keep", { sessionId: task.sessionId!, groupId: started.groupId, attemptId: group.attempts[0]!.attemptId });
    await until(async () => (await taskRow(task.id)).status === "done", 30_000, "task done after keeping");
    expect((await client.ok("file-read", { sessionId: task.sessionId!, path: "answer.txt" })).content).toBe("42\n");
    client.close();
  }, 180_000);

  it("refuses other people's projects and tasks", async () => {
    const { client } = await connect(world.userA.token);
    const [mine] = (await client.ok("task-list", {})).tasks;
    client.close();

    const { client: bob } = await connect(world.userB.token);
    expect(await bob.request("task-create", { projectId: projectA, prompt: "Sneak in" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await bob.request("task-get", { taskId: mine!.id })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect((await bob.ok("task-list", {})).tasks).toEqual([]);
    expect((await bob.ok("notification-list", {})).notifications).toEqual([]);
    const projectB = (await world.database.db.session.findUniqueOrThrow({ where: { id: world.sessionB } })).projectId;
    expect(await bob.request("task-create", { projectId: projectB, prompt: "No model" })).toMatchObject({ ok: false, error: { code: "invalid_request", message: expect.stringContaining("no model configured") } });
    expect(await world.database.db.task.count({ where: { projectId: projectB } })).toBe(0);
    bob.close();
  });
});
