import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxClient, SandboxManager } from "../src/index.js";
import { openManager, removeAll, testOwner } from "./fixture.js";

const owner = testOwner("exec");
let manager: SandboxManager;
let client: SandboxClient;

beforeAll(async () => {
  manager = await openManager(owner);
  const info = await manager.create({ projectId: "p-exec" });
  client = await manager.client(info.id);
});
afterAll(async () => {
  await manager?.close();
  await removeAll(owner);
});

describe("exec through sandboxd", () => {
  it("streams stdout and stderr separately and returns the exit code", async () => {
    const streamed: string[] = [];
    const result = await client.exec({
      shell: "echo one; sleep 0.2; echo two >&2; echo three; exit 7",
      onStdout: (chunk) => streamed.push(`out:${chunk}`),
      onStderr: (chunk) => streamed.push(`err:${chunk}`),
    });
    expect(result.exitCode).toBe(7);
    expect(result.stdout).toBe("one\nthree\n");
    expect(result.stderr).toBe("two\n");
    expect(streamed[0]).toBe("out:one\n");
    expect(streamed.join("")).toContain("err:two\n");
  });

  it("runs argv without a shell, in a workspace cwd, with env and stdin", async () => {
    await client.mkdir("sub", { recursive: true });
    const result = await client.exec({ argv: ["sh", "-c", 'pwd; echo "$GREETING"; cat'], cwd: "sub", env: { GREETING: "hi $HOME" }, stdin: "from stdin" });
    expect(result.stdout).toBe("/workspace/sub\nhi $HOME\nfrom stdin");
  });

  it("refuses a cwd outside the workspace", async () => {
    await expect(client.exec({ argv: ["true"], cwd: "../../etc" })).rejects.toMatchObject({ code: "outside_workspace" });
  });

  it("kills a command that exceeds its timeout, with its whole process group", async () => {
    const result = await client.exec({ shell: "sleep 30 & sleep 30; echo never", timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe("SIGKILL");
    expect(result.stdout).toBe("");
    expect(result.message).toMatch(/did not finish within 500 ms/);
    const left = await client.exec({ shell: "pgrep -c sleep || true" });
    expect(left.stdout.trim()).toBe("0");
  });

  it("stops a running command when the caller aborts", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    const result = await client.exec({ shell: "sleep 20", signal: controller.signal });
    expect(result.killed).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("caps output and says it truncated", async () => {
    const result = await client.exec({ shell: "head -c 3000000 /dev/zero | tr '\\0' x", maxOutputBytes: 1000 });
    expect(result.exitCode).toBe(0);
    expect(result.truncated).toBe(true);
    expect(result.stdout).toBe("x".repeat(1000));
  });

  it("passes binary output through untouched and handles many concurrent commands", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => client.exec({ argv: ["sh", "-c", `printf '%s' ${i}`] })));
    expect(results.map((result) => result.stdout)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
  });
});

describe("tcp tunnel through sandboxd", () => {
  it("reaches a loopback-only server inside the sandbox and reports closed ports", async () => {
    const server = client.exec({ argv: ["python3", "-c", "import socket\ns=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', 9123)); s.listen(1)\nc,_=s.accept(); c.sendall(b'echo:' + c.recv(100)); c.close()"], timeoutMs: 20_000 });
    let stream: import("node:stream").Duplex | undefined;
    for (let attempt = 0; attempt < 50 && !stream; attempt++) {
      stream = await client.connectTcp(9123).catch(() => undefined);
      if (!stream) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    stream!.write("ping");
    const reply = await new Promise<string>((resolve) => {
      let text = "";
      stream!.on("data", (chunk: Buffer) => (text += chunk.toString()));
      stream!.on("end", () => resolve(text));
    });
    expect(reply).toBe("echo:ping");
    expect((await server).exitCode).toBe(0);
    await expect(client.connectTcp(9124)).rejects.toMatchObject({ code: "not_found" });
  });
});
