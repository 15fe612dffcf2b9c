/** Steps several end-to-end journeys share: signing up, creating a project, pointing it at the fake model. */
import type { FakeProviderServer } from "@codeyard/agent/testing";
import { expect, type Page, type TestInfo } from "@playwright/test";

export async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  await info.attach(name, { body: await page.screenshot(), contentType: "image/png" });
}

/** Signs up a new account (it gets its own organization) and lands on its projects. */
export async function signUp(page: Page, name: string, email: string, onForm?: () => Promise<void>): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await onForm?.();
  await page.getByRole("button", { name: /create/i }).click();
  await expect(page).toHaveURL(/\/projects/);
}

/** Creates an empty project; it opens its first session in the IDE. */
export async function createProject(page: Page, name: string): Promise<{ ideUrl: string; projectId: string }> {
  await page.goto("/projects/new");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: /create/i }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+\/sessions\/[^/]+/, { timeout: 60_000 });
  const ideUrl = page.url();
  return { ideUrl, projectId: /\/projects\/([^/]+)\//.exec(ideUrl)![1]! };
}

/** Model settings: an OpenAI-compatible server (the local fake) for this project, with its key. */
export async function useFakeModel(page: Page, projectId: string, fake: FakeProviderServer, onSaved?: () => Promise<void>): Promise<void> {
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
  await onSaved?.();
}

/** Opens the IDE and waits until it is connected to the broker. */
export async function openIde(page: Page, ideUrl: string): Promise<void> {
  await page.goto(ideUrl);
  await expect(page.getByTestId("connection-state")).toHaveText(/connected/i, { timeout: 60_000 });
}
