/**
 * Steps shared by the end-to-end specs: sign up, create a project, point its model at the local
 * fake model server, open the IDE. Given a TestInfo they attach a screenshot of each screen.
 */
import type { FakeProviderServer } from "@codeyard/agent/testing";
import { expect, type Page, type TestInfo } from "@playwright/test";

export async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  await info.attach(name, { body: await page.screenshot(), contentType: "image/png" });
}

/** A new account (the first of a fresh install becomes its admin); lands on the projects. */
export async function signUp(page: Page, info?: TestInfo, who: { name: string; email: string } = { name: "Ada Lovelace", email: `ada-${Date.now()}@example.test` }): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(who.name);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill("correct horse battery staple");
  if (info) await snap(page, info, "sign-up");
  await page.getByRole("button", { name: /create/i }).click();
  await expect(page).toHaveURL(/\/projects/);
  if (info) await snap(page, info, "projects");
}

/** Creates a project (optionally from a template); it opens its first session in the IDE. */
export async function createProject(page: Page, name: string, template?: "Node.js" | "Python"): Promise<{ projectId: string; ideUrl: string }> {
  await page.goto("/projects/new");
  await page.getByLabel("Name").fill(name);
  if (template) {
    await page.getByRole("radio", { name: /^Template/ }).check();
    await page.getByRole("radio", { name: new RegExp(`^${template.replace(".", "\\.")}`) }).check();
  }
  await page.getByRole("button", { name: /create/i }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+\/sessions\/[^/]+/, { timeout: 60_000 });
  const ideUrl = page.url();
  return { projectId: /\/projects\/([^/]+)\//.exec(ideUrl)![1]!, ideUrl };
}

/** Model settings: an OpenAI-compatible server (the local fake) with `model` as the project's model. */
export async function useFakeModel(page: Page, projectId: string, fake: FakeProviderServer, model: string, info?: TestInfo): Promise<void> {
  await page.goto(`/projects/${projectId}/settings`);
  const modelForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Save model settings" }) });
  await modelForm.getByLabel("Provider").selectOption("openai-compatible");
  await modelForm.getByLabel("Model", { exact: true }).fill(model);
  await modelForm.getByRole("button", { name: "Save model settings" }).click();
  await expect(modelForm.getByRole("button", { name: "Save model settings" })).toBeEnabled();
  const keyForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Save API key" }) });
  await keyForm.getByLabel("Provider").selectOption("openai-compatible");
  await keyForm.getByLabel("API key").fill("test-key");
  await keyForm.getByLabel("Base URL").fill(fake.openaiBaseURL);
  await keyForm.getByRole("button", { name: "Save API key" }).click();
  await expect(page.getByLabel("Stored API keys")).toContainText("OpenAI-compatible");
  if (info) await snap(page, info, "project-settings");
}

/** Opens a session's IDE (or reloads the current one) and waits for the broker connection. */
export async function openIde(page: Page, url?: string): Promise<void> {
  if (url) await page.goto(url);
  await expect(page.getByTestId("connection-state")).toHaveText(/connected/i, { timeout: 60_000 });
}

/** Creates a file from the file tree, types its content in Monaco and saves it. */
export async function createFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByRole("button", { name: "New file" }).click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.keyboard.press("Enter");
  const editor = page.locator(".monaco-editor").first();
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.type(text);
  await page.keyboard.press("Control+s");
  await expect(page.getByRole("button", { name: `Close ${name}`, exact: true })).toBeVisible();
}

/** The text the (one visible) Monaco editor shows. */
export function editorText(page: Page) {
  return page.locator(".monaco-editor .view-lines").first();
}
