import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("stores scrypt parameters, a random salt and the key", async () => {
    const stored = await hashPassword("correct horse battery staple");
    const parts = stored.split("$");
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(["scrypt", "15", "8", "1"]);
    expect(Buffer.from(parts[4]!, "base64")).toHaveLength(16);
    expect(Buffer.from(parts[5]!, "base64")).toHaveLength(32);
    expect(stored).not.toContain("correct horse");
  });

  it("salts every hash differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("same password", b)).toBe(true);
  });

  it("accepts the right password and rejects others", async () => {
    const stored = await hashPassword("s3cret-passphrase");
    expect(await verifyPassword("s3cret-passphrase", stored)).toBe(true);
    expect(await verifyPassword("s3cret-passphras", stored)).toBe(false);
    expect(await verifyPassword("S3cret-passphrase", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("treats canonically equivalent Unicode the same (NFKC)", async () => {
    const stored = await hashPassword("caf\u00e9-and-more");
    expect(await verifyPassword("cafe\u0301-and-more", stored)).toBe(true);
  });

  it("never matches an empty or malformed hash (accounts without a password)", async () => {
    for (const stored of ["", null, undefined, "plaintext", "scrypt$15$8$1$$", "bcrypt$2b$10$abc", "scrypt$40$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="]) {
      expect(await verifyPassword("anything", stored)).toBe(false);
    }
  });

  it("detects a tampered key", async () => {
    const stored = await hashPassword("tamper-proof");
    const parts = stored.split("$");
    const key = Buffer.from(parts[5]!, "base64");
    key[0] = key[0]! ^ 1;
    parts[5] = key.toString("base64");
    expect(await verifyPassword("tamper-proof", parts.join("$"))).toBe(false);
  });
});
