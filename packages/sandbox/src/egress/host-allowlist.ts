/**
 * Which destinations the egress proxy lets an `allowlist` sandbox reach: host names from the
 * project's allowlist (`packages.example.com`, or `*.example.com` for its subdomains), and never an
 * address of this machine or a link-local one (cloud metadata services), whatever the list says.
 */
import { isIP } from "node:net";

const HOST_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Lower case without a trailing dot; null when `host` is neither a host name nor an IP address. */
export function normalizeHost(host: string): string | null {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  const lower = bare.toLowerCase().replace(/\.$/, "");
  if (isIP(lower)) return lower;
  return lower.length <= 253 && HOST_NAME.test(lower) ? lower : null;
}

/** True when `host` (already normalized) is listed, or is a subdomain of a `*.` entry. */
export function isHostAllowed(host: string, allowlist: readonly string[]): boolean {
  return allowlist.some((entry) => {
    const pattern = entry.toLowerCase().replace(/\.$/, "");
    if (pattern.startsWith("*."))
      return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
    return host === pattern;
  });
}

/** Loopback, unspecified, link-local and multicast addresses: never a destination. */
export function isForbiddenAddress(address: string): boolean {
  const mapped = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  if (isIP(mapped) === 4) {
    const [a = 0, b = 0] = mapped.split(".").map(Number);
    return a === 127 || a === 0 || (a === 169 && b === 254) || a >= 224;
  }
  return mapped === "::1" || mapped === "::" || /^fe[89ab]/.test(mapped) || mapped.startsWith("ff");
}
