/**
 * The whole journey of issue 5, in a real browser against the real stack: sign up → create a
 * project → edit and save a file in Monaco → run it in the terminal → reload and find the
 * terminal screen intact → ask the agent to change the code → see the diff → preview a server
 * started in the sandbox. Screenshots of each main screen are attached to the report, and every
 * request the browser made must stay on loopback.
 */
import { FakeProviderServer } from "@codeyard/agent/testing";
import { expect, test } from "@playwright/test";
import { createProject, signUp, snap, useFakeModel } from "../support/app-steps.js";

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|[a-z0-9-]+\.preview\.localhost)$/;

let fake: FakeProviderServer;
test.beforeAll(async () => {
  fake = await FakeProviderServer.start();
});
test.afterAll(async () => fake?.close());

test("sign up, code with the agent in a sandbox, preview the app", async ({ page }, info) => {
  const requests: string[] = [];
  const consoleMessages: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => consoleMessages.push(message.text()));

  // Sign up: the first user of a fresh install (or a later one) lands on their projects.
  await signUp(page, info);
  await snap(page, info, "projects");

  // Create a project; it opens its first session in the IDE.
  const { projectId, ideUrl } = await createProject(page, "journey");

  // Model settings: an OpenAI-compatible server (here the local fake) for this project.
  await useFakeModel(page, projectId, fake);
  await snap(page, info, "project-settings");

  // The IDE: create app.js, type in Monaco, save.
  await page.goto(ideUrl);
  await expect(page.getByTestId("connection-state")).toHaveText(/connected/i, { timeout: 60_000 });
  await page.getByRole("button", { name: "New file" }).click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("app.js");
  await page.keyboard.press("Enter");
  const editor = page.locator(".monaco-editor").first();
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.type('console.log("hello from codeyard");\n');
  await page.keyboard.press("Control+s");
  await expect(page.getByText("app.js").first()).toBeVisible();
  await snap(page, info, "ide-editor");

  // Run it in a terminal.
  await page.getByRole("button", { name: "New terminal" }).click();
  const terminal = page.locator(".xterm:visible").first();
  await expect(terminal).toBeVisible();
  await terminal.click();
  await page.keyboard.type("node app.js\n");
  await expect(page.locator(".xterm:visible .xterm-rows").first()).toContainText("hello from codeyard", { timeout: 30_000 });

  // Reload: the terminal comes back with the same screen.
  await page.reload();
  await expect(page.getByTestId("connection-state")).toHaveText(/connected/i, { timeout: 60_000 });
  await expect(page.locator(".xterm:visible .xterm-rows").first()).toContainText("hello from codeyard", { timeout: 30_000 });
  await snap(page, info, "ide-terminal-after-reload");

  // Ask the agent to change the code; it edits the file; the diff shows.
  fake.reset();
  fake.enqueue(
    { toolCalls: [{ name: "edit_file", input: { path: "app.js", old_string: "hello from codeyard", new_string: "hello from the agent" } }] },
    { text: "I changed the greeting in `app.js`." },
  );
  await page.getByRole("textbox", { name: "Task for the agent" }).fill("Change the greeting to say it comes from the agent");
  await page.keyboard.press("Enter");
  await expect(page.getByText("I changed the greeting").first()).toBeVisible({ timeout: 60_000 });
  await page.getByTitle("Show the changes").first().click();
  await expect(page.locator(".monaco-diff-editor").first()).toBeVisible();
  await expect(page.locator(".monaco-diff-editor").first()).toContainText("hello from the agent");
  await snap(page, info, "agent-diff");

  // Start a server in the sandbox and open its preview on its own origin.
  await terminal.click();
  await page.keyboard.type("python3 -m http.server 8000 --bind 127.0.0.1\n");
  await page.getByRole("button", { name: /preview/i }).click();
  const link = page.getByRole("link", { name: /8000/ });
  await expect(link).toBeVisible({ timeout: 30_000 });
  const href = (await link.getAttribute("href"))!;
  expect(new URL(href).hostname).toMatch(/^8000-s[0-9a-f]+\.preview\.localhost$/);
  const preview = await page.context().newPage();
  preview.on("request", (request) => requests.push(request.url()));
  await preview.goto(href);
  await expect(preview.getByText("app.js")).toBeVisible();
  await snap(preview, info, "preview");

  const foreign = requests.filter((url) => !url.startsWith("data:") && !url.startsWith("blob:") && !LOOPBACK.test(new URL(url).hostname));
  await info.attach("request-log", { body: requests.join("\n"), contentType: "text/plain" });
  expect(foreign).toEqual([]);
  expect(consoleMessages.filter((text) => /Could not create web worker/i.test(text))).toEqual([]);
});
