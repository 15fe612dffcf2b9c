import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckpointCapture, CheckpointRefs, SandboxManager } from "../src/index.js";
import { driver, openManager, removeAll, testOwner, until } from "./fixture.js";

const owner = testOwner("checkpoints");
let manager: SandboxManager;
const checkpoints: CheckpointRefs[] = [];
let sequence = 0;

beforeAll(async () => {
  // A low layer limit, so compaction shows within a short chain (the image has 2 layers).
  manager = await openManager(owner, { checkpoints: { maxEnvironmentLayers: 3 } });
});
afterAll(async () => {
  await manager?.close();
  await removeAll(owner);
  for (const refs of checkpoints) await manager?.deleteCheckpoint(refs).catch(() => undefined);
  const images = await driver.docker.listImages({ filters: { label: [`dev.codeyard.env.owner=${owner}`] } });
  for (const image of images) await driver.docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
});

async function sh(id: string, shell: string): Promise<string> {
  const client = await manager.client(id);
  const result = await client.exec({ shell, timeoutMs: 60_000 });
  if (result.exitCode !== 0) throw new Error(`\`${shell}\` exited ${result.exitCode}: ${result.stderr}`);
  return result.stdout;
}

async function checkpoint(id: string, previousEnvironmentRef?: string | null): Promise<CheckpointCapture> {
  const capture = await manager.checkpoint(id, { name: `t${Date.now().toString(36)}-${++sequence}`, previousEnvironmentRef });
  checkpoints.push(capture);
  return capture;
}

/** Every entry's path, type, mode, link target and mtime, and every file's content, as one hash. */
const TREE_HASH = `cd /workspace && { find . -printf '%P\\t%y\\t%m\\t%l\\t%T@\\n' | LC_ALL=C sort; find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum; } | sha256sum`;

/** A tiny npm package, packed and installed globally under ~/.local: a real install outside /workspace, offline. */
function installTool(name: string): string {
  return `set -e; d=$(mktemp -d); cd "$d"
    printf '{"name":"${name}","version":"1.0.0","bin":{"${name}":"cli.js"}}' > package.json
    printf '#!/usr/bin/env node\\nconsole.log("${name} works")\\n' > cli.js
    npm pack --silent >/dev/null
    npm install --global --prefix "$HOME/.local" --offline --no-audit --no-fund --silent ./${name}-1.0.0.tgz >/dev/null`;
}

async function httpGet(id: string, port: number, path: string): Promise<string> {
  return sh(id, `exec 3<>/dev/tcp/127.0.0.1/${port}; printf 'GET ${path} HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3`);
}

async function imageLayers(ref: string): Promise<number> {
  return (await driver.docker.getImage(ref).inspect()).RootFS.Layers?.length ?? 0;
}

/** How long a dev server may take to answer after it was (re)started. */
const SERVER_START_MS = 30_000;

describe("checkpoints", () => {
  it("rewinds the workspace to byte-identical files", async () => {
    const { id } = await manager.create({ projectId: "p-rewind" });
    await sh(
      id,
      `mkdir -p src/deep/er && echo 'export const a = 1;' > src/a.ts && head -c 3000000 /dev/urandom > src/deep/er/blob.bin
       printf '#!/bin/sh\\necho run\\n' > run.sh && chmod 755 run.sh && ln -s src/a.ts link.ts && : > empty`,
    );
    const before = await sh(id, TREE_HASH);
    const capture = await checkpoint(id);
    expect(capture).toMatchObject({ workspaceRef: expect.stringMatching(/^ck-/), environmentRef: null, environmentChanged: false, processes: [] });

    await sh(id, `echo changed > src/a.ts && rm -r src/deep && echo new > new.txt && chmod 600 run.sh && rm link.ts`);
    expect(await sh(id, TREE_HASH)).not.toBe(before);

    await manager.restore(id, capture);
    expect(manager.info(id)?.state).toBe("running");
    expect(await sh(id, TREE_HASH)).toBe(before);
    expect(await sh(id, "./run.sh && cat link.ts")).toBe("run\nexport const a = 1;\n");
    // A checkpoint is read-only: writing to the restored workspace leaves it untouched.
    await sh(id, "echo again > src/a.ts");
    await manager.restore(id, capture);
    expect(await sh(id, TREE_HASH)).toBe(before);
    await manager.remove(id);
  });

  it("captures the environment only when it changed, and restores it", async () => {
    const { id } = await manager.create({ projectId: "p-env" });
    const clean = await checkpoint(id);
    expect(clean).toMatchObject({ environmentRef: null, environmentChanged: false });
    // Scratch space and caches are not environment changes.
    await sh(id, "echo scratch > /tmp/x && mkdir -p ~/.cache/tool && echo c > ~/.cache/tool/c");
    expect(await checkpoint(id, null)).toMatchObject({ environmentRef: null, environmentChanged: false });

    await sh(id, installTool("cy-hello"));
    expect(await sh(id, "cy-hello")).toBe("cy-hello works\n");
    const installed = await checkpoint(id, clean.environmentRef);
    expect(installed.environmentChanged).toBe(true);
    expect(installed.environmentRef).toMatch(new RegExp(`^codeyard/env-${id}:`));
    // Unchanged since: the same image, no new commit.
    const again = await checkpoint(id, installed.environmentRef);
    expect(again).toMatchObject({ environmentRef: installed.environmentRef, environmentChanged: false });
    expect(again.durationMs).toBeLessThan(2000);

    await manager.restore(id, clean);
    expect(await sh(id, "command -v cy-hello || echo missing")).toBe("missing\n");
    expect(manager.info(id)?.image).toBe("codeyard/sandbox:latest");

    await manager.restore(id, installed);
    expect(await sh(id, "cy-hello")).toBe("cy-hello works\n");
    expect(manager.info(id)?.image).toBe(installed.environmentRef);
    // The container now runs that environment image unchanged: nothing to commit.
    expect(await checkpoint(id, installed.environmentRef)).toMatchObject({ environmentRef: installed.environmentRef, environmentChanged: false });
    // A restarted broker re-adopts it with its environment.
    const restarted = await openManager(owner);
    expect(restarted.info(id)).toMatchObject({ image: installed.environmentRef, state: "running" });
    await restarted.close();
    await manager.remove(id);
  });

  it("forks a checkpoint into a sandbox that runs independently of its parent", async () => {
    const { id: parent } = await manager.create({ projectId: "p-fork" });
    await sh(parent, "echo shared > shared.txt");
    const capture = await checkpoint(parent);
    const fork = await manager.fork(capture, { projectId: "p-fork-child" });
    expect(fork).toMatchObject({ state: "running", projectId: "p-fork-child", image: "codeyard/sandbox:latest" });
    expect(fork.id).not.toBe(parent);
    expect(await sh(fork.id, "cat shared.txt")).toBe("shared\n");

    await sh(fork.id, "echo from-fork > fork.txt && echo fork-edit > shared.txt");
    await sh(parent, "echo from-parent > parent.txt");
    expect(await sh(parent, "ls; cat shared.txt")).toBe("parent.txt\nshared.txt\nshared\n");
    expect(await sh(fork.id, "ls; cat shared.txt")).toBe("fork.txt\nshared.txt\nfork-edit\n");
    // Several attempts from one checkpoint.
    const siblings = await Promise.all([1, 2, 3].map((n) => manager.fork(capture, { projectId: `p-attempt-${n}` })));
    expect(new Set(siblings.map((info) => info.id)).size).toBe(3);
    for (const sibling of siblings) expect(await sh(sibling.id, "ls")).toBe("shared.txt\n");
    for (const info of [...siblings, fork]) await manager.remove(info.id);
    await manager.remove(parent);
  });

  // A Python server's start can take more than 10 s on a loaded 2-core CI machine (the full suite runs beside it).
  it("records listening processes and starts them again after a restore and in a fork", { timeout: 150_000 }, async () => {
    const { id } = await manager.create({ projectId: "p-procs" });
    await sh(id, "mkdir site && echo served > site/marker.txt");
    // A dev server started in a terminal, as a user or an agent does.
    const terminal = await (await manager.client(id)).openTerminal({ cols: 120, rows: 30 });
    let output = terminal.screen;
    terminal.on("data", (chunk) => (output += chunk.toString("utf8")));
    // Type once the shell shows its prompt, and leave once the server says it is serving.
    await until(() => output.includes("$"), SERVER_START_MS, "the shell's prompt");
    await terminal.write("cd site && PORT_NOTE=kept python3 -m http.server 8123\r");
    await until(() => output.includes("Serving HTTP"), SERVER_START_MS, "http.server's banner");
    terminal.detach();
    await until(async () => (await httpGet(id, 8123, "/marker.txt").catch(() => "")).includes("served"), SERVER_START_MS, "http.server");
    const capture = await checkpoint(id);
    expect(capture.processes).toEqual([
      { command: "python3 -m http.server 8123", cwd: "/workspace/site", port: 8123, env: expect.objectContaining({ PORT_NOTE: "kept" }) },
    ]);

    await sh(id, "pkill -f '^python3 -m http' ; echo changed > site/marker.txt");
    await manager.restore(id, capture);
    await until(async () => (await httpGet(id, 8123, "/marker.txt").catch(() => "")).includes("served"), SERVER_START_MS, "http.server after restore");
    expect(await sh(id, "tr '\\0' '\\n' < /proc/$(pgrep -f '^python3 -m http')/environ | grep PORT_NOTE")).toBe("PORT_NOTE=kept\n");

    const fork = await manager.fork(capture, { projectId: "p-procs-fork" });
    await until(async () => (await httpGet(fork.id, 8123, "/marker.txt").catch(() => "")).includes("served"), SERVER_START_MS, "http.server in the fork");
    await manager.remove(fork.id);
    await manager.remove(id);
  });

  it("keeps a long environment chain working by flattening deep images", async () => {
    const { id } = await manager.create({ projectId: "p-chain" });
    await sh(id, `echo chain > chain.txt && ${installTool("cy-gen1")}`);
    const gen1 = await checkpoint(id);
    expect(await imageLayers(gen1.environmentRef!)).toBe(3);
    await manager.remove(id);

    // Committing on top of gen1 makes 4 layers, past the limit of 3: flattened to one.
    const second = await manager.fork(gen1, { projectId: "p-chain-2" });
    await sh(second.id, installTool("cy-gen2"));
    const gen2 = await checkpoint(second.id, gen1.environmentRef);
    expect(gen2.environmentChanged).toBe(true);
    expect(await imageLayers(gen2.environmentRef!)).toBe(1);
    await manager.remove(second.id);

    const third = await manager.fork(gen2, { projectId: "p-chain-3" });
    // The flattened image kept its config (user, PATH, labels): nothing changed, nothing committed.
    expect(await checkpoint(third.id, gen2.environmentRef)).toMatchObject({ environmentRef: gen2.environmentRef, environmentChanged: false });
    await sh(third.id, installTool("cy-gen3"));
    const gen3 = await checkpoint(third.id, gen2.environmentRef);
    expect(await imageLayers(gen3.environmentRef!)).toBe(2);
    await manager.remove(third.id);

    const last = await manager.fork(gen3, { projectId: "p-chain-4" });
    expect(await sh(last.id, "whoami; cat chain.txt; cy-gen1; cy-gen2; cy-gen3")).toBe("coder\nchain\ncy-gen1 works\ncy-gen2 works\ncy-gen3 works\n");
    await manager.remove(last.id);
  }, 240_000);

  it("diffs two workspaces: added, modified, deleted, binary; bounded, without following symlinks", async () => {
    const { id } = await manager.create({ projectId: "p-diff" });
    await sh(id, `printf 'one\\ntwo\\nthree\\n' > mod.txt && echo gone > del.txt && mkdir -p keep && echo same > keep/same.txt && git init -q . && git add -A`);
    const from = await checkpoint(id);
    await sh(id, `printf 'one\\n2\\nthree\\nfour\\n' > mod.txt && rm del.txt && printf 'a\\nb\\n' > 'new file.txt' && head -c 100 /dev/zero > bin.dat && ln -s /etc/passwd secret && git add -A`);
    const to = await checkpoint(id);

    const diff = await manager.diffWorkspaces(from.workspaceRef, to.workspaceRef);
    const byPath = Object.fromEntries(diff.files.map((file) => [file.path, file]));
    expect(Object.keys(byPath).sort()).toEqual(["bin.dat", "del.txt", "mod.txt", "new file.txt", "secret"]);
    expect(byPath["mod.txt"]).toEqual({ path: "mod.txt", status: "modified", added: 2, removed: 1, binary: false });
    expect(byPath["del.txt"]).toEqual({ path: "del.txt", status: "deleted", added: 0, removed: 1, binary: false });
    expect(byPath["new file.txt"]).toEqual({ path: "new file.txt", status: "added", added: 2, removed: 0, binary: false });
    expect(byPath["bin.dat"]).toMatchObject({ status: "added", binary: true });
    // The symlink is compared as a link: its target path, never the host file it names.
    expect(byPath["secret"]).toMatchObject({ status: "added", added: 1 });
    expect(diff.truncated).toBe(false);
    expect(diff.patch).toContain("diff --git a/mod.txt b/mod.txt\n");
    expect(diff.patch).toContain("--- a/mod.txt\n+++ b/mod.txt\n");
    expect(diff.patch).toContain("-two\n+2\n");
    expect(diff.patch).toContain("--- a/del.txt\n+++ /dev/null\n");
    expect(diff.patch).toContain("+/etc/passwd\n");
    expect(diff.patch).not.toContain("root:");
    expect(diff.patch).not.toContain(".git/");
    expect(diff.patch).not.toContain(from.workspaceRef);

    const live = await manager.diffWorkspaces(to.workspaceRef, id);
    expect(live.files).toEqual([]);
    await sh(id, "echo live > live.txt");
    expect((await manager.diffWorkspaces(to.workspaceRef, id)).files).toEqual([{ path: "live.txt", status: "added", added: 1, removed: 0, binary: false }]);

    const small = await manager.diffWorkspaces(from.workspaceRef, to.workspaceRef, { maxPatchBytes: 200 });
    expect(small.truncated).toBe(true);
    expect(Buffer.byteLength(small.patch)).toBeLessThanOrEqual(200);
    expect(small.files).toHaveLength(5);
    await expect(manager.diffWorkspaces(from.workspaceRef, "ck-missing")).rejects.toMatchObject({ code: "not_found" });
    await manager.remove(id);
  });

  it("deletes checkpoints idempotently and refuses refs that are not checkpoints", async () => {
    const { id } = await manager.create({ projectId: "p-delete" });
    await sh(id, installTool("cy-del"));
    const capture = await checkpoint(id);
    expect(capture.environmentRef).not.toBeNull();
    await expect(manager.checkpoint(id, { name: capture.workspaceRef.slice(3) })).rejects.toMatchObject({ code: "exists" });
    await expect(manager.checkpoint(id, { name: "../escape" })).rejects.toMatchObject({ code: "invalid_request" });

    await manager.deleteCheckpoint(capture);
    await manager.deleteCheckpoint(capture);
    expect(await manager.store.exists(capture.workspaceRef)).toBe(false);
    expect(await driver.environments.labels(capture.environmentRef!)).toBeNull();
    await expect(manager.restore(id, capture)).rejects.toMatchObject({ code: "not_found" });

    await expect(manager.deleteCheckpoint({ workspaceRef: id, environmentRef: null })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(manager.deleteCheckpoint({ workspaceRef: "ck-x", environmentRef: "codeyard/sandbox:latest" })).rejects.toMatchObject({ code: "invalid_request" });
    expect(await manager.store.exists(id)).toBe(true);
    await manager.remove(id);
  });

  it("sweeps away checkpoints nothing refers to any more, once they are old enough", async () => {
    const { id } = await manager.create({ projectId: "p-sweep" });
    await sh(id, installTool("cy-sweep-a"));
    const orphan = await checkpoint(id);
    await sh(id, installTool("cy-sweep-b"));
    const kept = await checkpoint(id, orphan.environmentRef);
    expect(kept.environmentRef).not.toBe(orphan.environmentRef);
    // Everything else on this host (other tests' checkpoints included) counts as referred to.
    const everything = async () => ({
      workspaceRefs: new Set((await manager.store.list("ck-")).map((entry) => entry.name)),
      environmentRefs: new Set((await driver.environments.list()).map((image) => image.ref)),
    });
    const allBut = async (refs: CheckpointRefs) => {
      const inUse = await everything();
      inUse.workspaceRefs.delete(refs.workspaceRef);
      inUse.environmentRefs.delete(refs.environmentRef!);
      return inUse;
    };
    expect(await manager.sweepCheckpoints(await allBut(orphan), 3_600_000)).toEqual({ workspaces: 0, environments: 0 });
    expect(await manager.store.exists(orphan.workspaceRef)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await manager.sweepCheckpoints(await allBut(orphan), 1000)).toEqual({ workspaces: 1, environments: 1 });
    expect(await manager.store.exists(orphan.workspaceRef)).toBe(false);
    expect(await driver.environments.labels(orphan.environmentRef!)).toBeNull();
    expect(await manager.store.exists(kept.workspaceRef)).toBe(true);
    expect(await driver.environments.labels(kept.environmentRef!)).not.toBeNull();
    await manager.remove(id);
  });
});
