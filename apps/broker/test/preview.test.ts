import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";
import { startTestBroker, until, type TestWorld } from "./fixture.js";

let world: TestWorld;
beforeAll(async () => {
  world = await startTestBroker({ name: "preview" });
});
afterAll(() => world?.stop());

/** GET through the preview proxy on 127.0.0.1 with a chosen Host header (no DNS needed). */
function get(url: string, cookie?: string): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const target = new URL(url);
  const proxy = new URL(world.broker.previewUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: proxy.port, path: target.pathname + target.search, headers: { host: target.host, ...(cookie ? { cookie } : {}) } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("app preview", () => {
  it("finds a server listening in the sandbox and serves it on its own origin, with a capability link", async () => {
    const client = new TestClient(world.url, world.userA.token);
    await client.connected();
    await client.join(world.sessionA);
    await client.ok("file-write", { sessionId: world.sessionA, path: "site/index.html", content: "<h1>Hello from the sandbox</h1>" });
    const { terminal } = await client.ok("terminal-open", { sessionId: world.sessionA, cols: 100, rows: 30 });
    // Bound to loopback inside the sandbox: reachable only through the daemon tunnel.
    await client.ok("terminal-input", { sessionId: world.sessionA, terminalId: terminal.id, data: "cd site && python3 -m http.server 8000 --bind 127.0.0.1\r" });
    const list = await until(async () => {
      const reply = await client.ok("preview-list", { sessionId: world.sessionA });
      return reply.ports.some((entry) => entry.port === 8000) && reply;
    }, 15_000, "port 8000 listening");
    const entry = list.ports.find((candidate) => candidate.port === 8000)!;
    expect(new URL(entry.url).hostname).toMatch(/^8000-s[0-9a-f]+\.preview\.localhost$/);

    // Without the link's token: refused.
    const bare = new URL(entry.url);
    bare.search = "";
    expect((await get(bare.toString())).status).toBe(401);
    // The link sets a cookie scoped to this preview origin, then the app is served.
    const first = await get(entry.url);
    expect(first.status).toBe(302);
    const cookie = String(first.headers["set-cookie"]).split(";")[0]!;
    const page = await get(bare.toString(), cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Hello from the sandbox");
    // A token for one port does not open another.
    const other = new URL(bare);
    other.hostname = other.hostname.replace(/^8000-/, "8001-");
    expect((await get(other.toString(), cookie.replace("_8000=", "_8001="))).status).toBe(401);
    // Path-mode fallback.
    const viaPath = await get(entry.pathUrl);
    expect(viaPath.status).toBe(302);
    const pathCookie = String(viaPath.headers["set-cookie"]).split(";")[0]!;
    expect((await get(String(viaPath.headers.location).startsWith("/") ? `${world.broker.previewUrl}${viaPath.headers.location}` : String(viaPath.headers.location), pathCookie)).body).toContain("Hello from the sandbox");
    client.close();
  });
});
