/**
 * `allowlist` sandboxes: no way out of their internal network but the egress proxy, which lets
 * each sandbox reach just the hosts of its own allowlist. The "outside" host is a web server in an
 * ordinary (`full`) sandbox, listed by its IP: Docker forwards nothing between the two networks,
 * while the proxy on the host reaches it like any other address.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_NETWORKS, type SandboxClient, type SandboxManager } from "../src/index.js";
import { driver, openManager, removeAll, testOwner, until } from "./fixture.js";

const owner = testOwner("egress");
let manager: SandboxManager;
let targetUrl: string;
let targetHost: string;
let allowed: SandboxClient;
let unlisted: SandboxClient;
let ordinary: SandboxClient;

/** curl's HTTP status (000 when it got none) and its error text. */
const curl = async (client: SandboxClient, args: string) => {
  const result = await client.exec({
    shell: `curl -sS --max-time 5 -o /tmp/body -w '%{http_code}' ${args}; echo " exit=$?"; cat /tmp/body 2>/dev/null`,
  });
  return `${result.stdout}${result.stderr}`;
};

beforeAll(async () => {
  // A port of its own: other test files' managers hold the default one and may close it any time.
  manager = await openManager(owner, { egressPort: 41_000 + Math.floor(Math.random() * 1000) });
  const outside = await manager.create({ projectId: "p-egress-c", config: { network: "full" } });
  ordinary = await manager.client(outside.id);
  await ordinary.writeFile("index.html", Buffer.from("hello from outside"));
  await ordinary.startProcess({
    command: "python3 -m http.server 8000 --bind 0.0.0.0",
    cwd: "/workspace",
    logName: "web",
  });
  targetHost = (await driver.inspect(outside.id))!.ipAddress!;
  targetUrl = `http://${targetHost}:8000`;
  const [a, b] = await Promise.all([
    manager.create({
      projectId: "p-egress-a",
      config: { network: "allowlist", allowlist: [targetHost, "localhost", "*.example.com"] },
    }),
    manager.create({
      projectId: "p-egress-b",
      config: { network: "allowlist", allowlist: ["example.com"] },
    }),
  ]);
  [allowed, unlisted] = await Promise.all([manager.client(a.id), manager.client(b.id)]);
  await until(
    async () =>
      (await ordinary.exec({ shell: "curl -sf http://127.0.0.1:8000/index.html" })).exitCode === 0,
    10_000,
    "the outside web server",
  );
});
afterAll(async () => {
  await manager?.close();
  await removeAll(owner);
});

describe("allowlist egress", () => {
  it("cannot reach the outside without the proxy (Docker forwards nothing out of its internal network)", async () => {
    const network = await driver.docker.getNetwork(SANDBOX_NETWORKS.allowlist).inspect();
    expect(network.Internal).toBe(true);
    expect(await curl(ordinary, `${targetUrl}/index.html`)).toBe("200 exit=0\nhello from outside");
    expect(await curl(allowed, `--noproxy '*' ${targetUrl}/index.html`)).toMatch(
      /^000 exit=(7|28)/,
    );
  });

  it("reaches a listed host through the proxy, by plain HTTP and through a CONNECT tunnel", async () => {
    expect(await curl(allowed, `${targetUrl}/index.html`)).toBe("200 exit=0\nhello from outside");
    expect(await curl(allowed, `--proxytunnel ${targetUrl}/index.html`)).toBe(
      "200 exit=0\nhello from outside",
    );
  });

  it("refuses hosts that are not on the sandbox's own allowlist, saying how to allow them", async () => {
    const plain = await curl(unlisted, `${targetUrl}/`);
    expect(plain).toMatch(/^403 exit=0/);
    expect(plain).toContain(`${targetHost} is not in this project's network allowlist`);
    const tunnel = await curl(unlisted, `--proxytunnel ${targetUrl}/`);
    expect(tunnel).toMatch(/exit=56/);
    expect(tunnel).toMatch(/CONNECT.*403/i);
  });

  it("never lets a listed name lead to the Codeyard server's own loopback", async () => {
    const result = await curl(allowed, `--noproxy '' http://localhost:4100/healthz`);
    expect(result).toMatch(/^403 exit=0/);
    expect(result).toContain("resolves to 127.0.0.1");
  });

  it("serves no sandbox outside allowlist mode", async () => {
    const proxy = (await allowed.exec({ shell: 'printf %s "$HTTPS_PROXY"' })).stdout;
    expect(proxy).toMatch(/^http:\/\/[\d.]+:\d+$/);
    expect((await ordinary.exec({ shell: 'printf %s "$HTTPS_PROXY"' })).stdout).toBe("");
    const result = await curl(ordinary, `-x ${proxy} ${targetUrl}/`);
    expect(result).toMatch(/^403 exit=0/);
    expect(result).toContain("serves only sandboxes in allowlist network mode");
  });
});
