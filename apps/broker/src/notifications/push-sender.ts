/**
 * One Web Push message to one subscription, through the `web-push` library: the payload is
 * encrypted for the subscription's keys (RFC 8291) and POSTed with a VAPID signature to the
 * subscription's endpoint at its push service, which wakes the device's service worker.
 */
import type { PushPayload } from "@codeyard/protocol";
import webpush from "web-push";
import type { PushSubscriptionRecord } from "./notification-store.js";
import type { VapidKeys } from "./vapid-keys.js";

export type PushResult = { outcome: "sent" } | { outcome: "gone" } | { outcome: "failed"; retryable: boolean; message: string };

/** How long the push service keeps the message for a device that is offline. */
const TTL_SECONDS = 24 * 3600;
const SOCKET_TIMEOUT_MS = 10_000;

export async function sendPush(subscription: Pick<PushSubscriptionRecord, "endpoint" | "p256dh" | "auth">, payload: PushPayload, vapid: VapidKeys): Promise<PushResult> {
  try {
    await webpush.sendNotification({ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } }, JSON.stringify(payload), {
      vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
      TTL: TTL_SECONDS,
      urgency: "high",
      topic: payload.tag.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 32) || undefined,
      timeout: SOCKET_TIMEOUT_MS,
    });
    return { outcome: "sent" };
  } catch (error) {
    if (error instanceof webpush.WebPushError) {
      // The subscription expired or the user revoked it: it will never work again.
      if (error.statusCode === 404 || error.statusCode === 410) return { outcome: "gone" };
      return { outcome: "failed", retryable: error.statusCode === 429 || error.statusCode >= 500, message: `HTTP ${error.statusCode}: ${error.body.slice(0, 200)}` };
    }
    return { outcome: "failed", retryable: true, message: (error as Error).message };
  }
}
