/** What notifications need from the database (Prisma implementation: prisma-notification-store.ts). */
import type { PushSubscriptionInput } from "@codeyard/protocol";

export interface NotificationContent {
  title: string;
  body: string;
  /** Path of the web app to open. */
  url: string;
  taskId: string | null;
}

export interface NewNotification extends NotificationContent {
  userId: string;
  kind: string;
}

export interface NotificationRecord extends NewNotification {
  id: string;
  readAt: Date | null;
  pushedAt: Date | null;
  createdAt: Date;
}

export interface PushSubscriptionRecord {
  id: string;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  deviceLabel: string | null;
  createdAt: Date;
}

export interface NotificationStore {
  notificationsForUser(userId: string, limit: number): Promise<{ notifications: NotificationRecord[]; unread: number }>;
  /** Marks the user's notifications read: these ids, or all of them. */
  markNotificationsRead(userId: string, ids?: string[]): Promise<void>;
  /** Notifications whose push delivery never ended (the broker stopped midway), newer than `since`. */
  pendingPushes(since: Date): Promise<NotificationRecord[]>;
  markPushed(notificationId: string): Promise<void>;
  pushSubscriptions(userId: string): Promise<PushSubscriptionRecord[]>;
  /** Saves a device's subscription for the user (an endpoint subscribed again moves to this user). */
  savePushSubscription(userId: string, subscription: PushSubscriptionInput): Promise<PushSubscriptionRecord>;
  /** False when the user has no such subscription. */
  removePushSubscription(userId: string, subscriptionId: string): Promise<boolean>;
  /** The push service says the subscription is gone (404/410). */
  forgetPushEndpoint(endpoint: string): Promise<void>;
}
