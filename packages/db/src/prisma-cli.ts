/** Runs the Prisma CLI (the version this package pins) with this package's config. */
import { spawn } from "node:child_process";
import { DbError } from "./errors.js";
import { PACKAGE_DIR, PRISMA_CONFIG, prismaCli } from "./paths.js";
import { redactUrl } from "./url.js";

export interface RunPrismaOptions {
  /** Database to work on; the config reads it from CODEYARD_DATABASE_URL. */
  url?: string;
  /** What the call does, for the error message ("applying migrations"). */
  what: string;
}

/** Resolves with the CLI's stdout; rejects with a DbError carrying its output when it fails. */
export function runPrisma(args: string[], options: RunPrismaOptions): Promise<string> {
  // The child gets this process's environment (PATH, CODEYARD_*), with the database URL set.
  // eslint-disable-next-line no-restricted-properties -- passed through to the CLI, not read here
  const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
  if (options.url) env.CODEYARD_DATABASE_URL = options.url;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli(), ...args, "--config", PRISMA_CONFIG], {
      cwd: PACKAGE_DIR,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error) => reject(new DbError("migration_failed", `Could not run the Prisma CLI (${options.what}): ${error.message}`, { cause: error })));
    child.on("close", (code) => {
      if (code === 0) return resolve(stdout);
      const target = options.url ? ` on ${redactUrl(options.url)}` : "";
      const output = `${stderr}\n${stdout}`.trim().split("\n").slice(-30).join("\n");
      reject(new DbError("migration_failed", `Prisma failed ${options.what}${target} (exit ${code}):\n${output}`));
    });
  });
}
