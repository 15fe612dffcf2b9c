import { describe, expect, it } from "vitest";
import { decideShareAccess, SHARE_DENIAL_MESSAGES, SHARE_DENIAL_PRIORITY, type ShareLinkState, type ShareViewer } from "./share-access.js";

const now = new Date("2026-12-01T12:00:00Z");
const hour = 3600_000;

/** Every link state the matrix covers. */
const STATES: Record<string, ShareLinkState | null> = {
  none: null,
  organization: { visibility: "organization", expiresAt: null, revokedAt: null },
  "organization, expires later": { visibility: "organization", expiresAt: new Date(now.getTime() + hour), revokedAt: null },
  link: { visibility: "link", expiresAt: null, revokedAt: null },
  "link, expires later": { visibility: "link", expiresAt: new Date(now.getTime() + 1), revokedAt: null },
  revoked: { visibility: "revoked", expiresAt: null, revokedAt: new Date(now.getTime() - hour) },
  "revokedAt set, visibility kept": { visibility: "link", expiresAt: null, revokedAt: new Date(now.getTime() - hour) },
  "organization, expired": { visibility: "organization", expiresAt: new Date(now.getTime() - hour), revokedAt: null },
  "link, expired": { visibility: "link", expiresAt: new Date(now.getTime() - 1), revokedAt: null },
  "link, expires this instant": { visibility: "link", expiresAt: now, revokedAt: null },
  "revoked and expired": { visibility: "revoked", expiresAt: new Date(now.getTime() - hour), revokedAt: new Date(now.getTime() - hour) },
};

/**
 * The expected answer of every cell, written out by hand (not derived from the rule): per link
 * state, one line per viewer, each with four answers in the order
 * [token + link shares allowed, token + forbidden, no token + allowed, no token + forbidden].
 */
const EXPECTED: Record<string, Record<ShareViewer, [string, string, string, string]>> = {
  none: {
    member: ["not_found", "not_found", "not_found", "not_found"],
    "non-member": ["not_found", "not_found", "not_found", "not_found"],
    anonymous: ["not_found", "not_found", "not_found", "not_found"],
  },
  organization: {
    member: ["ok", "ok", "ok", "ok"],
    "non-member": ["members_only", "members_only", "not_found", "not_found"],
    anonymous: ["sign_in", "sign_in", "not_found", "not_found"],
  },
  "organization, expires later": {
    member: ["ok", "ok", "ok", "ok"],
    "non-member": ["members_only", "members_only", "not_found", "not_found"],
    anonymous: ["sign_in", "sign_in", "not_found", "not_found"],
  },
  link: {
    member: ["ok", "link_shares_disabled", "ok", "link_shares_disabled"],
    "non-member": ["ok", "link_shares_disabled", "not_found", "not_found"],
    anonymous: ["ok", "link_shares_disabled", "not_found", "not_found"],
  },
  "link, expires later": {
    member: ["ok", "link_shares_disabled", "ok", "link_shares_disabled"],
    "non-member": ["ok", "link_shares_disabled", "not_found", "not_found"],
    anonymous: ["ok", "link_shares_disabled", "not_found", "not_found"],
  },
  revoked: {
    member: ["revoked", "revoked", "revoked", "revoked"],
    "non-member": ["revoked", "revoked", "not_found", "not_found"],
    anonymous: ["revoked", "revoked", "not_found", "not_found"],
  },
  "revokedAt set, visibility kept": {
    member: ["revoked", "revoked", "revoked", "revoked"],
    "non-member": ["revoked", "revoked", "not_found", "not_found"],
    anonymous: ["revoked", "revoked", "not_found", "not_found"],
  },
  "organization, expired": {
    member: ["expired", "expired", "expired", "expired"],
    "non-member": ["expired", "expired", "not_found", "not_found"],
    anonymous: ["expired", "expired", "not_found", "not_found"],
  },
  "link, expired": {
    member: ["expired", "expired", "expired", "expired"],
    "non-member": ["expired", "expired", "not_found", "not_found"],
    anonymous: ["expired", "expired", "not_found", "not_found"],
  },
  "link, expires this instant": {
    member: ["expired", "expired", "expired", "expired"],
    "non-member": ["expired", "expired", "not_found", "not_found"],
    anonymous: ["expired", "expired", "not_found", "not_found"],
  },
  "revoked and expired": {
    member: ["revoked", "revoked", "revoked", "revoked"],
    "non-member": ["revoked", "revoked", "not_found", "not_found"],
    anonymous: ["revoked", "revoked", "not_found", "not_found"],
  },
};

const VIEWERS: ShareViewer[] = ["member", "non-member", "anonymous"];
const VARIANTS = [
  { holdsToken: true, linkSharesAllowed: true },
  { holdsToken: true, linkSharesAllowed: false },
  { holdsToken: false, linkSharesAllowed: true },
  { holdsToken: false, linkSharesAllowed: false },
] as const;

describe("share access matrix", () => {
  it("answers every combination of link state, viewer, token and policy as specified (100%)", () => {
    let cells = 0;
    const wrong: string[] = [];
    for (const [state, link] of Object.entries(STATES)) {
      for (const viewer of VIEWERS) {
        VARIANTS.forEach((variant, index) => {
          const decision = decideShareAccess({ link, viewer, now, ...variant });
          const actual = decision.ok ? "ok" : decision.reason;
          const expected = EXPECTED[state]![viewer][index];
          cells++;
          if (actual !== expected) wrong.push(`${state} / ${viewer} / ${JSON.stringify(variant)}: expected ${expected}, got ${actual}`);
        });
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBe(Object.keys(STATES).length * VIEWERS.length * VARIANTS.length);
  });

  it("grants only the documented cells: organization to members, link to token holders and members", () => {
    const granted = new Set<string>();
    for (const [state, link] of Object.entries(STATES))
      for (const viewer of VIEWERS)
        for (const variant of VARIANTS) if (decideShareAccess({ link, viewer, now, ...variant }).ok) granted.add(`${state}:${viewer}`);
    expect([...granted].sort()).toEqual(
      [
        "link, expires later:anonymous",
        "link, expires later:member",
        "link, expires later:non-member",
        "link:anonymous",
        "link:member",
        "link:non-member",
        "organization, expires later:member",
        "organization:member",
      ].sort(),
    );
  });

  it("has a readable message and a reporting rank for every denial", () => {
    for (const reason of Object.keys(SHARE_DENIAL_MESSAGES)) {
      expect(SHARE_DENIAL_MESSAGES[reason as keyof typeof SHARE_DENIAL_MESSAGES]).toMatch(/\.$/);
      expect(SHARE_DENIAL_PRIORITY).toContain(reason);
    }
    expect(SHARE_DENIAL_PRIORITY).toHaveLength(Object.keys(SHARE_DENIAL_MESSAGES).length);
  });
});
