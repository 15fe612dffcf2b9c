import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DbError } from "./errors.js";
import { decryptSecret, encryptSecret, loadSecretKey, parseSecretKey } from "./secrets.js";

const KEY = parseSecretKey(Buffer.alloc(32, 7).toString("base64"));
const OTHER = parseSecretKey(Buffer.alloc(32, 9).toString("base64"));

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, with a fresh IV every time and no plaintext in the stored form", () => {
    const secret = "sk-ant-api03-very-secret ünïcödé";
    const a = encryptSecret(secret, KEY);
    const b = encryptSecret(secret, KEY);
    expect(a).not.toBe(b);
    expect(a).toMatch(new RegExp(`^v1:${KEY.id}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$`));
    expect(a).not.toContain("secret");
    expect(decryptSecret(a, KEY)).toBe(secret);
    expect(decryptSecret(encryptSecret("", KEY), KEY)).toBe("");
  });

  it("fails with a clear error under the wrong key", () => {
    const stored = encryptSecret("value", KEY);
    let error: unknown;
    try {
      decryptSecret(stored, OTHER);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DbError);
    expect(error).toMatchObject({ code: "secret_undecryptable" });
    expect((error as Error).message).toContain(`encrypted with another key (id ${KEY.id}; the configured key has id ${OTHER.id})`);
    expect((error as Error).message).toContain("CODEYARD_SECRET_KEY");
  });

  it("detects tampering and ciphertexts moved to another record", () => {
    const stored = encryptSecret("value", KEY, "project-secret:p1:A");
    const flipped = stored.slice(0, -2) + (stored.at(-2) === "A" ? "B" : "A") + stored.at(-1);
    expect(() => decryptSecret(flipped, KEY, "project-secret:p1:A")).toThrow(/integrity check/);
    expect(() => decryptSecret(stored, KEY, "project-secret:p1:B")).toThrow(/copied from another record/);
    expect(() => decryptSecret("plaintext", KEY)).toThrow(/not an encrypted secret/);
    expect(() => decryptSecret("v1:" + KEY.id + ":AAAA:AAAA", KEY)).toThrow(/truncated/);
  });

  it("bounds the size of a secret", () => {
    expect(() => encryptSecret("x".repeat(64 * 1024 + 1), KEY)).toThrow(/at most 65536 bytes/);
  });
});

describe("secret keys", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "codeyard-key-"));
    dirs.push(dir);
    return dir;
  };

  it("accepts only base64 of exactly 32 bytes", () => {
    expect(() => parseSecretKey(Buffer.alloc(16).toString("base64"))).toThrow(/exactly 32 bytes.*openssl rand -base64 32/);
    expect(() => parseSecretKey("not base64 at all!")).toThrow(DbError);
    expect(parseSecretKey(Buffer.alloc(32, 7).toString("base64")).id).toBe(KEY.id);
  });

  it("uses CODEYARD_SECRET_KEY when set", () => {
    const key = loadSecretKey({ CODEYARD_SECRET_KEY: Buffer.alloc(32, 9).toString("base64"), NODE_ENV: "production", CODEYARD_DATA_DIR: "/nonexistent" });
    expect(key.id).toBe(OTHER.id);
  });

  it("requires CODEYARD_SECRET_KEY in production, saying how to make one", () => {
    expect(() => loadSecretKey({ CODEYARD_SECRET_KEY: undefined, NODE_ENV: "production", CODEYARD_DATA_DIR: tempDir() })).toThrow(
      expect.objectContaining({ code: "secret_key_missing", message: expect.stringMatching(/CODEYARD_SECRET_KEY is not set.*openssl rand -base64 32/) }),
    );
  });

  it("outside production, generates a key into the data dir once and keeps using it", () => {
    const dir = tempDir();
    const env = { CODEYARD_SECRET_KEY: undefined, NODE_ENV: "development" as const, CODEYARD_DATA_DIR: join(dir, "data") };
    const first = loadSecretKey(env);
    const second = loadSecretKey(env);
    expect(second.id).toBe(first.id);
    const file = join(dir, "data", "secret.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseSecretKey(readFileSync(file, "utf8")).id).toBe(first.id);
    expect(decryptSecret(encryptSecret("x", first), second)).toBe("x");
  });
});
