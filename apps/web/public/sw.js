/*
 * Codeyard's service worker: shows the push notifications the broker sends (task finished, failed,
 * waiting for an answer) and opens the task when one is tapped. Payload: { notificationId, title,
 * body, url, tag } (packages/protocol notification-events.ts, PushPayload). Nothing is cached:
 * the app needs the broker anyway.
 */
/* global self, URL */
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/** Only paths of this app are opened (a payload cannot send the user elsewhere). */
function appUrl(path) {
  return typeof path === "string" && path.startsWith("/") && !path.startsWith("//") ? new URL(path, self.location.origin).href : new URL("/m", self.location.origin).href;
}

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  const title = typeof data.title === "string" && data.title ? data.title : "Codeyard";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === "string" ? data.body : "",
      tag: typeof data.tag === "string" ? data.tag : undefined,
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      data: { url: appUrl(data.url), notificationId: data.notificationId },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = appUrl(new URL(event.notification.data?.url ?? "/m", self.location.origin).pathname);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const same = windows.find((client) => client.url === url);
      if (same) return same.focus();
      const open = windows.find((client) => "navigate" in client);
      if (open) return (await open.navigate(url))?.focus();
      return self.clients.openWindow(url);
    })(),
  );
});
