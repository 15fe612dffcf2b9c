/** Ports listening in a sandbox, read with `ss` (iproute2 is in the sandbox image). */
import type { SandboxClient } from "@codeyard/sandbox";

/**
 * Docker's embedded DNS resolver listens on this address, on a random port, inside every sandbox
 * on a user-defined network: no app of the user's.
 */
const DOCKER_DNS = "127.0.0.11";

/** Ports from `ss -ltnH` output, without duplicates (IPv4 and IPv6 of one app) and Docker's DNS. */
export function parseListeningPorts(ssOutput: string): number[] {
  const ports = new Set<number>();
  for (const line of ssOutput.split("\n")) {
    const local = line.trim().split(/\s+/)[3];
    if (local?.startsWith(`${DOCKER_DNS}:`)) continue;
    const port = Number(local?.slice(local.lastIndexOf(":") + 1));
    if (Number.isInteger(port) && port > 0 && port <= 65_535) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}

export async function listeningPorts(client: SandboxClient): Promise<number[]> {
  const result = await client.exec({ argv: ["ss", "-ltnH"], timeoutMs: 5000, maxOutputBytes: 256 * 1024 });
  return result.exitCode === 0 ? parseListeningPorts(result.stdout) : [];
}
