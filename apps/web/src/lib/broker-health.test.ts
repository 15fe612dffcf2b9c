import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { brokerBaseUrl, describeBrokerHealth, fetchBrokerHealth } from "./broker-health";

const BASE = "http://127.0.0.1:4100";
const healthy = {
  status: "ok",
  version: "0.1.0",
  engine: { reachable: true, version: "20.10.24" },
  image: "codeyard/sandbox:latest",
  sandboxes: { total: 3, running: 2, paused: 0, stopped: 1, pooled: 2 },
  workspaceStore: "btrfs",
};
const respond = (body: unknown, httpStatus = 200) =>
  ({ kind: "response", httpStatus, body: typeof body === "string" ? body : JSON.stringify(body) }) as const;

describe("brokerBaseUrl", () => {
  it("builds the URL from host and port, bracketing IPv6 hosts", () => {
    expect(brokerBaseUrl({ CODEYARD_BROKER_HOST: "127.0.0.1", CODEYARD_BROKER_PORT: 4100 })).toBe(BASE);
    expect(brokerBaseUrl({ CODEYARD_BROKER_HOST: "::1", CODEYARD_BROKER_PORT: 4100 })).toBe("http://[::1]:4100");
  });
});

describe("describeBrokerHealth", () => {
  it("summarises a healthy report", () => {
    const view = describeBrokerHealth(BASE, respond(healthy));
    expect(view.tone).toBe("ok");
    expect(view.message).toBe("Connected to the session broker at http://127.0.0.1:4100.");
    expect(view.facts).toEqual([
      { label: "Broker", value: "v0.1.0" },
      { label: "Docker engine", value: "reachable, v20.10.24" },
      { label: "Sandbox image", value: "codeyard/sandbox:latest" },
      { label: "Sandboxes", value: "2 running, 0 paused, 1 stopped (3 total)" },
      { label: "Warm pool", value: "2 ready" },
      { label: "Workspace store", value: "btrfs" },
    ]);
  });

  it("accepts extra fields from a newer broker", () => {
    expect(describeBrokerHealth(BASE, respond({ ...healthy, uptimeSeconds: 12 })).tone).toBe("ok");
  });

  it("warns when the broker cannot reach the Docker engine, even on HTTP 503", () => {
    const view = describeBrokerHealth(BASE, respond({ ...healthy, status: "degraded", engine: { reachable: false } }, 503));
    expect(view.tone).toBe("warn");
    expect(view.title).toBe("Docker engine unreachable");
    expect(view.message).toContain("cannot reach the Docker engine");
    expect(view.message).toContain("`npm run up`");
    expect(view.facts).toContainEqual({ label: "Docker engine", value: "unreachable" });
  });

  it("warns on a status other than ok", () => {
    const view = describeBrokerHealth(BASE, respond({ ...healthy, status: "draining" }));
    expect(view.tone).toBe("warn");
    expect(view.message).toContain('reports status "draining"');
  });

  it("names the first bad field of an invalid report", () => {
    const view = describeBrokerHealth(BASE, respond({ ...healthy, sandboxes: { ...healthy.sandboxes, running: -1 } }));
    expect(view.tone).toBe("error");
    expect(view.title).toBe("Unexpected answer from the broker");
    expect(view.facts).toContainEqual({ label: "HTTP status", value: "200" });
    expect(view.facts.find((fact) => fact.label === "Problem")?.value).toMatch(/^sandboxes\.running: /);
  });

  it("rejects a body that is not JSON", () => {
    const view = describeBrokerHealth(BASE, respond("<html>502 Bad Gateway</html>", 502));
    expect(view.tone).toBe("error");
    expect(view.facts).toEqual([
      { label: "HTTP status", value: "502" },
      { label: "Problem", value: "not a JSON health report" },
    ]);
  });

  it("tells the reader how to start Codeyard when the connection is refused", () => {
    const error = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    const view = describeBrokerHealth(BASE, { kind: "error", error });
    expect(view.tone).toBe("error");
    expect(view.message).toBe("The session broker is not reachable at http://127.0.0.1:4100 — start Codeyard with `npm run up`.");
    expect(view.facts).toEqual([{ label: "Reason", value: "connection refused" }]);
  });

  it("reports a timeout in seconds", () => {
    const error = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    const view = describeBrokerHealth(BASE, { kind: "error", error }, 2_000);
    expect(view.facts).toEqual([{ label: "Reason", value: "no answer within 2 s" }]);
  });
});

describe("fetchBrokerHealth", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("reads /healthz from a live broker", async () => {
    const paths: string[] = [];
    const base = await serve((req, res) => {
      paths.push(req.url ?? "");
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(healthy));
    });
    const view = await fetchBrokerHealth(base);
    expect(paths).toEqual(["/healthz"]);
    expect(view.tone).toBe("ok");
  });

  it("gives up on a broker that does not answer in time", async () => {
    const base = await serve(() => undefined);
    const started = Date.now();
    const view = await fetchBrokerHealth(base, { timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(view.tone).toBe("error");
    expect(view.facts).toEqual([{ label: "Reason", value: "no answer within 0.2 s" }]);
  });

  it("reports a closed port as unreachable", async () => {
    const base = await serve(() => undefined);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const view = await fetchBrokerHealth(base);
    expect(view.tone).toBe("error");
    expect(view.message).toBe(`The session broker is not reachable at ${base} — start Codeyard with \`npm run up\`.`);
    expect(view.facts).toEqual([{ label: "Reason", value: "connection refused" }]);
  });
});
