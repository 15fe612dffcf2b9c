import { FakeProviderServer, lastToolResult } from "@codeyard/agent/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";
import { seedTestWorld, spawnBrokerProcess, startTestBroker, until, type BrokerProcess, type SeededWorld, type TestWorld } from "./fixture.js";

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await FakeProviderServer.start();
});
afterAll(() => fake?.close());

const finished = (client: TestClient, runId: string) =>
  client.events.find((event) => event.type === "run-finished" && (event.payload as { runId: string }).runId === runId) as
    | { payload: { status: string; reason: { code: string } } }
    | undefined;

describe("agent runs in the broker", () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await startTestBroker({ name: "runs", model: { provider: "anthropic", model: "claude-sonnet-4-5", baseUrl: fake.anthropicBaseURL } });
  });
  afterAll(() => world?.stop());

  it("runs the agent in the session's sandbox and logs every step before clients see it", async () => {
    fake.reset();
    fake.enqueue({ toolCalls: [{ name: "write_file", input: { path: "hello.txt", content: "hello from the agent\n" } }] }, { text: "I created hello.txt." });
    const client = new TestClient(world.url, world.userA.token);
    await client.connected();
    await client.join(world.sessionA);
    const { runId } = await client.ok("run-start", { sessionId: world.sessionA, prompt: "Create hello.txt" });
    await until(() => finished(client, runId), 30_000, "run finished");
    expect(finished(client, runId)!.payload.status).toBe("done");
    expect((await client.ok("file-read", { sessionId: world.sessionA, path: "hello.txt" })).content).toBe("hello from the agent\n");
    const stored = await world.readAllEvents(world.sessionA);
    expect(client.events.map((event) => event.seq)).toEqual(stored.map((event) => event.seq));
    const types = stored.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(["run-started", "step-started", "tool-call-started", "tool-call-completed", "message-completed", "run-finished"]));
    const run = await world.database.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "done", model: "claude-sonnet-4-5" });
    expect(run.tokensIn).toBeGreaterThan(0);
    // A second run continues the same conversation.
    fake.enqueue((request) => ({ text: `I remember: ${request.messages.length > 3 ? "yes" : "no"}` }));
    const second = await client.ok("run-start", { sessionId: world.sessionA, prompt: "Do you remember?" });
    await until(() => finished(client, second.runId), 30_000, "second run");
    expect(finished(client, second.runId)!.payload.status).toBe("done");
    client.close();
  });

  it("refuses a second concurrent run, delivers messages to a running one, and stops it", async () => {
    fake.reset();
    fake.enqueue({ toolCalls: [{ name: "bash", input: { command: "sleep 30" } }] }, { text: "never" });
    const client = new TestClient(world.url, world.userA.token);
    await client.connected();
    await client.join(world.sessionA);
    const { runId } = await client.ok("run-start", { sessionId: world.sessionA, prompt: "Wait a while" });
    await until(() => client.events.some((event) => event.type === "tool-call-started" && (event.payload as { runId: string }).runId === runId), 20_000, "tool started");
    expect(await client.request("run-start", { sessionId: world.sessionA, prompt: "again" })).toMatchObject({ ok: false, error: { code: "conflict" } });
    await client.ok("run-message", { sessionId: world.sessionA, runId, text: "hurry up" });
    await client.ok("run-stop", { sessionId: world.sessionA, runId });
    await until(() => finished(client, runId), 20_000, "stopped");
    expect(finished(client, runId)!.payload.status).toBe("stopped");
    expect(await client.request("run-stop", { sessionId: world.sessionA, runId })).toMatchObject({ ok: false, error: { code: "not_found" } });
    client.close();
  });

  it("explains a missing model configuration", async () => {
    const client = new TestClient(world.url, world.userB.token);
    await client.connected();
    await client.join(world.sessionB);
    const reply = await client.request("run-start", { sessionId: world.sessionB, prompt: "hi" });
    expect(reply).toMatchObject({ ok: false, error: { code: "invalid_request", message: expect.stringContaining("no model configured") } });
    client.close();
  });
});

describe("agent runs across a broker crash", () => {
  let world: SeededWorld;
  let broker: BrokerProcess | undefined;
  beforeAll(async () => {
    world = await seedTestWorld({ name: "run-crash", model: { provider: "anthropic", model: "claude-sonnet-4-5", baseUrl: fake.anthropicBaseURL } });
  });
  afterAll(async () => {
    await broker?.stop();
    await world?.cleanup();
  });

  it("resumes a run after kill -9, with every event logged once", async () => {
    fake.reset();
    fake.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "sleep 2; echo slept" } }] },
      (request) => ({ text: `After the restart the tool said: ${lastToolResult(request)?.content.slice(0, 60) ?? "nothing"}` }),
    );
    broker = await spawnBrokerProcess(world, { brokerId: world.brokerId });
    const client = new TestClient(broker.url, world.userA.token);
    await client.connected();
    await client.join(world.sessionA);
    const { runId } = await client.ok("run-start", { sessionId: world.sessionA, prompt: "Sleep, then report" });
    await until(() => client.events.some((event) => event.type === "tool-call-started"), 20_000, "tool started");
    broker.kill("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seenBefore = client.sequencer.lastSeq;
    client.close();

    broker = await spawnBrokerProcess(world, { brokerId: world.brokerId, port: broker.port });
    const back = new TestClient(broker.url, world.userA.token);
    back.sequencer.lastSeq = seenBefore;
    await back.connected();
    await back.join(world.sessionA);
    await until(() => finished(back, runId), 30_000, "resumed run finished");
    const end = finished(back, runId)!.payload;
    expect(["done", "interrupted"]).toContain(end.status);
    const stored = await world.readAllEvents(world.sessionA);
    expect(stored.map((event) => event.seq)).toEqual(stored.map((_, index) => index + 1));
    expect([...client.events, ...back.events].map((event) => event.seq)).toEqual(stored.map((event) => event.seq));
    expect(stored.filter((event) => event.type === "run-started")).toHaveLength(1);
    expect(stored.filter((event) => event.type === "run-finished")).toHaveLength(1);
    if (end.status === "done") expect(stored.some((event) => event.type === "run-resumed")).toBe(true);
    const run = await world.database.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe(end.status);
    console.info(`run crash test: ${stored.length} events stored and delivered, run ended ${end.status}`);
    back.close();
  });
});
