/**
 * The one typed view of Codeyard's environment variables. Everything else receives configuration
 * from here (lint forbids `process.env` elsewhere), so a bad value fails at start with a message
 * naming the variable, not deep inside a request.
 */
import { z } from "zod";

const bytes = z
  .string()
  .regex(/^\d+(\.\d+)?[kmg]?$/i, "use a size like 512m or 2g")
  .transform((value) => {
    const unit = value.slice(-1).toLowerCase();
    const scale = unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1;
    return Math.round(Number.parseFloat(value) * scale);
  });

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  /** Host directory for sandbox sockets, metadata, workspaces and the embedded database. */
  CODEYARD_DATA_DIR: z.string().default("/var/lib/codeyard"),
  /** Identifies this broker among several; sandboxes are labelled with it. */
  CODEYARD_BROKER_ID: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/).default("broker-1"),
  CODEYARD_SANDBOX_IMAGE: z.string().default("codeyard/sandbox:latest"),
  CODEYARD_SANDBOX_NETWORK: z.enum(["none", "allowlist", "full"]).default("full"),
  CODEYARD_SANDBOX_MEMORY: bytes.default(2 * 1024 ** 3),
  CODEYARD_SANDBOX_CPUS: z.coerce.number().positive().max(64).default(1),
  CODEYARD_SANDBOX_PIDS: z.coerce.number().int().min(32).max(65_536).default(512),
  CODEYARD_POOL_SIZE: z.coerce.number().int().min(0).max(64).default(2),
  CODEYARD_IDLE_PAUSE_MINUTES: z.coerce.number().positive().default(10),
  CODEYARD_IDLE_STOP_MINUTES: z.coerce.number().positive().default(60),
  CODEYARD_BROKER_HOST: z.string().default("127.0.0.1"),
  CODEYARD_BROKER_PORT: z.coerce.number().int().min(1).max(65_535).default(4100),
  CODEYARD_WEB_PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  CODEYARD_PUBLIC_URL: z.string().url().default("http://localhost:3000"),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

/** Parses `source` (default: the process environment); throws an EnvError naming each bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new EnvError(`Invalid configuration in the environment: ${problems}`);
  }
  return result.data;
}

let cached: Env | undefined;
/** The process's configuration, parsed once. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
