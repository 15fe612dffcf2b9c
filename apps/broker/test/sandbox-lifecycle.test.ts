/**
 * The broker's side of sandbox lifecycle: idle pauses and stops are logged to the sessions the
 * sandbox serves (the IDE's "paused" / "stopped — restart" banner) and a rejoin brings it back;
 * deleting a project removes its sandboxes (container and workspace) without a broker restart.
 */
import type { SessionEvent } from "@codeyard/protocol";
import { DockerDriver } from "@codeyard/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";
import { startTestBroker, until, type TestWorld } from "./fixture.js";

const driver = new DockerDriver();
const sandboxStates = (events: SessionEvent[]) =>
  events
    .filter((event) => event.type === "sandbox-state")
    .map((event) => (event.payload as { state: string }).state);

let world: TestWorld;
beforeAll(async () => {
  world = await startTestBroker({
    name: "lifecycle",
    broker: {
      sandbox: { idle: { pauseAfterMs: 1500, stopAfterMs: 4000, checkEveryMs: 200 } },
      reapDeletedProjectsEveryMs: 300,
    },
  });
});
afterAll(() => world?.stop());

describe("sandbox lifecycle seen from sessions", () => {
  it("logs idle pause and stop to the session, and a rejoin restarts the sandbox", async () => {
    const client = new TestClient(world.url, world.userA.token);
    await client.connected();
    const joined = await client.join(world.sessionA);
    const sandboxId = joined.session.sandboxId;
    await client.ok("file-write", {
      sessionId: world.sessionA,
      path: "kept.txt",
      content: "still here\n",
    });

    await until(
      () => sandboxStates(client.events).includes("paused"),
      15_000,
      "a live paused event",
    );
    expect((await driver.inspect(sandboxId))?.state).toBe("paused");
    await until(
      () => sandboxStates(client.events).includes("stopped"),
      15_000,
      "a live stopped event",
    );
    expect((await driver.inspect(sandboxId))?.state).toBe("stopped");
    const idleEvents = client.events.filter((event) => event.type === "sandbox-state").slice(-2);
    expect(idleEvents.map((event) => event.payload)).toEqual([
      { sandboxId, state: "paused" },
      { sandboxId, state: "stopped" },
    ]);

    // The banner's "Restart" rejoins the session: the same sandbox starts, files intact.
    const rejoined = await client.join(world.sessionA);
    expect(rejoined.session.sandboxId).toBe(sandboxId);
    await until(
      () => sandboxStates(client.events).at(-1) === "running",
      10_000,
      "the running event",
    );
    expect((await driver.inspect(sandboxId))?.state).toBe("running");
    expect(
      await client.ok("file-read", { sessionId: world.sessionA, path: "kept.txt" }),
    ).toMatchObject({ content: "still here\n" });

    // The durable log tells a later visitor the same story, in order.
    const logged = sandboxStates(await world.readAllEvents(world.sessionA));
    expect(logged.slice(logged.lastIndexOf("paused"))).toEqual(["paused", "stopped", "running"]);
    client.close();
  });

  it("removes the sandboxes of a deleted project, container and workspace", async () => {
    const { db } = world.database;
    const client = new TestClient(world.url, world.userA.token);
    await client.connected();
    const doomed = (await client.join(world.projectAOtherSession)).session.sandboxId;
    const kept = (await client.join(world.sessionA)).session.sandboxId;
    client.close();
    expect(await driver.inspect(doomed)).not.toBeNull();

    const { projectId } = await db.session.findUniqueOrThrow({
      where: { id: world.projectAOtherSession },
    });
    await db.project.delete({ where: { id: projectId } });

    // The manager forgets a sandbox last, once its container and workspace are gone.
    await until(
      () => world.broker.manager.info(doomed) === undefined,
      15_000,
      "the deleted project's sandbox to go",
    );
    expect(await driver.inspect(doomed)).toBeNull();
    expect(await world.broker.manager.store.exists(doomed)).toBe(false);
    // Other projects' sandboxes stay.
    expect(await driver.inspect(kept)).not.toBeNull();
    expect(world.broker.manager.info(kept)).toBeDefined();
  });
});
