/**
 * Notifications: the broker writes one per task event worth a look (finished, failed, waiting for
 * an answer) and sends it by Web Push to each device the user subscribed; the app lists them too,
 * for browsers without push.
 */
import { z } from "zod";
import { Id } from "./common.js";

export const NotificationKind = z.enum(["task-done", "task-failed", "task-waiting", "task-interrupted"]);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const NotificationSummary = z.object({
  id: Id,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** Path in the web app to open (the task). */
  url: z.string(),
  taskId: Id.nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationSummary = z.infer<typeof NotificationSummary>;

/** What a push message carries (encrypted by Web Push; the service worker shows it). */
export const PushPayload = z.object({
  notificationId: Id,
  title: z.string().max(200),
  body: z.string().max(1000),
  /** A path of the web app, opened when the notification is tapped. */
  url: z.string().startsWith("/").max(2000),
  /** The same notification pushed twice (after a restart) replaces itself. */
  tag: z.string().max(100),
});
export type PushPayload = z.infer<typeof PushPayload>;

const base64url = (min: number, max: number) => z.string().regex(/^[A-Za-z0-9_-]+=*$/, "base64url").min(min).max(max);

/** A browser's PushSubscription (JSON form), as `pushManager.subscribe()` returns it. */
export const PushSubscriptionInput = z.object({
  endpoint: z
    .string()
    .max(2048)
    .url()
    .refine((url) => url.startsWith("https://"), "Push endpoints are https URLs"),
  keys: z.object({ p256dh: base64url(80, 100), auth: base64url(16, 32) }),
  deviceLabel: z.string().trim().min(1).max(100).optional(),
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInput>;

export const PushDevice = z.object({
  id: Id,
  deviceLabel: z.string().nullable(),
  /** The push service (host of the endpoint); the endpoint itself is a secret of the device. */
  service: z.string(),
  createdAt: z.string(),
});
export type PushDevice = z.infer<typeof PushDevice>;

/** Requests whose fields are all optional are strict: anything else in them is a malformed request. */
export const NotificationRequests = {
  /** The VAPID public key browsers subscribe with; null when the broker has no push keys. */
  "push-config": { request: z.object({}).strict(), reply: z.object({ publicKey: z.string().nullable() }) },
  "push-subscribe": { request: PushSubscriptionInput, reply: z.object({ device: PushDevice }) },
  "push-list": { request: z.object({}).strict(), reply: z.object({ devices: z.array(PushDevice) }) },
  "push-remove": { request: z.object({ deviceId: Id }), reply: z.object({}) },
  /** The user's notifications, newest first; joins their live updates. */
  "notification-list": {
    request: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
    reply: z.object({ notifications: z.array(NotificationSummary), unread: z.number().int() }),
  },
  /** Marks these notifications read (all of the user's when `ids` is left out). */
  "notification-read": { request: z.object({ ids: z.array(Id).max(200).optional() }).strict(), reply: z.object({}) },
} as const;

export const NotificationServerEvents = {
  "notification-added": z.object({ notification: NotificationSummary }),
} as const;
