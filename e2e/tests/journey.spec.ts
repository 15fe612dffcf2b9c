/**
 * The whole journey of issue 5, in a real browser against the real stack: sign up → create a
 * project → edit and save a file in Monaco → run it in the terminal → reload and find the
 * terminal screen intact → ask the agent to change the code → see the diff → preview a server
 * started in the sandbox. Screenshots of each main screen are attached to the report, and every
 * request the browser made must stay on loopback. Along the way: an unsaved buffer survives the
 * reload, and the agent runs on the model picked for that run, with its tokens and cost shown.
 */
import { FakeProviderServer } from "@codeyard/agent/testing";
import { expect, test } from "@playwright/test";
import { createFile, createProject, openIde, signUp, snap, useFakeModel } from "../support/steps.js";

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

  // Create a project; it opens its first session in the IDE.
  const { ideUrl, projectId } = await createProject(page, "journey");

  // Model settings: an OpenAI-compatible server (here the local fake) for this project.
  await useFakeModel(page, projectId, fake, "qwen3-coder", info);

  // The IDE: create app.js, type in Monaco, save.
  await openIde(page, ideUrl);
  await createFile(page, "app.js", 'console.log("hello from codeyard");\n');
  await expect(page.getByText("app.js").first()).toBeVisible();
  await snap(page, info, "ide-editor");

  // Run it in a terminal.
  await page.getByRole("button", { name: "New terminal" }).click();
  const terminal = page.locator(".xterm:visible").first();
  await expect(terminal).toBeVisible();
  await terminal.click();
  await page.keyboard.type("node app.js\n");
  await expect(page.locator(".xterm:visible .xterm-rows").first()).toContainText("hello from codeyard", { timeout: 30_000 });

  // An edit left unsaved in another file.
  await page.getByRole("button", { name: "New file" }).click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("notes.md");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Close notes.md", exact: true })).toBeVisible();
  await page.locator(".monaco-editor").first().click();
  await page.keyboard.type("unsaved-draft");
  await expect(page.getByRole("button", { name: "notes.md has unsaved changes; close" })).toBeVisible();

  // Reload: the terminal comes back with the same screen, the unsaved edit with its file.
  await page.reload();
  await openIde(page);
  await expect(page.locator(".xterm:visible .xterm-rows").first()).toContainText("hello from codeyard", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: "notes.md has unsaved changes; close" })).toBeVisible();
  await expect(page.locator(".monaco-editor").first()).toContainText("unsaved-draft");
  await snap(page, info, "ide-terminal-after-reload");

  // Ask the agent to change the code; it edits the file; the diff shows.
  fake.reset();
  fake.enqueue(
    { toolCalls: [{ name: "edit_file", input: { path: "app.js", old_string: "hello from codeyard", new_string: "hello from the agent" } }] },
    { text: "I changed the greeting in `app.js`." },
  );
  await page.getByRole("textbox", { name: "Model for the next run" }).fill("qwen3-coder-next");
  await page.getByRole("textbox", { name: "Task for the agent" }).fill("Change the greeting to say it comes from the agent");
  await page.keyboard.press("Enter");
  await expect(page.getByText("I changed the greeting").first()).toBeVisible({ timeout: 60_000 });
  expect(fake.requests.map((request) => request.model)).toContain("qwen3-coder-next");
  const run = page.getByRole("article", { name: "Agent run" }).last();
  await expect(run).toContainText("qwen3-coder-next");
  await expect(run.getByTitle("Tokens in, out and cached, and the cost of this run")).toContainText(/tokens/);
  await page.getByTitle("Show the changes").first().click();
  await expect(page.locator(".monaco-diff-editor").first()).toBeVisible();
  await expect(page.locator(".monaco-diff-editor").first()).toContainText("hello from the agent");
  await snap(page, info, "agent-diff");

  // Start a server in the sandbox and open its preview on its own origin.
  await terminal.click();
  await page.keyboard.type("python3 -m http.server 8000 --bind 127.0.0.1\n");
  // The menu lists the ports listening when it opens: wait until the server is up.
  await expect(page.locator(".xterm:visible .xterm-rows").first()).toContainText("Serving HTTP on 127.0.0.1 port 8000", { timeout: 30_000 });
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
