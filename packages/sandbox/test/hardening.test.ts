import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SandboxClient, type SandboxManager } from "../src/index.js";
import { driver, openManager, removeAll, testOwner } from "./fixture.js";

const owner = testOwner("hardening");
let manager: SandboxManager;
let client: SandboxClient;
let sandboxId: string;

beforeAll(async () => {
  manager = await openManager(owner);
  const info = await manager.create({
    projectId: "p-hard",
    config: { network: "none", limits: { memoryBytes: 256 * 1024 ** 2, cpus: 0.5, pids: 64 } },
  });
  sandboxId = info.id;
  client = await manager.client(info.id);
});
afterAll(async () => {
  await manager?.close();
  await removeAll(owner);
});

describe("sandbox hardening", () => {
  it("runs as a non-root user with no capabilities and no way to gain privileges", async () => {
    const result = await client.exec({ shell: "id -u; grep -E '^(CapEff|CapPrm|CapBnd|NoNewPrivs)' /proc/self/status" });
    const [uid, ...caps] = result.stdout.trim().split("\n");
    expect(uid).toBe("1000");
    expect(caps).toEqual(["CapPrm:\t0000000000000000", "CapEff:\t0000000000000000", "CapBnd:\t0000000000000000", "NoNewPrivs:\t1"]);
  });

  it("has no Docker socket and cannot write outside its own directories", async () => {
    const result = await client.exec({ shell: "ls /var/run/docker.sock /run/docker.sock 2>&1; touch /etc/x 2>&1; touch /opt/codeyard/x 2>&1; true" });
    expect(result.stdout).toMatch(/docker\.sock'?: No such file/);
    expect(result.stdout).toMatch(/\/etc\/x'?: Permission denied/);
    expect(result.stdout).toMatch(/\/opt\/codeyard\/x'?: Read-only file system/);
  });

  it("applies the memory, CPU and process limits", async () => {
    const inspected = await driver.docker.getContainer(`codeyard-${sandboxId}`).inspect();
    expect(inspected.HostConfig).toMatchObject({
      Memory: 256 * 1024 ** 2,
      MemorySwap: 256 * 1024 ** 2,
      NanoCpus: 0.5e9,
      PidsLimit: 64,
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges:true"],
      Privileged: false,
      NetworkMode: "none",
    });
  });

  it("contains a fork bomb and reports it as a clear error", async () => {
    const result = await client.exec({ shell: "bomb() { bomb | bomb & }; bomb; sleep 3", timeoutMs: 20_000 });
    expect(result.limitHit).toBe("pids");
    expect(result.message).toMatch(/process limit \(64\)/);
    // The sandbox survives and works once the bomb's process group is gone.
    const after = await client.exec({ argv: ["echo", "alive"] });
    expect(after.stdout).toBe("alive\n");
  });

  it("contains a memory hog and reports it as a clear error", async () => {
    const result = await client.exec({ argv: ["python3", "-c", "x = bytearray(1024 * 1024 * 1024); print('allocated')"], timeoutMs: 30_000 });
    expect(result.stdout).not.toContain("allocated");
    expect(result.limitHit).toBe("memory");
    expect(result.message).toMatch(/ran out of memory \(256 MiB\)/);
    expect((await client.hello()).version).toBe(1);
  });

  it("has only loopback in network mode none", async () => {
    const result = await client.exec({ shell: "ls /sys/class/net" });
    expect(result.stdout.trim().split("\n")).toEqual(["lo"]);
  });
});

describe("sandbox networks", () => {
  it("lets a sandbox reach itself but never another sandbox", async () => {
    const [a, b] = await Promise.all([manager.create({ projectId: "p-net-a" }), manager.create({ projectId: "p-net-b" })]);
    const clientA = await manager.client(a.id);
    const clientB = await manager.client(b.id);
    const ipB = (await driver.inspect(b.id))?.ipAddress;
    expect(ipB).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const server = clientB.exec({ argv: ["python3", "-m", "http.server", "8000", "--bind", "0.0.0.0"], timeoutMs: 15_000 }).catch(() => undefined);
    const probe = `python3 -c "import socket; s = socket.create_connection(('${ipB}', 8000), timeout=2); print('connected')"`;
    // Control: B reaches its own server on that address, so the server really listens there.
    let self = await clientB.exec({ shell: probe });
    for (let i = 0; i < 20 && !self.stdout.includes("connected"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      self = await clientB.exec({ shell: probe });
    }
    expect(self.stdout).toContain("connected");
    const cross = await clientA.exec({ shell: probe });
    expect(cross.stdout).not.toContain("connected");
    expect(cross.exitCode).not.toBe(0);
    await manager.remove(b.id);
    await server;
    await manager.remove(a.id);
  });
});
