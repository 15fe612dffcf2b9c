/**
 * Prepares the read-only directory mounted at /opt/codeyard in every sandbox: sandboxd bundled
 * into one file, plus the broker's own Node binary to run it. Because the daemon ships with the
 * broker (not baked into the image), both always speak the same protocol version; the directory is
 * named by a content hash so running sandboxes keep the version they started with.
 *
 * xterm (for terminals) is a second file, loaded with the first terminal: left in the daemon's
 * bundle, Node would still parse its ~180 KB at every sandbox start (~10 ms of each fork).
 */
import { createHash } from "node:crypto";
import { copyFile, link, mkdir, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions, type Plugin } from "esbuild";

export interface RuntimeBundle {
  dir: string;
  hash: string;
}

const XTERM_FILE = "sandboxd-xterm.cjs";
const common: BuildOptions = { bundle: true, platform: "node", format: "cjs", target: "node20", write: false, minify: true, legalComments: "none", logLevel: "silent" };

/** The daemon's `import("@xterm/...")` loads the separate xterm file next to it. */
const xtermApart: Plugin = {
  name: "xterm-apart",
  setup(plugin) {
    plugin.onResolve({ filter: /^@xterm\/(headless|addon-serialize)$/ }, () => ({ path: `./${XTERM_FILE}`, external: true }));
  },
};

let bundled: Promise<{ daemon: string; xterm: string }> | undefined;

async function buildText(options: BuildOptions): Promise<string> {
  const result = await build({ ...common, ...options });
  return result.outputFiles![0]!.text;
}

function bundleDaemon(): Promise<{ daemon: string; xterm: string }> {
  const here = fileURLToPath(new URL(".", import.meta.url));
  bundled ??= Promise.all([
    buildText({ entryPoints: [fileURLToPath(new URL("./daemon/main.ts", import.meta.url))], plugins: [xtermApart] }),
    buildText({
      stdin: { contents: `export { Terminal } from "@xterm/headless"; export { SerializeAddon } from "@xterm/addon-serialize";`, resolveDir: here, loader: "js" },
    }),
  ]).then(([daemon, xterm]) => ({ daemon, xterm }));
  return bundled;
}

export async function prepareRuntime(dataDir: string): Promise<RuntimeBundle> {
  const code = await bundleDaemon();
  const hash = createHash("sha256").update(code.daemon).update(code.xterm).update(process.version).digest("hex").slice(0, 12);
  const dir = join(dataDir, "runtime", hash);
  if (await stat(join(dir, "bin", "node")).catch(() => null)) return { dir, hash };
  const staging = `${dir}.${process.pid}.tmp`;
  await mkdir(join(staging, "bin"), { recursive: true });
  await writeFile(join(staging, "sandboxd.cjs"), code.daemon, { mode: 0o644 });
  await writeFile(join(staging, XTERM_FILE), code.xterm, { mode: 0o644 });
  await link(process.execPath, join(staging, "bin", "node")).catch(() => copyFile(process.execPath, join(staging, "bin", "node")));
  await rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
  });
  return { dir, hash };
}
