import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AgentRun } from "../src/index.js";
import { FakeProviderServer, lastToolResult } from "../src/testing/index.js";
import { anthropicModel, EventLog, noRules, openSandbox, rethrowScriptFailures, until, type SandboxFixture } from "./fixture.js";

let sandbox: SandboxFixture;
let fake: FakeProviderServer;

beforeAll(async () => {
  [sandbox, fake] = await Promise.all([openSandbox("stop"), FakeProviderServer.start()]);
});
afterAll(async () => {
  await fake?.close();
  await sandbox?.close();
});
beforeEach(() => fake.reset());
afterEach(() => rethrowScriptFailures(fake));

const running = async (pattern: string) => (await sandbox.client.exec({ argv: ["pgrep", "-f", pattern] })).stdout.trim();

describe("stopping a run", () => {
  it("kills the command that is running, with its children, and ends as stopped", async () => {
    fake.enqueue({ toolCalls: [{ name: "bash", input: { command: "sh -c 'sleep 987' & sleep 986; echo never" } }, { name: "list", input: {} }] });
    const log = new EventLog();
    const run = new AgentRun({ runId: "run-stop", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, ...noRules });
    log.onEvent = (event) => {
      if (event.type === "tool-call-started" && event.payload.toolName === "bash") {
        void until(() => running("sleep 98[67]"), 10_000, "the command to start").then(() => run.stop());
      }
    };
    const started = Date.now();
    const outcome = await run.start("Run the long command.");
    expect(outcome).toMatchObject({ status: "stopped", reason: { code: "user-stop" } });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await running("sleep 98[67]")).toBe("");
    const results = log.of("tool-call-completed");
    expect(results[0]).toMatchObject({ toolName: "bash", isError: true, output: expect.stringContaining("stopped because the run was stopped") });
    expect(results[1]).toMatchObject({ toolName: "list", isError: true, output: expect.stringContaining("Not run") });
    expect(log.types().at(-1)).toBe("run-finished");
  });

  it("cancels a model call that is streaming or waiting", async () => {
    fake.enqueue({ hang: true });
    const log = new EventLog();
    const run = new AgentRun({ runId: "run-stop-model", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, ...noRules });
    log.onEvent = (event) => {
      if (event.type === "step-started") setTimeout(() => run.stop(), 200);
    };
    const outcome = await run.start("Think for a long time.");
    expect(outcome.status).toBe("stopped");
    expect(log.of("message-completed")[0]).toMatchObject({ finishReason: "aborted", toolCalls: [] });
    await expect(run.send("too late")).rejects.toMatchObject({ code: "run_finished" });
  });
});

describe("background commands", () => {
  it("start detached, report output and status later, and can be killed", async () => {
    let id = "";
    fake.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "for i in 1 2 3; do echo tick $i; sleep 0.2; done; sleep 600", run_in_background: true } }] },
      async (request) => {
        id = /(bg-[a-f0-9]{8})/.exec(lastToolResult(request)!.content)![1]!;
        // The exec that started it has returned: the process must still be there.
        await until(() => running("sleep 600"), 10_000, "the background command");
        await new Promise((resolve) => setTimeout(resolve, 800));
        return { toolCalls: [{ name: "bash_output", input: { id } }] };
      },
      (request) => {
        expect(lastToolResult(request)!.content).toBe(`[${id}: still running]\ntick 1\ntick 2\ntick 3\n`);
        return { toolCalls: [{ name: "bash_output", input: { id } }] };
      },
      (request) => {
        expect(lastToolResult(request)!.content).toBe(`[${id}: still running]\n(no new output)`);
        return { toolCalls: [{ name: "bash_kill", input: { id } }] };
      },
      (request) => {
        expect(lastToolResult(request)!.content).toBe(`${id} stopped.`);
        return { toolCalls: [{ name: "bash_output", input: { id } }, { name: "bash_output", input: { id: "bg-00000000" } }] };
      },
      (request) => {
        const results = request.messages.at(-1)!.parts;
        expect(results[0]).toMatchObject({ content: `[${id}: stopped (killed)]\n(no new output)` });
        expect(results[1]).toMatchObject({ isError: true, content: "There is no background command bg-00000000 in this sandbox." });
        return { text: "Done." };
      },
    );
    const log = new EventLog();
    const outcome = await new AgentRun({ runId: "run-bg", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, ...noRules }).start("Start a ticker.");
    expect(outcome.status).toBe("done");
    expect(await running("sleep 600")).toBe("");
  });

  it("report the exit code of a command that finished", async () => {
    fake.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "echo built; exit 3", run_in_background: true } }] },
      async (request) => {
        const id = /(bg-[a-f0-9]{8})/.exec(lastToolResult(request)!.content)![1]!;
        await new Promise((resolve) => setTimeout(resolve, 500));
        return { toolCalls: [{ name: "bash_output", input: { id } }] };
      },
      (request) => {
        expect(lastToolResult(request)!.content).toMatch(/^\[bg-[a-f0-9]{8}: exited with code 3\]\nbuilt\n$/);
        return { text: "The build exited with 3." };
      },
    );
    const log = new EventLog();
    expect((await new AgentRun({ runId: "run-bg-exit", sandbox: sandbox.client, model: anthropicModel(fake), emit: log.emit, ...noRules }).start("Build.")).status).toBe("done");
  });
});
