/** Naming and error mapping shared by the Docker modules. */
import { SandboxError } from "../errors.js";

/** Labels of every sandbox container. */
export const LABEL = {
  managed: "dev.codeyard.managed",
  owner: "dev.codeyard.owner",
  sandbox: "dev.codeyard.sandbox",
  network: "dev.codeyard.network",
  /** JSON list of the hosts an `allowlist` sandbox may reach (read by the egress proxy). */
  allowlist: "dev.codeyard.allowlist",
} as const;

/** Docker container name for a sandbox id. */
export const containerName = (id: string) => `codeyard-${id}`;

interface DockerApiError {
  statusCode?: number;
  message?: string;
  code?: string;
}

export function statusOf(error: unknown): number | undefined {
  return (error as DockerApiError).statusCode;
}

/** Turns Engine API failures into errors a user can act on. */
export function engineError(error: unknown, action: string): SandboxError {
  const e = error as DockerApiError;
  if (e.code === "ENOENT" || e.code === "ECONNREFUSED" || e.code === "EACCES") {
    return new SandboxError("engine_unavailable", `The Docker engine is not reachable (${e.code}) while trying to ${action}. Start it with \`npm run up\`.`, { cause: error });
  }
  if (e.statusCode === 404 && /image/i.test(e.message ?? "")) {
    return new SandboxError("image_missing", `The sandbox image is missing (${e.message}). Build it with \`npm run up\`.`, { cause: error });
  }
  return new SandboxError("internal", `Docker failed to ${action}: ${e.message ?? String(error)}`, { cause: error });
}
