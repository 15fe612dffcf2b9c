/**
 * A local Web Push service for tests. Browsers here reach no real push service, so tests register
 * subscriptions whose endpoint is this HTTPS server (on 127.0.0.1, with a self-signed certificate
 * the broker trusts through NODE_EXTRA_CA_CERTS) and real P-256 keys: the broker's `web-push`
 * delivery runs unchanged, and the server checks the VAPID signature and decrypts each message
 * (RFC 8291, aes128gcm) like a push service and a browser would.
 */
import { execFileSync } from "node:child_process";
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export interface TestCertificate {
  certFile: string;
  keyFile: string;
}

/** A self-signed certificate for 127.0.0.1 in `dir`, made once with openssl. */
export function ensureTestCertificate(dir: string): TestCertificate {
  const certFile = join(dir, "push-cert.pem");
  const keyFile = join(dir, "push-key.pem");
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    mkdirSync(dir, { recursive: true });
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", keyFile, "-out", certFile, "-days", "365", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
    ], { stdio: "ignore" });
  }
  return { certFile, keyFile };
}

export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  deviceLabel: string;
}

export interface ReceivedPush {
  endpoint: string;
  headers: Record<string, string | string[] | undefined>;
  /** The VAPID public key the message was signed with (verified). */
  vapidKey: string;
  /** The decrypted payload, parsed as JSON. */
  payload: unknown;
}

interface Device {
  ecdh: ECDH;
  auth: Buffer;
  answer: number;
}

export class PushEndpoint {
  readonly received: ReceivedPush[] = [];
  /** Requests the endpoint refused (bad signature, undecryptable, unknown device). */
  readonly rejected: string[] = [];
  private readonly devices = new Map<string, Device>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(certificate: TestCertificate, port = 0): Promise<PushEndpoint> {
    const server = createServer({ cert: readFileSync(certificate.certFile), key: readFileSync(certificate.keyFile) });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    const endpoint = new PushEndpoint(server, `https://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on("request", (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const status = endpoint.receive(`${endpoint.url}${request.url ?? ""}`, request.headers, Buffer.concat(chunks));
        response.writeHead(status).end();
      });
    });
    return endpoint;
  }

  /** A new device's subscription: an endpoint on this server and fresh keys, as a browser would make. */
  subscribe(deviceLabel = "Test phone"): TestSubscription {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const auth = randomBytes(16);
    const endpoint = `${this.url}/push/${randomBytes(12).toString("hex")}`;
    this.devices.set(endpoint, { ecdh, auth, answer: 201 });
    return { endpoint, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") }, deviceLabel };
  }

  /** From now on the push service answers this subscription's messages with 410 Gone. */
  expire(endpoint: string): void {
    const device = this.devices.get(endpoint);
    if (device) device.answer = 410;
  }

  pushesTo(endpoint: string): ReceivedPush[] {
    return this.received.filter((push) => push.endpoint === endpoint);
  }

  private receive(endpoint: string, headers: ReceivedPush["headers"], body: Buffer): number {
    const device = this.devices.get(endpoint);
    if (!device) return this.reject(404, `unknown endpoint ${endpoint}`);
    if (device.answer !== 201) return device.answer;
    try {
      const vapidKey = verifyVapid(String(headers.authorization ?? ""), new URL(endpoint).origin);
      if (headers["content-encoding"] !== "aes128gcm") throw new Error(`content-encoding ${String(headers["content-encoding"])}`);
      const payload = JSON.parse(decryptPush(body, device.ecdh, device.auth).toString("utf8")) as unknown;
      this.received.push({ endpoint, headers, vapidKey, payload });
      return 201;
    } catch (error) {
      return this.reject(400, (error as Error).message);
    }
  }

  private reject(status: number, reason: string): number {
    this.rejected.push(reason);
    return status;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Checks `Authorization: vapid t=<JWT>, k=<public key>` (ES256, audience, expiry); returns k. */
function verifyVapid(header: string, audience: string): string {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header);
  if (!match) throw new Error("no VAPID authorization header");
  const [, token, key] = match as unknown as [string, string, string];
  const [head, claims, signature] = token.split(".");
  const point = Buffer.from(key, "base64url");
  const publicKey = createPublicKey({ key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33, 65).toString("base64url") }, format: "jwk" });
  if (!verify("sha256", Buffer.from(`${head}.${claims}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature ?? "", "base64url"))) {
    throw new Error("bad VAPID signature");
  }
  const parsed = JSON.parse(Buffer.from(claims!, "base64url").toString("utf8")) as { aud?: string; exp?: number; sub?: string };
  if (parsed.aud !== audience) throw new Error(`VAPID audience ${parsed.aud} is not ${audience}`);
  if (!parsed.exp || parsed.exp * 1000 < Date.now()) throw new Error("expired VAPID token");
  return key;
}

/** Decrypts one aes128gcm Web Push message (RFC 8291 keys, RFC 8188 single record). */
export function decryptPush(body: Buffer, receiver: ECDH, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const senderKey = body.subarray(21, 21 + idLength);
  const sealed = body.subarray(21 + idLength);
  const shared = receiver.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), receiver.getPublicKey(), senderKey]);
  const ikm = Buffer.from(hkdfSync("sha256", shared, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(sealed.subarray(-16));
  const padded = Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("the push message has no final-record delimiter");
  return padded.subarray(0, end);
}
