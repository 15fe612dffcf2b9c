import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";
import { startTestBroker, until, type TestWorld } from "./fixture.js";

let world: TestWorld;
beforeAll(async () => {
  world = await startTestBroker({ name: "sessions" });
});
afterAll(() => world?.stop());

describe("sessions", () => {
  it("streams a live session to every joined client in order", async () => {
    const viewers = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const viewer = new TestClient(world.url, world.userA.token);
        await viewer.connected();
        await viewer.join(world.sessionA);
        return viewer;
      }),
    );
    const writer = viewers[0]!;
    const start = writer.sequencer.lastSeq;
    for (let i = 0; i < 10; i++)
      await writer.ok("file-write", {
        sessionId: world.sessionA,
        path: `live-${i}.txt`,
        content: "x",
      });
    await until(
      () =>
        viewers.every(
          (viewer) =>
            viewer.events.filter((event) => event.seq > start && event.type === "file-saved")
              .length === 10,
        ),
      5000,
      "fan-out",
    );
    for (const viewer of viewers) {
      const seqs = viewer.events.filter((event) => event.seq > start).map((event) => event.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      viewer.close();
    }
  });

  it("serves files, with conflict detection when someone else saved first", async () => {
    const client = new TestClient(world.url, world.userA.token);
    await client.connected();
    await client.join(world.sessionA);
    const written = await client.ok("file-write", {
      sessionId: world.sessionA,
      path: "src/app.js",
      content: "console.log(1)\n",
    });
    await client.ok("file-write", {
      sessionId: world.sessionA,
      path: "src/app.js",
      content: "console.log(2)\n",
    });
    const stale = await client.request("file-write", {
      sessionId: world.sessionA,
      path: "src/app.js",
      content: "mine",
      expectedMtimeMs: written.stat.mtimeMs,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict" } });
    const binary = Buffer.from([0, 255, 1, 2]);
    await client.ok("file-write", {
      sessionId: world.sessionA,
      path: "b.bin",
      content: binary.toString("base64"),
      encoding: "base64",
    });
    expect(
      await client.ok("file-read", { sessionId: world.sessionA, path: "b.bin" }),
    ).toMatchObject({ encoding: "base64", content: binary.toString("base64") });
    expect(
      (await client.ok("file-list", { sessionId: world.sessionA, path: "src" })).entries.map(
        (entry) => entry.name,
      ),
    ).toEqual(["app.js"]);
    expect(
      (await client.ok("file-search", { sessionId: world.sessionA, query: "console" })).matches[0],
    ).toMatchObject({ path: "src/app.js", line: 1 });
    expect(
      await client.request("file-read", { sessionId: world.sessionA, path: "../../etc/passwd" }),
    ).toMatchObject({ ok: false, error: { code: "outside_workspace" } });
    client.close();
  });

  it("keeps terminals across reconnects and bounds unacknowledged output (flow control)", async () => {
    const slow = new TestClient(world.url, world.userA.token, { autoAck: false });
    await slow.connected();
    await slow.join(world.sessionA);
    const { terminal } = await slow.ok("terminal-open", {
      sessionId: world.sessionA,
      cols: 120,
      rows: 30,
    });
    await slow.ok("terminal-input", {
      sessionId: world.sessionA,
      terminalId: terminal.id,
      data: "head -c 8000000 /dev/zero | tr '\\0' 'y'; echo; echo FLOW-$((1+1))-DONE\r",
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const received = slow.output(terminal.id).length;
    // Without acks, output stops near the high-water mark instead of filling the broker's memory.
    expect(received).toBeLessThan(2 * 1024 * 1024);
    expect(received).toBeGreaterThan(256 * 1024);
    // From now on, acknowledge everything received (as a rendering client does): the rest flows.
    slow.socket.on("terminal-output", ({ data }: { data: Buffer }) =>
      slow.socket.emit("terminal-ack", {
        sessionId: world.sessionA,
        terminalId: terminal.id,
        bytes: data.byteLength,
      }),
    );
    await slow.ok("terminal-ack", {
      sessionId: world.sessionA,
      terminalId: terminal.id,
      bytes: Buffer.byteLength(slow.output(terminal.id)),
    });
    await until(() => slow.output(terminal.id).includes("FLOW-2-DONE"), 60_000, "flow resumes");
    expect(slow.output(terminal.id).split("y").length - 1).toBeGreaterThanOrEqual(8_000_000);
    slow.close();

    const again = new TestClient(world.url, world.userA.token);
    await again.connected();
    const joined = await again.join(world.sessionA);
    expect(joined.terminals.map((t) => t.id)).toContain(terminal.id);
    const reopened = await again.ok("terminal-open", {
      sessionId: world.sessionA,
      terminalId: terminal.id,
      cols: 120,
      rows: 30,
    });
    expect(reopened.created).toBe(false);
    expect(reopened.screen).toContain("FLOW-2-DONE");
    again.close();
  });

  it("logs a user's save once, and still reports the agent's write of that file a moment later", async () => {
    const client = new TestClient(world.url, world.userA.token);
    await client.connected();
    await client.join(world.sessionA);
    const changesOf = (path: string) =>
      client.events.filter((event) => event.type === "file-changed" && (event.payload as { changes: { path: string }[] }).changes.some((change) => change.path === path));
    await client.ok("file-write", { sessionId: world.sessionA, path: "echo.txt", content: "user\n" });
    await new Promise((resolve) => setTimeout(resolve, 600));
    // The save is logged as file-saved; its watcher echo is not logged again.
    expect(changesOf("echo.txt")).toHaveLength(0);
    const session = await world.database.db.session.findUniqueOrThrow({ where: { id: world.sessionA } });
    const sandbox = await world.broker.manager.client(session.sandboxId!);
    await sandbox.exec({ shell: "echo agent > echo.txt", cwd: "/workspace" });
    await until(() => changesOf("echo.txt").length === 1 || undefined, 5000, "the agent's change");
    client.close();
  });

  it("exposes health and Prometheus metrics", async () => {
    const metrics = await (await fetch(`${world.url}/metrics`)).text();
    expect(metrics).toMatch(/codeyard_socket_connections/);
    expect(metrics).toMatch(/codeyard_event_lag_seconds_bucket/);
    expect(metrics).toMatch(/codeyard_sandboxes\{state="running"\} [1-9]/);
    expect(metrics).toMatch(/codeyard_requests_total\{event="file-write",outcome="ok"\}/);
  });
});

describe("project setup", () => {
  it("runs the project's setup script once in a new sandbox and logs its outcome", async () => {
    const { projectId } = await world.database.db.session.findUniqueOrThrow({ where: { id: world.projectAOtherSession } });
    await world.database.db.project.update({ where: { id: projectId }, data: { setupScript: "mkdir -p src && echo 'console.log(1)' > src/index.js && echo set-up" } });
    const client = new TestClient(world.url, world.userA.token);
    await client.connected();
    await client.join(world.projectAOtherSession);
    const finished = await until(() => client.events.find((event) => event.type === "setup-finished"), 30_000, "setup finished");
    expect(finished.payload).toMatchObject({ exitCode: 0, timedOut: false, output: expect.stringContaining("set-up") });
    expect((await client.ok("file-read", { sessionId: world.projectAOtherSession, path: "src/index.js" })).content).toBe("console.log(1)\n");
    client.close();
  });
});
