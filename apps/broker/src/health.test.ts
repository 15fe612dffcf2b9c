import type { AddressInfo } from "node:net";
import { DockerDriver, SandboxManager } from "@codeyard/sandbox";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthReport } from "./health.js";
import { createHttpServer } from "./http-server.js";

const driver = new DockerDriver();
let manager: SandboxManager;
let baseUrl: string;
let close: () => void;

beforeAll(async () => {
  manager = await SandboxManager.open({ driver, dataDir: "/var/lib/codeyard", owner: `test-broker-${process.pid}`, image: "codeyard/sandbox:latest", logger: pino({ level: "silent" }) });
  const server = createHttpServer({ health: () => healthReport(manager, driver, "codeyard/sandbox:latest"), logger: pino({ level: "silent" }) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(async () => {
  close?.();
  for (const info of manager?.list() ?? []) await manager.remove(info.id);
  await manager?.close();
});

describe("broker HTTP", () => {
  it("reports health with the engine version and sandbox counts", async () => {
    const created = await manager.create({ projectId: "p-health" });
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as { engine: { version: string } };
    expect(report).toMatchObject({ status: "ok", engine: { reachable: true }, workspaceStore: expect.stringMatching(/btrfs|directory/), sandboxes: { total: 1, running: 1 } });
    expect(report.engine.version).toMatch(/^\d+\.\d+/);
    await manager.remove(created.id);
  });

  it("answers unknown routes with a typed error", async () => {
    const response = await fetch(`${baseUrl}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: "not_found", message: "No route for GET /nope." });
  });
});
