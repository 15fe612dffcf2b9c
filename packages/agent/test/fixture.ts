/**
 * Shared setup of the agent's integration tests: a real sandbox (real Docker engine and image, as
 * prepared by `npm test`), the fake provider server, real SDK clients pointed at it, and an event
 * sink that validates every event against the protocol's schemas.
 */
import { randomBytes } from "node:crypto";
import { parseRunEvent, type RunEvent, type RunEventPayload, type RunEventType } from "@codeyard/protocol";
import { DockerDriver, SandboxManager, type SandboxClient } from "@codeyard/sandbox";
import { pino } from "pino";
import { createModel, type AgentModel } from "../src/index.js";
import type { FakeProviderServer } from "../src/testing/index.js";

export const DATA_DIR = "/var/lib/codeyard";
export const IMAGE = "codeyard/sandbox:latest";

export interface SandboxFixture {
  manager: SandboxManager;
  client: SandboxClient;
  close(): Promise<void>;
}

/** A fresh sandbox under an owner label of its own; `close` removes it. */
export async function openSandbox(name: string): Promise<SandboxFixture> {
  const owner = `test-agent-${name}-${randomBytes(3).toString("hex")}`;
  const driver = new DockerDriver();
  const manager = await SandboxManager.open({ driver, dataDir: DATA_DIR, owner, image: IMAGE, logger: pino({ level: "silent" }) });
  const info = await manager.create({ projectId: `p-agent-${name}` });
  const client = await manager.client(info.id);
  return {
    manager,
    client,
    async close() {
      await manager.close();
      await manager.reapOrphans(() => false).catch(() => undefined);
      for (const sandbox of manager.list()) await manager.remove(sandbox.id);
    },
  };
}

export function anthropicModel(fake: FakeProviderServer, model = "claude-sonnet-4-5"): AgentModel {
  return createModel({ provider: "anthropic", model, apiKey: "test-key", baseURL: fake.anthropicBaseURL });
}

export function openAICompatibleModel(fake: FakeProviderServer, model = "qwen3-coder"): AgentModel {
  return createModel({ provider: "openai-compatible", model, apiKey: "test-key", baseURL: fake.openaiBaseURL });
}

export function openAIModel(fake: FakeProviderServer, model = "gpt-4.1"): AgentModel {
  return createModel({ provider: "openai", model, apiKey: "test-key", baseURL: fake.openaiBaseURL });
}

/** An in-memory event log; `emit` validates each event like the broker's store would. */
export class EventLog {
  readonly events: RunEvent[] = [];
  onEvent: ((event: RunEvent) => void | Promise<void>) | undefined;

  readonly emit = async (event: RunEvent): Promise<void> => {
    const parsed = parseRunEvent(event.type, JSON.parse(JSON.stringify(event.payload)));
    if (!parsed) throw new Error(`invalid ${event.type} event: ${JSON.stringify(event.payload).slice(0, 500)}`);
    this.events.push(event);
    await this.onEvent?.(event);
  };

  of<T extends RunEventType>(type: T): RunEventPayload<T>[] {
    return this.events.filter((event) => event.type === type).map((event) => event.payload as RunEventPayload<T>);
  }

  types(): string[] {
    return this.events.map((event) => event.type).filter((type) => type !== "message-delta");
  }
}

export const noRules = { projectRules: "" };

/** Re-throws the first expectation that failed inside a scripted turn (call it in afterEach). */
export function rethrowScriptFailures(fake: FakeProviderServer | undefined): void {
  const failure = fake?.failures[0];
  if (failure) throw failure;
}

export async function until<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
