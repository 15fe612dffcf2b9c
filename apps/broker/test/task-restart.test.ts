/**
 * A broker killed (SIGKILL) while three background tasks run, then started again: every task ends
 * `done` or `interrupted` (none is lost or left running), and each owner notification still reaches
 * the device by Web Push — sent by the restarted broker (with one whose push the kill cut off), through `web-push`, to a local push service.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeProviderServer, toolResults, userTexts, type RecordedRequest } from "@codeyard/agent/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateVapidKeys } from "../src/notifications/vapid-keys.js";
import { PushEndpoint, ensureTestCertificate, type TestCertificate } from "../src/testing/index.js";
import { TestClient } from "./client.js";
import { seedTestWorld, spawnBrokerProcess, until, type BrokerProcess, type SeededWorld } from "./fixture.js";

let fake: FakeProviderServer;
let pushService: PushEndpoint;
let certificate: TestCertificate;
let world: SeededWorld;
let broker: BrokerProcess | undefined;
const vapid = generateVapidKeys();

beforeAll(async () => {
  certificate = ensureTestCertificate(join(tmpdir(), "codeyard-push-test-cert"));
  [fake, pushService] = await Promise.all([FakeProviderServer.start(), PushEndpoint.start(certificate)]);
  world = await seedTestWorld({ name: "task-restart", model: { provider: "anthropic", model: "claude-sonnet-4-5", baseUrl: fake.anthropicBaseURL } });
});
afterAll(async () => {
  await broker?.stop();
  await world?.cleanup();
  await pushService?.close();
  await fake?.close();
});

const start = (port?: number) =>
  spawnBrokerProcess(world, {
    brokerId: world.brokerId,
    port,
    env: { CODEYARD_VAPID_PUBLIC_KEY: vapid.publicKey, CODEYARD_VAPID_PRIVATE_KEY: vapid.privateKey, NODE_EXTRA_CA_CERTS: certificate.certFile },
  });

describe("background tasks across a broker restart", () => {
  it("ends all three tasks done or interrupted after kill -9, and still delivers their notifications", async () => {
    // Each task runs a slow command, then reports; the turns serve whichever task asks.
    const turn = (request: RecordedRequest) => {
      const name = userTexts(request).find((text) => text.startsWith("Task "))!;
      return toolResults(request).length === 0 ? { toolCalls: [{ name: "bash", input: { command: "sleep 4; echo slept" } }] } : { text: `${name}: finished.` };
    };
    fake.enqueue(...Array.from({ length: 12 }, () => turn));
    broker = await start();
    const client = new TestClient(broker.url, world.userA.token);
    await client.connected();
    const device = pushService.subscribe("Alice's phone");
    await client.ok("push-subscribe", device);
    const projectId = (await world.database.db.session.findUniqueOrThrow({ where: { id: world.sessionA } })).projectId;
    const created = await Promise.all([1, 2, 3].map((n) => client.ok("task-create", { projectId, prompt: `Task ${n}` })));
    const ids = created.map(({ task }) => task.id);
    const sessions = created.map(({ task }) => task.sessionId!);
    client.close();

    // Kill the broker once all three agents are inside their command.
    const toolsStarted = async () => {
      const counts = await Promise.all(sessions.map((sessionId) => world.database.db.event.count({ where: { sessionId, type: "tool-call-started" } })));
      return counts.every((count) => count > 0);
    };
    await until(toolsStarted, 60_000, "three tools started");
    broker.kill("SIGKILL");
    await broker.stop();
    expect((await world.database.db.task.findMany({ where: { id: { in: ids } } })).every((task) => task.status === "running")).toBe(true);
    // A task the kill caught between its row and its run's start (its session already has a sandbox).
    const sandboxId = (await world.database.db.session.findUniqueOrThrow({ where: { id: sessions[0]! } })).sandboxId;
    const unstarted = await world.database.db.session.create({ data: { projectId, ownerId: world.userA.id, title: "Task: never started", sandboxId } });
    const neverStarted = await world.database.db.task.create({ data: { projectId, sessionId: unstarted.id, createdById: world.userA.id, prompt: "Never started", attempts: 1 } });
    // A notification written just before the kill, whose push never went out.
    const stranded = await world.database.db.notification.create({
      data: { userId: world.userA.id, kind: "task-done", payload: JSON.stringify({ title: "Task finished · earlier", body: "Before the crash", url: "/m/tasks/earlier", taskId: null }) },
    });

    broker = await start(broker.port);
    const ended = await until(
      async () => {
        const tasks = await world.database.db.task.findMany({ where: { id: { in: ids } } });
        return tasks.every((task) => task.status !== "running") && tasks;
      },
      90_000,
      "all tasks ended",
    );
    for (const task of ended) expect(["done", "interrupted"]).toContain(task.status);
    await until(async () => (await world.database.db.task.findUniqueOrThrow({ where: { id: neverStarted.id } })).status === "interrupted", 30_000, "unstarted task settled");
    expect((await world.database.db.task.findUniqueOrThrow({ where: { id: neverStarted.id } })).statusReason).toBe("The broker restarted before the task's agent started.");

    const notifications = await until(
      async () => {
        const rows = await world.database.db.notification.findMany({ where: { userId: world.userA.id } });
        return rows.length === 5 && rows.every((row) => row.pushedAt) && rows.filter((row) => row.id !== stranded.id);
      },
      30_000,
      "five notifications pushed",
    );
    expect(pushService.pushesTo(device.endpoint).some((push) => (push.payload as { notificationId: string }).notificationId === stranded.id)).toBe(true);
    // Each notification was pushed once.
    expect(pushService.pushesTo(device.endpoint)).toHaveLength(5);
    const taskPushes = pushService.pushesTo(device.endpoint).filter((push) => (push.payload as { notificationId: string }).notificationId !== stranded.id);
    expect(new Set(taskPushes.map((push) => (push.payload as { notificationId: string }).notificationId))).toEqual(new Set(notifications.map((row) => row.id)));
    expect(new Set(taskPushes.map((push) => (push.payload as { url: string }).url))).toEqual(new Set([...ids, neverStarted.id].map((id) => `/m/tasks/${id}`)));
    expect(taskPushes.find((push) => (push.payload as { url: string }).url.endsWith(neverStarted.id))!.payload).toMatchObject({ title: "Task interrupted · project-a" });
    expect(pushService.rejected).toEqual([]);
    for (const sessionId of sessions) {
      const events = await world.readAllEvents(sessionId);
      expect(events.filter((event) => event.type === "run-finished")).toHaveLength(1);
    }
    console.info(`task restart test: running tasks ended ${ended.map((task) => task.status).join(", ")}; ${pushService.pushesTo(device.endpoint).length} pushes received (${notifications.length} task notifications + 1 stranded by the kill)`);
  });
});
