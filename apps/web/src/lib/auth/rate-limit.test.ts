import { describe, expect, it } from "vitest";
import { describeWait, SignInRateLimiter } from "./rate-limit";

function limiter(options: Partial<ConstructorParameters<typeof SignInRateLimiter>[0]> = {}) {
  let now = 1_000_000;
  const instance = new SignInRateLimiter({ perClient: 3, perEmail: 5, windowMs: 60_000, maxKeys: 100, ...options }, () => now);
  return { instance, advance: (ms: number) => (now += ms) };
}

describe("SignInRateLimiter", () => {
  it("blocks an email from one address after the allowed failures, until the window passes", () => {
    const { instance, advance } = limiter();
    for (let i = 0; i < 3; i++) {
      expect(instance.check("ada@example.com", "10.0.0.1").allowed).toBe(true);
      instance.recordFailure("ada@example.com", "10.0.0.1");
      advance(1_000);
    }
    const blocked = instance.check("ada@example.com", "10.0.0.1");
    expect(blocked).toEqual({ allowed: false, retryAfterMs: 57_000 });
    // Other emails from the same address and the same email from elsewhere are not blocked.
    expect(instance.check("bob@example.com", "10.0.0.1").allowed).toBe(true);
    expect(instance.check("ada@example.com", "10.0.0.2").allowed).toBe(true);
    advance(57_000);
    expect(instance.check("ada@example.com", "10.0.0.1").allowed).toBe(true);
  });

  it("also limits one email across rotating addresses", () => {
    const { instance } = limiter();
    for (let i = 0; i < 5; i++) instance.recordFailure("ada@example.com", `10.0.0.${i}`);
    expect(instance.check("ada@example.com", "10.9.9.9").allowed).toBe(false);
    expect(instance.check("bob@example.com", "10.9.9.9").allowed).toBe(true);
  });

  it("clears a client's failures after a successful sign-in", () => {
    const { instance } = limiter();
    instance.recordFailure("ada@example.com", "10.0.0.1");
    instance.recordFailure("ada@example.com", "10.0.0.1");
    instance.recordSuccess("ada@example.com", "10.0.0.1");
    instance.recordFailure("ada@example.com", "10.0.0.1");
    instance.recordFailure("ada@example.com", "10.0.0.1");
    expect(instance.check("ada@example.com", "10.0.0.1").allowed).toBe(true);
  });

  it("forgets the oldest keys beyond its bound", () => {
    const { instance } = limiter({ perClient: 1, perEmail: 1000, maxKeys: 4 });
    instance.recordFailure("first@example.com", "a");
    expect(instance.check("first@example.com", "a").allowed).toBe(false);
    for (let i = 0; i < 5; i++) instance.recordFailure(`user${i}@example.com`, "a");
    expect(instance.check("first@example.com", "a").allowed).toBe(true);
  });
});

describe("describeWait", () => {
  it("rounds up to seconds or minutes", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(40_500)).toBe("41 seconds");
    expect(describeWait(61_000)).toBe("2 minutes");
    expect(describeWait(60_000)).toBe("1 minute");
  });
});
