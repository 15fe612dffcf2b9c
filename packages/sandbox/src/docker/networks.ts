/**
 * Sandbox networks. `full` is a bridge with inter-container traffic disabled (icc=false), so a
 * sandbox reaches the internet but never another sandbox. `allowlist` sandboxes sit on an internal
 * bridge that Docker forwards nothing out of (icc=false too); the egress proxy (src/egress/),
 * listening on that bridge's gateway address, lets their HTTP(S) through to allowlisted hosts.
 * `none` has no network interface but loopback.
 */
import type Docker from "dockerode";
import type { NetworkMode } from "../types.js";

export const SANDBOX_NETWORKS = {
  full: "codeyard-sandboxes",
  allowlist: "codeyard-sandboxes-internal",
} as const;

export function networkNameFor(mode: NetworkMode): string {
  return mode === "none" ? "none" : SANDBOX_NETWORKS[mode];
}

async function ensureNetwork(docker: Docker, name: string, internal: boolean): Promise<void> {
  const existing = await docker.listNetworks({ filters: { name: [name] } });
  if (existing.some((network) => network.Name === name)) return;
  try {
    await docker.createNetwork({
      Name: name,
      Driver: "bridge",
      Internal: internal,
      CheckDuplicate: true,
      Labels: { "dev.codeyard.managed": "true" },
      Options: { "com.docker.network.bridge.enable_icc": "false" },
    });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 409) throw error;
  }
}

export async function ensureSandboxNetworks(docker: Docker): Promise<void> {
  await ensureNetwork(docker, SANDBOX_NETWORKS.full, false);
  await ensureNetwork(docker, SANDBOX_NETWORKS.allowlist, true);
}
