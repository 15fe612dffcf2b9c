/**
 * Password hashing with scrypt (node:crypto): a random salt per user, parameters stored with the
 * hash so they can be raised later, constant-time comparison.
 * Stored form: `scrypt$<log2 N>$<r>$<p>$<salt, base64>$<hash, base64>`.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy";

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // 128 * N * r bytes of memory; the default cap (32 MiB) is exactly too small for N = 2^15.
  const maxmem = 256 * (options.N ?? 0) * (options.r ?? 0) + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize("NFKC"), salt, KEY_BYTES, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, { N: 2 ** LOG_N, r: R, p: P });
  return ["scrypt", LOG_N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

interface ParsedHash {
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [logN, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4]!, "base64");
  const key = Buffer.from(parts[5]!, "base64");
  const sane = (n: number | undefined, max: number) => n !== undefined && Number.isInteger(n) && n >= 1 && n <= max;
  if (!sane(logN, 20) || !sane(r, 32) || !sane(p, 16) || salt.length < 8 || key.length < 16) return null;
  return { logN: logN!, r: r!, p: p!, salt, key };
}

// Verifying against this when there is no usable hash keeps "no such account" as slow as "wrong password".
const DUMMY_HASH = `scrypt$${LOG_N}$${R}$${P}$${Buffer.alloc(SALT_BYTES).toString("base64")}$${Buffer.alloc(KEY_BYTES).toString("base64")}`;

/** Whether `password` matches `stored`. An empty or malformed `stored` (e.g. OIDC-only accounts) never matches. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = parseHash(stored ?? "");
  const target = parsed ?? parseHash(DUMMY_HASH)!;
  const key = await scrypt(password, target.salt, { N: 2 ** target.logN, r: target.r, p: target.p });
  const equal = key.length === target.key.length && timingSafeEqual(key, target.key);
  return parsed !== null && equal;
}
