/** Steps of the end-to-end tests that several specs take through the real UI. */
import type { FakeProviderServer } from "@codeyard/agent/testing";
import { expect, type Page, type TestInfo } from "@playwright/test";

export async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  await info.attach(name, { body: await page.screenshot(), contentType: "image/png" });
}

/** Signs up a new user (the first user of a fresh install, or a later one); lands on the projects. */
export async function signUp(page: Page, info?: TestInfo): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill(`ada-${Date.now()}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery staple");
  if (info) await snap(page, info, "sign-up");
  await page.getByRole("button", { name: /create/i }).click();
  await expect(page).toHaveURL(/\/projects/);
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

/** Model settings: an OpenAI-compatible server (the local fake) for this project. */
export async function useFakeModel(page: Page, projectId: string, fake: FakeProviderServer): Promise<void> {
  await page.goto(`/projects/${projectId}/settings`);
  const modelForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Save model settings" }) });
  await modelForm.getByLabel("Provider").selectOption("openai-compatible");
  await modelForm.getByLabel("Model", { exact: true }).fill("qwen3-coder");
  await modelForm.getByRole("button", { name: "Save model settings" }).click();
  await expect(modelForm.getByRole("button", { name: "Save model settings" })).toBeEnabled();
  const keyForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Save API key" }) });
  await keyForm.getByLabel("Provider").selectOption("openai-compatible");
  await keyForm.getByLabel("API key").fill("test-key");
  await keyForm.getByLabel("Base URL").fill(fake.openaiBaseURL);
  await keyForm.getByRole("button", { name: "Save API key" }).click();
  await expect(page.getByLabel("Stored API keys")).toContainText("OpenAI-compatible");
}
