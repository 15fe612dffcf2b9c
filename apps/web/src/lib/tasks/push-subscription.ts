/**
 * Push notifications on this device: the service worker (public/sw.js) is registered, the browser
 * subscribes at its push service with the broker's VAPID public key, and the broker stores the
 * subscription. Browsers without push keep the in-app notification list.
 */
import type { BrokerClient } from "../broker/broker-client";
import { deviceLabel } from "./device-label";

export const SERVICE_WORKER_URL = "/sw.js";

export class PushSetupError extends Error {
  override readonly name = "PushSetupError";
}

export function pushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** Registers the service worker (notifications are shown and opened by it). */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return null;
  return navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/" });
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Asks for permission, subscribes this browser and saves the subscription at the broker. */
export async function enablePush(client: BrokerClient): Promise<void> {
  if (!pushSupported()) throw new PushSetupError("This browser cannot receive push notifications; the notification list in the app still shows everything.");
  const permission = await Notification.requestPermission();
  if (permission !== "granted") throw new PushSetupError("Notifications are blocked for this site; allow them in the browser's site settings, then try again.");
  const { publicKey } = await client.request("push-config", {});
  if (!publicKey) throw new PushSetupError("This Codeyard server has no push keys configured; ask its administrator.");
  await registerServiceWorker();
  const registration = await navigator.serviceWorker.ready;
  const existing = await registration.pushManager.getSubscription();
  const subscription = existing ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
  const json = subscription.toJSON();
  if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) throw new PushSetupError("The browser returned an incomplete push subscription; try again.");
  await client.request("push-subscribe", { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth }, deviceLabel: deviceLabel(navigator.userAgent) });
}

/** The endpoint this browser is subscribed with, if any (to mark "this device" in the list). */
export async function currentPushEndpoint(): Promise<string | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration(SERVICE_WORKER_URL);
  return (await registration?.pushManager.getSubscription())?.endpoint ?? null;
}
