/**
 * Secrets at rest (provider API keys, project secrets): AES-256-GCM under CODEYARD_SECRET_KEY.
 *
 * Stored form, versioned so the format and the key can change later:
 *   v1:<key id>:<iv, base64url>:<ciphertext + 16-byte tag, base64url>
 * The key id (8 hex digits of a hash of the key) tells "wrong key" apart from "damaged value".
 * An optional context (e.g. "project-secret:<projectId>:<name>") is bound as associated data,
 * so a ciphertext copied into another record does not decrypt there.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Env } from "@codeyard/env";
import { DbError } from "./errors.js";

export interface SecretKey {
  /** 8 hex digits identifying the key (not secret). */
  readonly id: string;
  readonly bytes: Buffer;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Largest plaintext accepted (a secret is a key or a short value, not a file). */
export const MAX_SECRET_BYTES = 64 * 1024;

/** Reads a key given as base64 of 32 bytes (`openssl rand -base64 32`). */
export function parseSecretKey(base64: string): SecretKey {
  const bytes = Buffer.from(base64.trim(), "base64");
  if (bytes.length !== 32 || bytes.toString("base64") !== base64.trim()) {
    throw new DbError("secret_key_invalid", "The secret key must be base64 of exactly 32 bytes; generate one with `openssl rand -base64 32`.");
  }
  const id = createHash("sha256").update("codeyard-secret-key\0").update(bytes).digest("hex").slice(0, 8);
  return { id, bytes };
}

/**
 * The key for this process: CODEYARD_SECRET_KEY if set. Otherwise, outside production, a key
 * generated once into `$CODEYARD_DATA_DIR/secret.key` (mode 0600) and reused after that. In
 * production a missing key is an error: losing a generated key would make every stored secret
 * unreadable, so production keys are managed explicitly.
 */
export function loadSecretKey(env: Pick<Env, "CODEYARD_SECRET_KEY" | "NODE_ENV" | "CODEYARD_DATA_DIR">): SecretKey {
  if (env.CODEYARD_SECRET_KEY) return parseSecretKey(env.CODEYARD_SECRET_KEY);
  if (env.NODE_ENV === "production") {
    throw new DbError(
      "secret_key_missing",
      "CODEYARD_SECRET_KEY is not set. Production needs an explicit key to encrypt API keys and project secrets: generate one with `openssl rand -base64 32`, store it safely (secrets cannot be read without it) and set CODEYARD_SECRET_KEY.",
    );
  }
  const path = join(env.CODEYARD_DATA_DIR, "secret.key");
  try {
    return parseSecretKey(readFileSync(path, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      if (error instanceof DbError) throw new DbError("secret_key_invalid", `${path} does not hold a valid key: ${error.message}`);
      throw error;
    }
  }
  mkdirSync(env.CODEYARD_DATA_DIR, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  chmodSync(path, 0o600);
  return parseSecretKey(readFileSync(path, "utf8"));
}

export function encryptSecret(plaintext: string, key: SecretKey, context = ""): string {
  const data = Buffer.from(plaintext, "utf8");
  if (data.length > MAX_SECRET_BYTES) {
    throw new DbError("invalid_input", `A secret may hold at most ${MAX_SECRET_BYTES} bytes; this one has ${data.length}.`);
  }
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const sealed = Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}:${key.id}:${iv.toString("base64url")}:${sealed.toString("base64url")}`;
}

export function decryptSecret(stored: string, key: SecretKey, context = ""): string {
  const parts = stored.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new DbError("secret_undecryptable", `This value is not an encrypted secret of a known format (expected "${VERSION}:…"); store it again.`);
  }
  const [, keyId, ivText, sealedText] = parts as [string, string, string, string];
  if (keyId !== key.id) {
    throw new DbError(
      "secret_undecryptable",
      `This secret was encrypted with another key (id ${keyId}; the configured key has id ${key.id}). Set CODEYARD_SECRET_KEY to the key that wrote this database, or store the secret again.`,
    );
  }
  const iv = Buffer.from(ivText, "base64url");
  const sealed = Buffer.from(sealedText, "base64url");
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) {
    throw new DbError("secret_undecryptable", "This encrypted secret is truncated; store it again.");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, iv);
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new DbError(
      "secret_undecryptable",
      "This encrypted secret failed its integrity check: it was altered or copied from another record. Store it again.",
      { cause: error },
    );
  }
}
