/** NotificationStore on the Codeyard database. */
import type { Db } from "@codeyard/db";
import { z } from "zod";
import type { NotificationRecord, NotificationStore, PushSubscriptionRecord } from "./notification-store.js";

const Payload = z.object({ title: z.string(), body: z.string(), url: z.string(), taskId: z.string().nullable().default(null) });

interface NotificationRow {
  id: string;
  userId: string;
  kind: string;
  payload: string;
  readAt: Date | null;
  pushedAt: Date | null;
  createdAt: Date;
}

export function toNotificationRecord(row: NotificationRow): NotificationRecord {
  let parsed;
  try {
    parsed = Payload.safeParse(JSON.parse(row.payload));
  } catch {
    parsed = undefined;
  }
  const content = parsed?.success ? parsed.data : { title: row.kind, body: "", url: "/m", taskId: null };
  return { id: row.id, userId: row.userId, kind: row.kind, ...content, readAt: row.readAt, pushedAt: row.pushedAt, createdAt: row.createdAt };
}

/** Keeps at most this many subscriptions per user (oldest dropped): each push goes to all of them. */
const MAX_DEVICES_PER_USER = 20;

export function createPrismaNotificationStore(db: Db): NotificationStore {
  return {
    async notificationsForUser(userId, limit) {
      const [rows, unread] = await Promise.all([
        db.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: limit }),
        db.notification.count({ where: { userId, readAt: null } }),
      ]);
      return { notifications: rows.map(toNotificationRecord), unread };
    },

    async markNotificationsRead(userId, ids) {
      await db.notification.updateMany({ where: { userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) }, data: { readAt: new Date() } });
    },

    async pendingPushes(since) {
      const rows = await db.notification.findMany({ where: { pushedAt: null, createdAt: { gte: since } }, orderBy: { createdAt: "asc" }, take: 1000 });
      return rows.map(toNotificationRecord);
    },

    async markPushed(notificationId) {
      await db.notification.updateMany({ where: { id: notificationId, pushedAt: null }, data: { pushedAt: new Date() } });
    },

    async pushSubscriptions(userId) {
      return db.pushSubscription.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
    },

    async savePushSubscription(userId, subscription): Promise<PushSubscriptionRecord> {
      const data = { userId, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth, deviceLabel: subscription.deviceLabel ?? null };
      const saved = await db.pushSubscription.upsert({ where: { endpoint: subscription.endpoint }, create: { endpoint: subscription.endpoint, ...data }, update: data });
      const extra = await db.pushSubscription.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, skip: MAX_DEVICES_PER_USER, select: { id: true } });
      if (extra.length) await db.pushSubscription.deleteMany({ where: { id: { in: extra.map((row) => row.id) } } });
      return saved;
    },

    async removePushSubscription(userId, subscriptionId) {
      const removed = await db.pushSubscription.deleteMany({ where: { id: subscriptionId, userId } });
      return removed.count > 0;
    },

    async forgetPushEndpoint(endpoint) {
      await db.pushSubscription.deleteMany({ where: { endpoint } });
    },
  };
}
