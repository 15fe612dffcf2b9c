/**
 * Issue 8 on a phone (Pixel 7 viewport, touch): start a background task, close the page, the task
 * finishes and its Web Push arrives, open it from the notification, review the diffs (rewind one
 * file, keep the other), run a command in the read-mostly terminal, reply and watch the next step
 * stream in — it ends with a question, and the task waits for its owner (second push). Chromium here reaches no real push service: the phone's subscription points at a
 * local HTTPS push service (this test), the broker's `web-push` delivery to it is real (VAPID-signed,
 * encrypted, decrypted here), and the message reaches the service worker through DevTools
 * (`ServiceWorker.deliverPushMessage`), as the push service would deliver it.
 */
import { FakeProviderServer } from "@codeyard/agent/testing";
import { PushEndpoint } from "@codeyard/broker/testing";
import { devices, expect, test, type BrowserContext, type Page } from "@playwright/test";
import { io } from "socket.io-client";
import { createProject, signUp, snap, useFakeModel } from "../support/steps.js";
import { E2E } from "../support/ports.js";

// The phone: viewport, touch and user agent of a Pixel 7 (the browser stays the configured Chromium).
const { defaultBrowserType: _browser, ...pixel7 } = devices["Pixel 7"];
test.use({ ...pixel7 });

let fake: FakeProviderServer;
let pushService: PushEndpoint;
test.beforeAll(async () => {
  [fake, pushService] = await Promise.all([FakeProviderServer.start(), PushEndpoint.start(E2E.pushCertificate)]);
});
test.afterAll(async () => {
  await fake?.close();
  await pushService?.close();
});

/** Saves a push subscription for the signed-in user, as the devices page does after pushManager.subscribe(). */
async function subscribeDevice(context: BrowserContext, subscription: ReturnType<PushEndpoint["subscribe"]>): Promise<void> {
  const token = (await context.cookies()).find((cookie) => cookie.name === "codeyard_session")!.value;
  const socket = io(E2E.brokerUrl, { auth: { token, protocol: 1 }, transports: ["websocket"], forceNew: true, reconnection: false });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    expect(await socket.timeout(10_000).emitWithAck("push-subscribe", subscription)).toMatchObject({ ok: true });
  } finally {
    socket.close();
  }
}

/** Hands a push message to the app's service worker, the way the push service would. */
async function deliverToServiceWorker(context: BrowserContext, page: Page, data: string): Promise<void> {
  const origin = new URL(E2E.webUrl).origin;
  const cdp = await context.newCDPSession(page);
  const registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> = [];
  cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations: list }) => registrations.push(...list));
  await cdp.send("ServiceWorker.enable");
  await expect.poll(() => registrations.some((entry) => entry.scopeURL === `${origin}/` && !entry.isDeleted)).toBe(true);
  const { registrationId } = registrations.find((entry) => entry.scopeURL === `${origin}/` && !entry.isDeleted)!;
  await cdp.send("ServiceWorker.deliverPushMessage", { origin, registrationId, data });
  await cdp.detach();
}

/** The notifications the service worker is showing. */
async function shownNotifications(context: BrowserContext): Promise<Array<{ title: string; body: string; url: string }>> {
  const worker = context.serviceWorkers().find((candidate) => candidate.url().endsWith("/sw.js"));
  if (!worker) return [];
  return worker.evaluate(async () => {
    const { registration } = globalThis as unknown as { registration: ServiceWorkerRegistration };
    return (await registration.getNotifications()).map((shown) => ({ title: shown.title, body: shown.body, url: String((shown.data as { url?: string } | null)?.url) }));
  });
}

test("a background task on a phone: notified when done, reviewed and steered from the phone", async ({ page, context }, info) => {
  test.setTimeout(360_000);
  await context.grantPermissions(["notifications"], { origin: new URL(E2E.webUrl).origin });

  await signUp(page);
  const { projectId } = await createProject(page, "phone-tasks", "Node.js");
  await useFakeModel(page, projectId, fake, "qwen3-coder");
  const device = pushService.subscribe("Pixel 7 (test)");
  await subscribeDevice(context, device);

  // The inbox, then a new task from the composer.
  await page.goto("/m");
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await expect(page.getByTestId("connection-state")).toHaveAttribute("aria-label", "Connected", { timeout: 30_000 });
  await snap(page, info, "phone-inbox-empty");
  fake.reset();
  fake.enqueue(
    { toolCalls: [{ name: "edit_file", input: { path: "index.js", old_string: "return `Hello, ${name}!`;", new_string: "return `Hi, ${name}!`;" } }] },
    { toolCalls: [{ name: "write_file", input: { path: "NOTES.md", content: "Greeting changed.\n" } }] },
    { toolCalls: [{ name: "bash", input: { command: "sleep 6; node index.js" } }] },
    { text: "I changed the greeting in `index.js`: it now says Hi." },
  );
  await page.getByRole("link", { name: "New task" }).tap();
  await expect(page.getByRole("heading", { name: "New task" })).toBeVisible();
  await page.getByLabel("What should the agent do?").fill("Make the greeting less formal.");
  await snap(page, info, "phone-composer");
  await page.getByRole("button", { name: "Start task" }).tap();
  await expect(page).toHaveURL(/\/m\/tasks\/[^/]+$/, { timeout: 60_000 });
  const taskUrl = page.url();
  await expect(page.getByTestId("task-status")).toHaveText("Running");

  // Close the page: the agent keeps working; its Web Push reaches the (local) push service.
  await page.close();
  await expect.poll(() => pushService.pushesTo(device.endpoint).length, { timeout: 120_000, message: "push delivered" }).toBe(1);
  const [push] = pushService.pushesTo(device.endpoint);
  expect(push!.payload).toMatchObject({ title: "Task finished · phone-tasks", body: "Make the greeting less formal.", url: new URL(taskUrl).pathname });
  expect(pushService.rejected).toEqual([]);

  // The push service hands it to the phone's service worker, which shows it; tapping opens the task.
  const blank = await context.newPage();
  await deliverToServiceWorker(context, blank, JSON.stringify(push!.payload));
  await expect.poll(() => shownNotifications(context), { timeout: 20_000 }).toEqual([{ title: "Task finished · phone-tasks", body: "Make the greeting less formal.", url: taskUrl }]);
  const [notification] = await shownNotifications(context);
  const phone = await context.newPage();
  await blank.close();
  await phone.goto(notification!.url);
  await expect(phone.getByTestId("task-status")).toHaveText("Done");
  await expect(phone.getByText("it now says Hi.")).toBeVisible();
  // Tool calls are collapsed to one line each.
  await expect(phone.locator("details").first()).toHaveJSProperty("open", false);
  await expect(phone.locator("details")).toHaveCount(3);
  expect(await phone.locator(".monaco-editor").count()).toBe(0);
  await snap(phone, info, "phone-task-done");

  // Review the diffs, read-only: rewind the notes the agent added, keep its code change.
  await phone.getByRole("tab", { name: /Changes/ }).tap();
  const changed = phone.getByRole("list", { name: "Changed files" });
  await expect(changed).toContainText("index.js");
  await expect(changed).toContainText("NOTES.md");
  await expect(changed).toContainText("To review");
  await phone.getByRole("button", { name: /NOTES\.md/ }).tap();
  await phone.getByRole("button", { name: "Rewind" }).tap();
  await expect(phone.getByRole("status").filter({ hasText: "NOTES.md did not exist before the agent's changes: it was removed." })).toBeVisible();
  await expect(changed).not.toContainText("NOTES.md");
  await phone.getByRole("button", { name: /index\.js/ }).tap();
  const diff = phone.getByRole("table", { name: "Diff of index.js" });
  await expect(diff.locator('[data-kind="del"]')).toContainText("return `Hello, ${name}!`;");
  await expect(diff.locator('[data-kind="add"]')).toContainText("return `Hi, ${name}!`;");
  await snap(phone, info, "phone-diff");
  await phone.getByRole("button", { name: "Keep" }).tap();
  await expect(phone.getByRole("button", { name: "Kept ✓" })).toBeDisabled();
  await phone.getByRole("button", { name: "← Files" }).tap();
  await expect(phone.getByText("All 1 kept")).toBeVisible();

  // The session's terminal, read-mostly: open one and run a command.
  await phone.getByRole("tab", { name: "Terminal" }).tap();
  await phone.getByRole("button", { name: "New terminal" }).tap();
  await expect(phone.getByTestId("terminal-output")).toBeVisible();
  await phone.getByLabel("Command to run in the terminal").fill("node index.js; ls NOTES.md");
  await phone.getByRole("button", { name: "Run", exact: true }).tap();
  await expect(phone.getByTestId("terminal-output")).toContainText("Hi, world!", { timeout: 30_000 });
  await expect(phone.getByTestId("terminal-output")).toContainText("No such file or directory");
  await snap(phone, info, "phone-terminal");

  // Reply: the next run streams in, and ends asking a question (the task then waits for the owner).
  fake.enqueue({
    text: "Sure. Next I will make the greeting shout: HI, WORLD! That is a small change in index.js, done in a moment.",
    toolCalls: [{ name: "ask_user", input: { question: "Should the test expect the shouted greeting too?" } }],
    chunkSize: 6,
    chunkDelayMs: 120,
  });
  await phone.getByRole("tab", { name: "Agent" }).tap();
  await phone.getByLabel("Reply to the agent").fill("Now make it shout.");
  await phone.getByRole("button", { name: "Send" }).tap();
  await expect(phone.getByText("Now make it shout.")).toBeVisible();
  await expect(phone.getByText(/Sure\. Next I will.*▍/)).toBeVisible({ timeout: 30_000 });
  await snap(phone, info, "phone-reply-streaming");
  await expect(phone.getByText("done in a moment.")).toBeVisible({ timeout: 30_000 });
  await expect(phone.getByTestId("task-status")).toHaveText("Waiting for you");
  await expect(phone.getByRole("note")).toContainText("Should the test expect the shouted greeting too?");
  await expect.poll(() => pushService.pushesTo(device.endpoint).length, { timeout: 30_000 }).toBe(2);
  expect(pushService.pushesTo(device.endpoint)[1]!.payload).toMatchObject({ title: "Task needs your answer · phone-tasks", body: "Should the test expect the shouted greeting too?" });
  await snap(phone, info, "phone-task-waiting");

  // The inbox, the in-app notification list and the device list.
  await phone.goto("/m");
  const row = phone.getByRole("list", { name: "Tasks" }).getByRole("link").first();
  await expect(row).toContainText("Waiting for you");
  await expect(row).toContainText("Should the test expect the shouted greeting too?");
  await expect(row).toContainText("2 files changed");
  await snap(phone, info, "phone-inbox");
  await phone.getByRole("link", { name: /Notifications/ }).tap();
  await expect(phone.getByRole("list", { name: "Notifications" })).toContainText("Task finished · phone-tasks");
  await expect(phone.getByRole("list", { name: "Notifications" })).toContainText("Task needs your answer · phone-tasks");
  await snap(phone, info, "phone-notifications");
  await phone.goto("/m/devices");
  await expect(phone.getByRole("region", { name: "Subscribed devices" })).toContainText("Pixel 7 (test)");
  await snap(phone, info, "phone-devices");
  await phone.getByRole("button", { name: "Remove Pixel 7 (test)" }).tap();
  await expect(phone.getByRole("region", { name: "Subscribed devices" })).toContainText("None yet.");

  // The manifest makes it installable.
  const manifest = (await (await phone.request.get("/manifest.webmanifest")).json()) as { start_url: string; display: string; icons: unknown[] };
  expect(manifest).toMatchObject({ start_url: "/m", display: "standalone" });
  expect(manifest.icons.length).toBeGreaterThanOrEqual(2);
});
