/**
 * Sharing a session (issue 7), with two signed-in browsers and an anonymous one: user A shares a
 * live session with her organization; user B (a member, on a phone-sized screen) follows it and
 * sees the run stream in without reloading; anyone holding a `link` share's token reads it signed
 * out; a revoked link is refused; the team page lists the shared session. B then forks the session
 * at a checkpoint into a project of his own and runs the agent there while A goes on in hers.
 */
import { FakeProviderServer, lastToolResult, userTexts, type RecordedRequest } from "@codeyard/agent/testing";
import { expect, test, type Page } from "@playwright/test";
import { createProject, openIde, signUp, snap, useFakeModel } from "../support/steps.js";

let fake: FakeProviderServer;
test.beforeAll(async () => {
  fake = await FakeProviderServer.start();
});
test.afterAll(async () => fake?.close());

/** Creates a share link from the IDE's Share dialog and returns its URL (shown once). */
async function shareFromIde(page: Page, visibility: "organization" | "link"): Promise<string> {
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share this session" });
  await dialog.getByLabel("Who can open it").selectOption(visibility);
  await dialog.getByRole("button", { name: "Create link" }).click();
  const field = dialog.getByLabel("Share link", { exact: true });
  await expect(field).toHaveValue(/\/share\/[A-Za-z0-9_-]{43}$/);
  const url = await field.inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  return url;
}

test("A shares a live session; B follows it live; anyone with the link reads it; a revoked link is refused", async ({ page, browser, baseURL }, info) => {
  const stamp = Date.now();
  const bobEmail = `bob-${stamp}@example.test`;

  // B has an account; A signs up, adds B to her organization and allows sharing by link.
  const bobContext = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const bob = await bobContext.newPage();
  await signUp(bob, undefined, { name: "Bob Builder", email: bobEmail });
  await signUp(page, undefined, { name: "Alice Admin", email: `alice-${stamp}@example.test` });
  const membersHref = await page.locator('a[href^="/orgs/"][href$="/members"]').first().getAttribute("href");
  const orgId = /^\/orgs\/([^/]+)\//.exec(membersHref!)![1]!;
  await page.goto(`/orgs/${orgId}/members`);
  await page.getByLabel("Email").fill(bobEmail);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText(`(${bobEmail}) is now a member`)).toBeVisible();
  await page.goto(`/orgs/${orgId}/settings`);
  await page.getByLabel("Allow sharing sessions by link").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Organization settings saved.")).toBeVisible();

  const { ideUrl, projectId } = await createProject(page, "shared-work");
  const sessionId = /\/sessions\/([^/?#]+)/.exec(ideUrl)![1]!;
  await useFakeModel(page, projectId, fake, "qwen3-coder");
  await openIde(page, ideUrl);

  // A shares the session with her organization; B opens the link and waits.
  const orgLink = await shareFromIde(page, "organization");
  await bob.goto(orgLink);
  await expect(bob.getByTestId("connection-state")).toHaveText(/connected/i, { timeout: 30_000 });
  await expect(bob.getByText("Nothing has happened in this session yet")).toBeVisible();
  await bob.evaluate(() => ((window as unknown as { followedSinceLoad: boolean }).followedSinceLoad = true));

  // A runs the agent; the run streams into B's page as it happens.
  fake.reset();
  fake.enqueue({ toolCalls: [{ name: "bash", input: { command: "sleep 4; echo shared-step-one" } }] }, { text: "First step done: **shared-step-one** was printed." });
  await page.getByRole("textbox", { name: "Task for the agent" }).fill("Print the first step for the team");
  await page.keyboard.press("Enter");
  await expect(bob.getByText("Print the first step for the team")).toBeVisible({ timeout: 60_000 });
  await expect(bob.getByTestId("live-state")).toContainText("Live");
  await expect(bob.getByText("sleep 4; echo shared-step-one", { exact: true })).toBeVisible();
  await snap(bob, info, "viewer-live-phone");
  await expect(bob.getByText("First step done:")).toBeVisible({ timeout: 60_000 });
  await expect(bob.getByTestId("live-state")).toHaveText("Not running");
  expect(await bob.evaluate(() => (window as unknown as { followedSinceLoad?: boolean }).followedSinceLoad)).toBe(true);
  // The tool call is collapsed; opening it shows the command's output.
  await bob.getByText("sleep 4; echo shared-step-one", { exact: true }).click();
  await expect(bob.locator("details[open] pre").last()).toContainText("shared-step-one");
  await snap(bob, info, "viewer-finished-phone");
  // A was not disturbed: her IDE shows the same answer and is still connected.
  await expect(page.getByText("First step done:").first()).toBeVisible();
  await expect(page.getByTestId("connection-state")).toHaveText(/connected/i);

  // Anyone with a `link` share reads it signed out; the organization link and the member address do not let them in.
  const publicLink = await shareFromIde(page, "link");
  const anonymousContext = await browser.newContext({ baseURL });
  const anonymous = await anonymousContext.newPage();
  await anonymous.goto(publicLink);
  await expect(anonymous.getByText("First step done:")).toBeVisible({ timeout: 30_000 });
  await expect(anonymous.getByRole("link", { name: "Sign in to fork this session" })).toBeVisible();
  await snap(anonymous, info, "viewer-anonymous");
  await anonymous.goto(orgLink);
  await expect(anonymous.getByTestId("share-refused")).toHaveAttribute("data-reason", "sign_in");
  await anonymous.goto(`/shared/${sessionId}`);
  await expect(anonymous).toHaveURL(/\/sign-in/);

  // B finds the session on the team page, with its model.
  await bob.goto(`/orgs/${orgId}/team`);
  const listed = bob.getByTestId("team-session").filter({ hasText: "shared-work" });
  await expect(listed).toContainText("qwen3-coder");
  await expect(listed).toContainText("1 run");
  await snap(bob, info, "team-page-phone");

  // A revokes the public link: it is refused from then on; the organization link keeps working.
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share this session" });
  const publicRow = dialog.getByTestId("share-link-row").filter({ hasText: "Anyone with the link" });
  await publicRow.getByRole("button", { name: "Revoke" }).click();
  await expect(dialog.locator('[data-testid="share-link-row"][data-status="revoked"]')).toHaveCount(1);
  await expect(dialog.locator('[data-testid="share-link-row"][data-status="active"]')).toContainText("Organization");
  await snap(page, info, "share-dialog");
  await dialog.getByRole("button", { name: "Done" }).click();
  await anonymous.goto(publicLink);
  await expect(anonymous.getByTestId("share-refused")).toHaveAttribute("data-reason", "revoked");
  await snap(anonymous, info, "revoked-link");
  await bob.goto(orgLink);
  await expect(bob.getByText("First step done:")).toBeVisible({ timeout: 30_000 });

  // B forks the session at the checkpoint A's run left, into a project of his own (on a laptop now).
  const bobDesk = await browser.newContext({ baseURL, storageState: await bobContext.storageState() });
  const bobIde = await bobDesk.newPage();
  const bobProject = await createProject(bobIde, "bob-fork");
  await useFakeModel(bobIde, bobProject.projectId, fake, "qwen3-coder");
  await bobIde.goto(orgLink);
  const afterRun = bobIde.getByLabel("Checkpoint").filter({ hasText: "After: Print the first step" });
  await afterRun.getByRole("button", { name: "Fork from here" }).click();
  const forkDialog = bobIde.getByRole("dialog");
  await forkDialog.getByLabel("Into project").selectOption(bobProject.projectId);
  await snap(bobIde, info, "fork-dialog");
  await forkDialog.getByRole("button", { name: "Fork", exact: true }).click();
  await expect(bobIde).toHaveURL(new RegExp(`/projects/${bobProject.projectId}/sessions/`), { timeout: 60_000 });
  await openIde(bobIde);
  // The fork starts with A's conversation up to the checkpoint, in its own sandbox.
  await expect(bobIde.getByText("First step done:").first()).toBeVisible({ timeout: 30_000 });

  // B runs the agent in his fork while A runs hers; each answer lands in its own session only.
  fake.reset();
  const answer = (request: RecordedRequest) => {
    if (!userTexts(request).at(-1)?.includes("my fork")) return { text: "Second step done by A." };
    if (!lastToolResult(request)) return { toolCalls: [{ name: "bash", input: { command: "echo fork-only > fork.txt && echo wrote fork.txt" } }] };
    return { text: "Fork step done: **fork.txt** written." };
  };
  fake.enqueue(answer, answer, answer);
  await bobIde.getByRole("textbox", { name: "Task for the agent" }).fill("Continue in my fork");
  await bobIde.keyboard.press("Enter");
  await page.getByRole("textbox", { name: "Task for the agent" }).fill("Second step for the team");
  await page.keyboard.press("Enter");
  await expect(bobIde.getByText("Fork step done:")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("Second step done by A.")).toBeVisible({ timeout: 60_000 });
  await expect(bobIde.getByRole("treeitem", { name: /fork\.txt/ }).or(bobIde.getByText("fork.txt", { exact: true })).first()).toBeVisible({ timeout: 30_000 });
  await snap(bobIde, info, "fork-ide");
  await expect(page.getByText("Fork step done:")).toHaveCount(0);
  await expect(bobIde.getByText("Second step done by A.")).toHaveCount(0);
  await expect(page.getByTestId("connection-state")).toHaveText(/connected/i);

  await bobDesk.close();
  await anonymousContext.close();
  await bobContext.close();
});
