/**
 * Prepares the read-only directory mounted at /opt/codeyard in every sandbox: sandboxd bundled
 * into one file, plus the broker's own Node binary to run it. Because the daemon ships with the
 * broker (not baked into the image), both always speak the same protocol version; the directory is
 * named by a content hash so running sandboxes keep the version they started with.
 */
import { createHash } from "node:crypto";
import { copyFile, link, mkdir, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export interface RuntimeBundle {
  dir: string;
  hash: string;
}

let bundled: Promise<string> | undefined;

function bundleDaemon(): Promise<string> {
  bundled ??= build({
    entryPoints: [fileURLToPath(new URL("./daemon/main.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    minify: true,
    legalComments: "none",
    logLevel: "silent",
  }).then((result) => result.outputFiles[0]!.text);
  return bundled;
}

export async function prepareRuntime(dataDir: string): Promise<RuntimeBundle> {
  const code = await bundleDaemon();
  const hash = createHash("sha256").update(code).update(process.version).digest("hex").slice(0, 12);
  const dir = join(dataDir, "runtime", hash);
  if (await stat(join(dir, "bin", "node")).catch(() => null)) return { dir, hash };
  const staging = `${dir}.${process.pid}.tmp`;
  await mkdir(join(staging, "bin"), { recursive: true });
  await writeFile(join(staging, "sandboxd.cjs"), code, { mode: 0o644 });
  await link(process.execPath, join(staging, "bin", "node")).catch(() => copyFile(process.execPath, join(staging, "bin", "node")));
  await rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
  });
  return { dir, hash };
}
