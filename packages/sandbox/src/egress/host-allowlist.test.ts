import { describe, expect, it } from "vitest";
import { isForbiddenAddress, isHostAllowed, normalizeHost } from "./host-allowlist.js";

describe("normalizeHost", () => {
  it("lower-cases names, drops a trailing dot and the brackets of IPv6 literals", () => {
    expect(normalizeHost("Packages.EXAMPLE.com.")).toBe("packages.example.com");
    expect(normalizeHost("[::1]")).toBe("::1");
    expect(normalizeHost("10.0.0.7")).toBe("10.0.0.7");
  });

  it("refuses what is no host name", () => {
    for (const bad of [
      "",
      "a b",
      "evil.com/path",
      "x".repeat(254),
      "-lead.example.com",
      "user@host",
    ])
      expect(normalizeHost(bad)).toBeNull();
  });
});

describe("isHostAllowed", () => {
  const list = ["packages.example.com", "*.mirror.example.org", "10.0.0.7"];

  it("allows listed hosts exactly, and subdomains of wildcard entries", () => {
    expect(isHostAllowed("packages.example.com", list)).toBe(true);
    expect(isHostAllowed("files.mirror.example.org", list)).toBe(true);
    expect(isHostAllowed("a.b.mirror.example.org", list)).toBe(true);
    expect(isHostAllowed("10.0.0.7", list)).toBe(true);
  });

  it("refuses everything else, including look-alikes", () => {
    expect(isHostAllowed("mirror.example.org", list)).toBe(false);
    expect(isHostAllowed("evilmirror.example.org", list)).toBe(false);
    expect(isHostAllowed("packages.example.com.evil.com", list)).toBe(false);
    expect(isHostAllowed("example.com", list)).toBe(false);
    expect(isHostAllowed("packages.example.com", [])).toBe(false);
  });
});

describe("isForbiddenAddress", () => {
  it("forbids this machine, link-local (metadata) and multicast addresses", () => {
    for (const address of [
      "127.0.0.1",
      "127.8.9.1",
      "0.0.0.0",
      "169.254.169.254",
      "224.0.0.1",
      "::1",
      "::",
      "fe80::1",
      "::ffff:127.0.0.1",
      "ff02::1",
    ]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
  });

  it("allows ordinary and private-network addresses (internal mirrors)", () => {
    for (const address of [
      "10.1.2.3",
      "172.18.0.1",
      "192.168.1.10",
      "151.101.0.162",
      "2001:db8::1",
      "::ffff:10.0.0.1",
    ]) {
      expect(isForbiddenAddress(address), address).toBe(false);
    }
  });
});
