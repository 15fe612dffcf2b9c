/**
 * The Docker side of `allowlist` egress: where the proxy listens (the internal network's gateway,
 * a host address those sandboxes reach, though Docker forwards nothing out of their network) and
 * which sandbox owns a source address. A sandbox's allowlist travels in its container label, so
 * any broker's proxy on this engine answers for every broker's sandboxes.
 */
import type Docker from "dockerode";
import type { SandboxEgress } from "../driver.js";
import { engineError, LABEL } from "./engine-errors.js";
import { SANDBOX_NETWORKS } from "./networks.js";

/** A source address seen again within this long is answered from the last listing. */
const CACHE_MS = 2000;

export class DockerEgress implements SandboxEgress {
  private byAddress = new Map<string, readonly string[]>();
  private listedAt = 0;
  private listing: Promise<void> | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly networksReady: () => Promise<void>,
  ) {}

  async gateway(): Promise<string> {
    await this.networksReady();
    try {
      const network = await this.docker.getNetwork(SANDBOX_NETWORKS.allowlist).inspect();
      const gateway = (network.IPAM?.Config as { Gateway?: string }[] | undefined)?.find(
        (config) => config.Gateway,
      )?.Gateway;
      if (!gateway) throw new Error(`network ${SANDBOX_NETWORKS.allowlist} has no gateway address`);
      return gateway;
    } catch (error) {
      throw engineError(error, "find the allowlist network's gateway");
    }
  }

  async allowlistOf(address: string): Promise<readonly string[] | null> {
    if (Date.now() - this.listedAt > CACHE_MS || !this.byAddress.has(address)) await this.relist();
    return this.byAddress.get(address) ?? null;
  }

  /** One listing at a time, at most one per 100 ms however many unknown addresses knock. */
  private relist(): Promise<void> {
    if (Date.now() - this.listedAt < 100) return this.listing ?? Promise.resolve();
    this.listing ??= (async () => {
      try {
        const containers = await this.docker.listContainers({
          filters: { network: [SANDBOX_NETWORKS.allowlist], label: [`${LABEL.managed}=true`] },
        });
        const next = new Map<string, readonly string[]>();
        for (const container of containers) {
          const address =
            container.NetworkSettings?.Networks?.[SANDBOX_NETWORKS.allowlist]?.IPAddress;
          if (address) next.set(address, parseAllowlist(container.Labels[LABEL.allowlist]));
        }
        this.byAddress = next;
        this.listedAt = Date.now();
      } finally {
        this.listing = undefined;
      }
    })();
    return this.listing;
  }
}

function parseAllowlist(label: string | undefined): readonly string[] {
  try {
    const parsed: unknown = JSON.parse(label ?? "[]");
    return Array.isArray(parsed)
      ? parsed.filter((entry): entry is string => typeof entry === "string")
      : [];
  } catch {
    return [];
  }
}
