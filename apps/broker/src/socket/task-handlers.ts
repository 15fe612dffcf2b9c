/** Handlers of the task, review, push and notification requests (see protocol task-events / notification-events). */
import { normalizeWorkspacePath, ProtocolError, type NotificationRequests, type TaskRequests } from "@codeyard/protocol";
import type { NotificationStore, PushSubscriptionRecord } from "../notifications/notification-store.js";
import { toNotificationSummary, type Notifier } from "../notifications/notifier.js";
import { userRoom } from "../notifications/user-room.js";
import type { EventLog } from "../sessions/event-log.js";
import type { SessionService } from "../sessions/session-service.js";
import { toTaskSummary, type TaskService } from "../tasks/task-service.js";
import type { Handlers } from "./dispatch.js";

type TaskRequestName = keyof typeof TaskRequests | keyof typeof NotificationRequests;

const toDevice = (subscription: PushSubscriptionRecord) => ({
  id: subscription.id,
  deviceLabel: subscription.deviceLabel,
  service: new URL(subscription.endpoint).host,
  createdAt: subscription.createdAt.toISOString(),
});

export function createTaskHandlers(deps: {
  tasks: TaskService;
  notifier: Notifier;
  store: NotificationStore;
  sessions: SessionService;
  events: EventLog;
}): Pick<Handlers, TaskRequestName> {
  const { tasks, notifier, store, sessions, events } = deps;
  return {
    "task-create": async (ctx, request) => ({ task: toTaskSummary(await tasks.create(ctx.userId, request)) }),
    "task-list": async (ctx, request) => {
      await ctx.client.join(userRoom(ctx.userId));
      const list = await tasks.list(ctx.userId, { statuses: request.status, limit: request.limit });
      return { tasks: list.map(toTaskSummary) };
    },
    "task-get": async (ctx, request) => {
      const task = await tasks.get(ctx.userId, request.taskId);
      await ctx.client.join(userRoom(ctx.userId));
      return { task: toTaskSummary(task) };
    },
    "changes-keep": async (ctx, request) => {
      await sessions.access(ctx.userId, request.sessionId);
      const paths = [...new Set(request.paths.map((path) => normalizeWorkspacePath(path)))];
      if (paths.some((path) => !path)) throw new ProtocolError("outside_workspace", "Only files inside the workspace can be kept.");
      await events.append(request.sessionId, [{ type: "changes-kept", payload: { paths, keptBy: ctx.userId } }]);
      return {};
    },
    "push-config": async () => ({ publicKey: notifier.publicKey }),
    "push-subscribe": async (ctx, request) => {
      if (!notifier.publicKey) throw new ProtocolError("unavailable", "This server has no Web Push keys; set CODEYARD_VAPID_PUBLIC_KEY and CODEYARD_VAPID_PRIVATE_KEY.");
      return { device: toDevice(await store.savePushSubscription(ctx.userId, request)) };
    },
    "push-list": async (ctx) => ({ devices: (await store.pushSubscriptions(ctx.userId)).map(toDevice) }),
    "push-remove": async (ctx, request) => {
      if (!(await store.removePushSubscription(ctx.userId, request.deviceId))) throw new ProtocolError("not_found", "That device is not subscribed (any more).");
      return {};
    },
    "notification-list": async (ctx, request) => {
      await ctx.client.join(userRoom(ctx.userId));
      const { notifications, unread } = await store.notificationsForUser(ctx.userId, request.limit);
      return { notifications: notifications.map(toNotificationSummary), unread };
    },
    "notification-read": async (ctx, request) => {
      await store.markNotificationsRead(ctx.userId, request.ids);
      return {};
    },
  };
}
