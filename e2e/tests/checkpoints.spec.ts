/**
 * Issue 6 in a real browser against the real stack: take a checkpoint, let the agent change a
 * file, rewind from the timeline (the file comes back, the abandoned future is listed as a
 * branch), branch from a checkpoint into a new session with its own sandbox, then run four
 * attempts of one task whose fake-model answers pass or fail the project's verify command, see
 * them ranked, keep the best and find its file in the session.
 */
import { FakeProviderServer, lastToolResult, type RecordedRequest } from "@codeyard/agent/testing";
import { expect, test, type Page } from "@playwright/test";
import { createFile, createProject, editorText, openIde, signUp, snap, useFakeModel } from "../support/steps.js";

let fake: FakeProviderServer;
test.beforeAll(async () => {
  fake = await FakeProviderServer.start();
});
test.afterAll(async () => fake?.close());

const VERIFY = "grep -qx 42 answer.txt";

const agentTab = (page: Page, name: "Chat" | "Timeline" | "Branches" | "Attempts") =>
  page.getByRole("tablist", { name: "Agent views" }).getByRole("tab", { name });
const checkpointRow = (page: Page, label: string) => page.getByRole("listitem", { name: `Checkpoint ${label}`, exact: true });
const confirmDialog = (page: Page) => page.getByRole("dialog");

test("rewind and branch from the timeline; attempts ranked by the verify command, the best one kept", async ({ page }, info) => {
  await signUp(page);
  const { projectId, ideUrl } = await createProject(page, "checkpoints");
  await useFakeModel(page, projectId, fake, "qwen3-coder");
  // The project's verify command is what the attempts form starts with.
  await page.goto(`/projects/${projectId}/settings`);
  await page.getByLabel("Verify command (optional)").fill(VERIFY);
  await page.getByRole("button", { name: "Save sandbox settings" }).click();
  await expect(page.getByRole("button", { name: "Save sandbox settings" })).toBeEnabled();

  // A file, then a checkpoint of it from the timeline.
  await openIde(page, ideUrl);
  await createFile(page, "notes.txt", "first-draft");
  await agentTab(page, "Timeline").click();
  await page.getByLabel("Checkpoint label").fill("draft");
  await page.getByRole("button", { name: "Checkpoint now" }).click();
  await expect(checkpointRow(page, "draft")).toBeVisible({ timeout: 60_000 });
  await expect(checkpointRow(page, "draft")).toContainText(/environment/);

  // The agent rewrites the file; its turn leaves a checkpoint too.
  fake.reset();
  fake.enqueue({ toolCalls: [{ name: "write_file", input: { path: "notes.txt", content: "rewritten-by-agent\n" } }] }, { text: "I rewrote notes.txt." });
  await agentTab(page, "Chat").click();
  await page.getByRole("textbox", { name: "Task for the agent" }).fill("Rewrite the notes");
  await page.keyboard.press("Enter");
  await expect(page.getByText("I rewrote notes.txt.").first()).toBeVisible({ timeout: 60_000 });
  // (Reopened from disk: the broker does not report a write to a path saved less than 2 s before.)
  await page.getByRole("button", { name: "Close notes.txt", exact: true }).click();
  await page.getByRole("treeitem", { name: "notes.txt" }).click();
  await expect(editorText(page)).toContainText("rewritten-by-agent");
  await agentTab(page, "Timeline").click();
  await expect(checkpointRow(page, "After: Rewrite the notes")).toBeVisible({ timeout: 60_000 });

  // Rewind to "draft": confirm, and the file is back in the editor; the turn leaves the chat.
  await checkpointRow(page, "draft").getByRole("button", { name: "Rewind" }).click();
  await expect(confirmDialog(page)).toContainText("kept as a branch");
  await confirmDialog(page).getByRole("button", { name: "Rewind" }).click();
  await expect(editorText(page)).toContainText("first-draft", { timeout: 60_000 });
  await expect(checkpointRow(page, "After: Rewrite the notes")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Open that branch" })).toBeVisible();
  await snap(page, info, "timeline-after-rewind");
  await agentTab(page, "Chat").click();
  await expect(page.getByLabel("Rewind", { exact: true })).toContainText("Rewound to “draft”");
  await expect(page.getByText("I rewrote notes.txt.")).toHaveCount(0);
  // The abandoned future is a branch of this session.
  await agentTab(page, "Branches").click();
  const branches = page.getByRole("list", { name: "Branches" });
  await expect(branches.getByRole("link", { name: /before rewind/ })).toBeVisible({ timeout: 30_000 });
  await expect(branches.locator('[aria-current="page"]')).toContainText("(this session)");

  // Branch from "draft": a new session with its own sandbox opens.
  await agentTab(page, "Timeline").click();
  await checkpointRow(page, "draft").getByRole("button", { name: "Branch" }).click();
  await expect(page).not.toHaveURL(ideUrl, { timeout: 120_000 });
  await expect(page).toHaveURL(/\/projects\/[^/]+\/sessions\/[^/]+$/);
  const branchUrl = page.url();
  await openIde(page);
  await page.getByRole("treeitem", { name: "notes.txt" }).click();
  await expect(editorText(page)).toContainText("first-draft");
  await createFile(page, "branch-only.txt", "only-here");
  await agentTab(page, "Branches").click();
  await expect(branches.locator('[aria-current="page"]')).toContainText("Branch from “draft”");
  await snap(page, info, "branch-tree");
  // Compare the branch with the session it came from.
  const rootRow = branches.getByRole("listitem").first();
  await rootRow.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Compare selected" }).click();
  const compare = page.getByRole("dialog", { name: /^Compare / });
  await expect(compare.getByRole("region", { name: "Changes to branch-only.txt" })).toContainText("only-here", { timeout: 60_000 });
  await snap(page, info, "branches-compare");
  await compare.getByRole("button", { name: "Close the comparison" }).click();
  // Back to the main session: the branch's file is not there (its own sandbox).
  await rootRow.getByRole("link").click();
  await expect(page).toHaveURL(ideUrl);
  await openIde(page);
  await expect(page.getByRole("treeitem", { name: "notes.txt" })).toBeVisible();
  await expect(page.getByRole("treeitem", { name: "branch-only.txt" })).toHaveCount(0);
  expect(branchUrl).not.toBe(ideUrl);

  // Four attempts: each model writes its answer; the "good" ones pass the verify command.
  fake.reset();
  const turn = (request: RecordedRequest) => {
    if (lastToolResult(request)) return { text: `Wrote the answer with ${request.model}.` };
    const calls = [{ name: "write_file", input: { path: "answer.txt", content: request.model.startsWith("good") ? "42\n" : "41\n" } }];
    if (request.model === "good-verbose") calls.push({ name: "write_file", input: { path: "explanation.md", content: "one\ntwo\nthree\n" } });
    return { toolCalls: calls };
  };
  for (let i = 0; i < 12; i++) fake.enqueue(turn);
  await agentTab(page, "Attempts").click();
  const form = page.getByRole("form", { name: "New attempts" });
  await form.getByLabel("Task for the attempts").fill("Write the answer");
  await form.getByLabel("Number of attempts").fill("4");
  const models = ["bad-a", "good-verbose", "bad-b", "good-lean"];
  for (const [index, model] of models.entries()) await form.getByLabel(`Model for attempt ${index + 1}`).fill(model);
  await expect(form.getByLabel("Verify command")).toHaveValue(VERIFY);
  await form.getByRole("button", { name: "Start 4 attempts" }).click();

  const attempts = page.getByRole("list", { name: "Ranked attempts" }).getByRole("listitem");
  await expect(attempts).toHaveCount(4, { timeout: 120_000 });
  await expect(attempts.filter({ hasText: /Verify (passed|failed)/ })).toHaveCount(4, { timeout: 180_000 });
  await expect(attempts.nth(0)).toHaveAttribute("aria-label", /good-lean/);
  await expect(attempts.nth(1)).toHaveAttribute("aria-label", /good-verbose/);
  for (const index of [0, 1]) await expect(attempts.nth(index)).toContainText("Verify passed");
  for (const index of [2, 3]) await expect(attempts.nth(index)).toContainText("Verify failed");
  await expect(attempts.nth(0)).toContainText("1 file +1");
  await expect(attempts.nth(1)).toContainText("2 files +4");
  await snap(page, info, "attempts-ranked");
  // The best attempt's diff against the checkpoint the attempts started from.
  await attempts.nth(0).getByRole("button", { name: "Diff" }).click();
  await expect(compare.getByRole("region", { name: "Changes to answer.txt" })).toContainText("42", { timeout: 60_000 });
  await compare.getByRole("button", { name: "Close the comparison" }).click();

  // Keep the best: it becomes this session's continuation, the others are archived.
  await attempts.nth(0).getByRole("button", { name: "Keep", exact: true }).click();
  await confirmDialog(page).getByRole("button", { name: "Keep it" }).click();
  await expect(attempts.nth(0)).toContainText("Kept", { timeout: 120_000 });
  for (const index of [1, 2, 3]) await expect(attempts.nth(index)).toContainText("Archived");
  await expect(page.getByRole("button", { name: "Keep", exact: true })).toHaveCount(0);
  await snap(page, info, "attempts-kept");
  await page.getByRole("treeitem", { name: "answer.txt" }).click();
  await expect(editorText(page)).toContainText("42");
  await agentTab(page, "Chat").click();
  await expect(page.getByLabel("Attempt kept")).toContainText("good-lean");
  await expect(page.getByText("Wrote the answer with good-lean.").first()).toBeVisible();
  expect(fake.failures).toEqual([]);
});
