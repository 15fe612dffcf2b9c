import { describe, expect, it } from "vitest";
import { canManageShareLink, checkShareVisibility, shareLinkStatus } from "./share-rules";

describe("share link rules", () => {
  it("lets the link's creator, the session's owner and organization admins manage a link", () => {
    const cases = [
      { actorId: "creator", role: "member", expected: true },
      { actorId: "owner", role: "member", expected: true },
      { actorId: "someone", role: "admin", expected: true },
      { actorId: "someone", role: "owner", expected: true },
      { actorId: "someone", role: "member", expected: false },
    ] as const;
    for (const { actorId, role, expected } of cases) {
      expect(canManageShareLink({ actorId, role, sessionOwnerId: "owner", linkCreatorId: "creator" })).toBe(expected);
    }
  });

  it("refuses link shares while the organization forbids them", () => {
    expect(checkShareVisibility("organization", false)).toEqual({ ok: true });
    expect(checkShareVisibility("link", true)).toEqual({ ok: true });
    expect(checkShareVisibility("link", false)).toMatchObject({ ok: false, reason: expect.stringContaining("turned off") });
  });

  it("tells active, revoked, expired and suspended links apart", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const base = { expiresAt: null, revokedAt: null };
    expect(shareLinkStatus({ ...base, visibility: "organization" }, false, now)).toBe("active");
    expect(shareLinkStatus({ ...base, visibility: "link" }, true, now)).toBe("active");
    expect(shareLinkStatus({ ...base, visibility: "link" }, false, now)).toBe("suspended");
    expect(shareLinkStatus({ ...base, visibility: "revoked", revokedAt: now }, true, now)).toBe("revoked");
    expect(shareLinkStatus({ ...base, visibility: "link", expiresAt: now }, true, now)).toBe("expired");
    expect(shareLinkStatus({ ...base, visibility: "revoked", expiresAt: now }, true, now)).toBe("revoked");
  });
});
