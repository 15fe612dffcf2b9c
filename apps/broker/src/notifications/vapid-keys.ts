/**
 * The broker's Web Push identity (VAPID): CODEYARD_VAPID_PUBLIC_KEY/_PRIVATE_KEY when set (required
 * in production), otherwise a pair generated once into `$CODEYARD_DATA_DIR/vapid.json` — the same
 * file infra/scripts/lib.sh's ensure_vapid_keys writes. Browsers subscribe with the public key, so
 * it must stay stable: a new pair silently orphans every existing subscription.
 */
import { createECDH } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Env } from "@codeyard/env";
import { z } from "zod";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const KeyFile = z.object({ publicKey: z.string().regex(/^[A-Za-z0-9_-]{87}$/), privateKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

export class VapidKeyError extends Error {
  override readonly name = "VapidKeyError";
}

/** A new key pair in the form web-push expects (uncompressed P-256 point, 32-byte scalar). */
export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const pad = (bytes: Buffer, length: number) => Buffer.concat([Buffer.alloc(Math.max(0, length - bytes.length)), bytes]);
  return { publicKey: pad(ecdh.getPublicKey(), 65).toString("base64url"), privateKey: pad(ecdh.getPrivateKey(), 32).toString("base64url") };
}

type VapidEnv = Pick<Env, "CODEYARD_VAPID_PUBLIC_KEY" | "CODEYARD_VAPID_PRIVATE_KEY" | "CODEYARD_VAPID_SUBJECT" | "CODEYARD_DATA_DIR" | "NODE_ENV">;

export function loadVapidKeys(env: VapidEnv): VapidKeys {
  const subject = env.CODEYARD_VAPID_SUBJECT;
  const { CODEYARD_VAPID_PUBLIC_KEY: publicKey, CODEYARD_VAPID_PRIVATE_KEY: privateKey } = env;
  if (publicKey && privateKey) return { publicKey, privateKey, subject };
  if (publicKey || privateKey) {
    throw new VapidKeyError("Set both CODEYARD_VAPID_PUBLIC_KEY and CODEYARD_VAPID_PRIVATE_KEY (one pair from `npx web-push generate-vapid-keys`), or neither.");
  }
  if (env.NODE_ENV === "production") {
    throw new VapidKeyError(
      "CODEYARD_VAPID_PUBLIC_KEY and CODEYARD_VAPID_PRIVATE_KEY are not set. Production needs a stable Web Push key pair: generate one with `npx web-push generate-vapid-keys`, keep it, and set both variables (and CODEYARD_VAPID_SUBJECT to a mailto: address of yours).",
    );
  }
  const path = join(env.CODEYARD_DATA_DIR, "vapid.json");
  mkdirSync(env.CODEYARD_DATA_DIR, { recursive: true });
  try {
    writeFileSync(path, `${JSON.stringify(generateVapidKeys())}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(path, 0o600);
  } catch (error) {
    // It exists already (from the setup scripts or another process): use it.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const parsed = KeyFile.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new VapidKeyError(`${path} does not hold a valid VAPID key pair; delete it to generate a new one (existing push subscriptions then stop working).`);
  return { ...parsed.data, subject };
}
