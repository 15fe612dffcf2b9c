import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileChange, SandboxClient, SandboxManager } from "../src/index.js";
import { openManager, removeAll, testOwner, until } from "./fixture.js";

const owner = testOwner("files");
let manager: SandboxManager;
let client: SandboxClient;

beforeAll(async () => {
  manager = await openManager(owner);
  const info = await manager.create({ projectId: "p-files" });
  client = await manager.client(info.id);
});
afterAll(async () => {
  await manager?.close();
  await removeAll(owner);
});

describe("files in /workspace", () => {
  it("writes, reads, stats and lists files, binary-safe", async () => {
    const binary = randomBytes(3 * 1024 * 1024 + 17);
    const written = await client.writeFile("dir/blob.bin", binary, { mkdirs: true });
    expect(written).toMatchObject({ path: "dir/blob.bin", kind: "file", size: binary.length });
    const read = await client.readFile("dir/blob.bin");
    expect(read.content.equals(binary)).toBe(true);
    await client.writeFile("dir/a.txt", "alpha\n");
    expect((await client.list("dir")).map((entry) => [entry.name, entry.kind])).toEqual([
      ["a.txt", "file"],
      ["blob.bin", "file"],
    ]);
    expect(await client.stat("dir")).toMatchObject({ kind: "dir", path: "dir" });
    const shell = await client.exec({ shell: "sha256sum dir/blob.bin | cut -c1-64" });
    const { createHash } = await import("node:crypto");
    expect(shell.stdout.trim()).toBe(createHash("sha256").update(binary).digest("hex"));
  });

  it("makes directories, renames and deletes", async () => {
    await client.mkdir("m/n/o", { recursive: true });
    await client.writeFile("m/n/o/f.txt", "x");
    await client.rename("m/n", "m/renamed");
    expect((await client.readFile("m/renamed/o/f.txt")).content.toString()).toBe("x");
    await expect(client.rename("m/renamed", "dir")).rejects.toMatchObject({ code: "exists" });
    await expect(client.delete("m")).rejects.toMatchObject({ code: "not_empty" });
    await client.delete("m", { recursive: true });
    await expect(client.stat("m")).rejects.toMatchObject({ code: "not_found" });
    await expect(client.delete(".", { recursive: true })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("refuses writes that would overwrite a file changed since it was read", async () => {
    const first = await client.writeFile("conflict.txt", "v1");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await client.exec({ shell: "echo agent-edit > conflict.txt" });
    await expect(client.writeFile("conflict.txt", "v2", { expectedMtimeMs: first.mtimeMs })).rejects.toMatchObject({ code: "conflict" });
    expect((await client.readFile("conflict.txt")).content.toString()).toBe("agent-edit\n");
  });

  it("caps read sizes", async () => {
    await client.exec({ shell: "head -c 2048 /dev/zero > big.bin" });
    await expect(client.readFile("big.bin", { maxBytes: 1024 })).rejects.toMatchObject({ code: "too_large" });
  });

  it("refuses ../ paths and symlinks that lead outside the workspace", async () => {
    await client.exec({ shell: "ln -s /etc/passwd x; ln -s /etc etc-link; ln -s /nonexistent dangling; ln -s dir/a.txt inside-link" });
    for (const path of ["x", "../../etc/passwd", "/etc/passwd", "etc-link/passwd", "dir/../../etc/hosts"]) {
      await expect(client.readFile(path), path).rejects.toMatchObject({ code: "outside_workspace" });
    }
    await expect(client.writeFile("x", "pwned")).rejects.toMatchObject({ code: "outside_workspace" });
    await expect(client.writeFile("etc-link/evil", "pwned")).rejects.toMatchObject({ code: "outside_workspace" });
    await expect(client.writeFile("dangling", "pwned")).rejects.toMatchObject({ code: "outside_workspace" });
    await expect(client.list("etc-link")).rejects.toMatchObject({ code: "outside_workspace" });
    await expect(client.rename("dir/a.txt", "../../tmp/a.txt")).rejects.toMatchObject({ code: "outside_workspace" });
    // A symlink that stays inside is fine, and deleting a link never touches its target.
    expect((await client.readFile("inside-link")).content.toString()).toBe("alpha\n");
    expect(await client.stat("x")).toMatchObject({ kind: "symlink" });
    await client.delete("x");
    expect((await client.exec({ shell: "test -f /etc/passwd && echo kept" })).stdout).toBe("kept\n");
  });

  it("watches for changes made by anyone in the sandbox", async () => {
    const seen: FileChange[] = [];
    const watcher = await client.watch(undefined, (changes) => seen.push(...changes));
    await client.exec({ shell: "mkdir -p w && echo 1 > w/new.txt" });
    await until(() => seen.some((change) => change.path === "w/new.txt"), 5000, "watch event");
    // A file replaced by an atomic save keeps being watched, and new folders are watched too.
    await client.writeFile("w/new.txt", "saved atomically");
    seen.length = 0;
    await client.exec({ shell: "echo more >> w/new.txt && mkdir -p w/deeper && echo x > w/deeper/f.txt" });
    await until(() => seen.some((change) => change.path === "w/new.txt"), 5000, "change after an atomic save");
    await until(() => seen.some((change) => change.path === "w/deeper/f.txt"), 5000, "change in a new folder");
    expect(seen.some((change) => /codeyard-\d+/.test(change.path))).toBe(false);
    watcher.close();
  });

  it("searches with ripgrep and caps the results", async () => {
    await client.writeFile("src/one.ts", "const needle = 1;\nneedle();\n", { mkdirs: true });
    await client.writeFile("src/two.ts", "// NEEDLE here\n");
    const insensitive = await client.search({ query: "needle", path: "src" });
    expect(insensitive.matches.map((match) => `${match.path}:${match.line}:${match.column}`).sort()).toEqual(["src/one.ts:1:7", "src/one.ts:2:1", "src/two.ts:1:4"]);
    const capped = await client.search({ query: "needle", path: "src", maxResults: 1 });
    expect(capped.matches).toHaveLength(1);
    expect(capped.truncated).toBe(true);
    await expect(client.search({ query: "(", regex: true })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("answers malformed requests with a typed error and keeps serving", async () => {
    const { DaemonCall } = await import("../src/client/daemon-call.js");
    const call = await DaemonCall.open(client.socketPath, { op: "fs-read", path: "" } as never);
    await expect(call.next()).rejects.toMatchObject({ code: "invalid_request" });
    call.close();
    expect((await client.hello()).version).toBe(1);
  });
});
