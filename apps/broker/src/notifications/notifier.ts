/**
 * Delivers notifications: each one is a database row first (written with the task change that
 * caused it), then shown live to the user's open connections and sent by Web Push to each of
 * their devices. A row stays "pending" (pushedAt null) until its delivery ended, so a broker that
 * stopped midway sends it after the restart (`resumePending`); a message pushed twice replaces
 * itself on the device (same tag). Subscriptions the push service calls gone (404/410) are removed.
 */
import type { NotificationSummary, PushPayload } from "@codeyard/protocol";
import type { Logger } from "pino";
import type { Server } from "socket.io";
import type { NotificationRecord, NotificationStore } from "./notification-store.js";
import { sendPush } from "./push-sender.js";
import { userRoom } from "./user-room.js";
import type { VapidKeys } from "./vapid-keys.js";

/** Delays before the retries of a push that failed for a passing reason (network, 5xx, 429). */
const RETRY_DELAYS_MS = [2_000, 10_000];
/** After a restart, pending pushes older than this are not sent any more (stale news). */
const PENDING_MAX_AGE_MS = 24 * 3600_000;

export function toNotificationSummary(record: NotificationRecord): NotificationSummary {
  return {
    id: record.id,
    kind: record.kind,
    title: record.title,
    body: record.body,
    url: record.url,
    taskId: record.taskId,
    readAt: record.readAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
  };
}

export class Notifier {
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly store: NotificationStore,
    private readonly io: Server,
    /** Without keys, notifications are only listed in the app. */
    private readonly vapid: VapidKeys | undefined,
    private readonly logger: Logger,
  ) {}

  get publicKey(): string | null {
    return this.vapid?.publicKey ?? null;
  }

  /** Shows a stored notification live (unless `live` is false: already shown) and pushes it, in the background. */
  deliver(record: NotificationRecord, { live = true }: { live?: boolean } = {}): void {
    if (live) this.io.to(userRoom(record.userId)).emit("notification-added", { notification: toNotificationSummary(record) });
    const delivery = this.push(record).catch((error: unknown) => this.logger.error({ err: error, notificationId: record.id }, "push delivery failed"));
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** After a restart: sends the pushes a stopped broker left undelivered. */
  async resumePending(): Promise<number> {
    const pending = await this.store.pendingPushes(new Date(Date.now() - PENDING_MAX_AGE_MS));
    for (const record of pending) this.deliver(record, { live: false });
    if (pending.length) this.logger.info({ count: pending.length }, "resuming push deliveries after restart");
    return pending.length;
  }

  private async push(record: NotificationRecord): Promise<void> {
    if (this.vapid) {
      const payload: PushPayload = { notificationId: record.id, title: record.title, body: record.body, url: record.url, tag: record.id };
      const devices = await this.store.pushSubscriptions(record.userId);
      await Promise.all(devices.map((device) => this.pushTo(device, payload, this.vapid!)));
    }
    if (!this.closed) await this.store.markPushed(record.id);
  }

  private async pushTo(device: { id: string; endpoint: string; p256dh: string; auth: string }, payload: PushPayload, vapid: VapidKeys): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const result = await sendPush(device, payload, vapid);
      if (result.outcome === "sent") return;
      if (result.outcome === "gone") {
        await this.store.forgetPushEndpoint(device.endpoint);
        this.logger.info({ deviceId: device.id }, "push subscription gone; removed");
        return;
      }
      const delay = RETRY_DELAYS_MS[attempt];
      if (!result.retryable || delay === undefined || this.closed) {
        this.logger.warn({ deviceId: device.id, notificationId: payload.notificationId, reason: result.message }, "push not delivered");
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** Waits for deliveries under way (at most `timeoutMs`); ones cut short stay pending for the next start. */
  async close(timeoutMs = 5_000): Promise<void> {
    await Promise.race([Promise.all(this.inFlight), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    this.closed = true;
  }
}
