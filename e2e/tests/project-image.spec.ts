/**
 * A project's Dockerfile in the IDE: a broken one fails the next new sandbox with the failing
 * step's output shown in the session; once fixed, the next start builds the image and the
 * sandbox runs from it (a file the Dockerfile made is there).
 */
import { execFileSync } from "node:child_process";
import { createDb } from "@codeyard/db";
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../support/ports.js";
import { createProject, openIde, signUp, snap } from "../support/steps.js";

let projectId: string | undefined;

const docker = (...args: string[]) =>
  execFileSync("docker", args, { encoding: "utf8" }).split("\n").filter(Boolean);

/** The test deletes its project; once the broker reaped its sandboxes, its images can go. */
test.afterAll(async () => {
  if (!projectId) return;
  const reference = `codeyard/project-${projectId}`;
  const images = [...new Set(docker("images", "-q", "--filter", `reference=${reference}`))];
  const deadline = Date.now() + 60_000;
  while (
    images.some((image) => docker("ps", "-aq", "--filter", `ancestor=${image}`).length > 0) &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  if (images.length) docker("rmi", ...images);
});

async function saveDockerfile(page: Page, dockerfile: string): Promise<void> {
  await page.goto(`/projects/${projectId}/settings`);
  const form = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Save sandbox settings" }) });
  await form.getByLabel("Dockerfile (optional)").fill(dockerfile);
  await form.getByRole("button", { name: "Save sandbox settings" }).click();
  await expect(form.getByRole("button", { name: "Save sandbox settings" })).toBeEnabled();
  await expect(form.getByRole("status")).toContainText("Sandbox settings saved");
}

/** A new session of the project (there is no button for one yet): its first open starts a new sandbox. */
async function newSession(): Promise<string> {
  const { db, close } = await createDb({ url: E2E.databaseUrl });
  try {
    const project = await db.project.findUniqueOrThrow({ where: { id: projectId! } });
    const session = await db.session.create({
      data: {
        projectId: project.id,
        ownerId: project.createdById,
        title: "With the project image",
      },
    });
    return `/projects/${projectId}/sessions/${session.id}`;
  } finally {
    await close();
  }
}

test("a broken Dockerfile shows its failing step in the session; a fixed one gives the sandbox its image", async ({
  page,
}, info) => {
  await signUp(page, undefined, { name: "Dora Docker", email: `dora-${Date.now()}@example.test` });
  ({ projectId } = await createProject(page, "custom-image"));

  await saveDockerfile(
    page,
    "FROM codeyard/sandbox\nRUN echo compiling-the-tools && echo 'tool.c: syntax error' >&2 && exit 7\n",
  );
  await page.goto(await newSession());
  const build = page.getByRole("alert", { name: "Project image" });
  await expect(build).toContainText("failed to build at step 2", { timeout: 120_000 });
  await expect(build).toContainText("returned a non-zero code: 7");
  await expect(build.locator("pre")).toContainText("compiling-the-tools");
  await expect(build.locator("pre")).toContainText("tool.c: syntax error");
  await expect(
    page.getByText(/Opening the session failed: The project image failed to build/),
  ).toBeVisible();
  await snap(page, info, "ide-image-build-failed");
  await expect(build.getByRole("link", { name: "Edit the Dockerfile" })).toHaveAttribute(
    "href",
    `/projects/${projectId}/settings#sandbox`,
  );

  await saveDockerfile(
    page,
    "FROM codeyard/sandbox\nUSER root\nRUN echo made-by-the-dockerfile > /opt/marker\n",
  );
  const fixed = await newSession();
  await openIde(page, fixed);
  await expect(page.getByRole("alert", { name: "Project image" })).toHaveCount(0);
  await page.getByRole("button", { name: "New terminal" }).click();
  const rows = page.locator(".xterm:visible .xterm-rows").first();
  await expect(rows).toContainText("coder@sandbox:/workspace$", { timeout: 30_000 });
  await page.locator(".xterm:visible").first().click();
  await page.keyboard.type("cat /opt/marker\n");
  await expect(rows).toContainText("made-by-the-dockerfile", { timeout: 30_000 });
  await snap(page, info, "ide-project-image-terminal");

  await page.goto(`/projects/${projectId}/settings`);
  await page.getByLabel("Type custom-image to confirm").fill("custom-image");
  await page.getByRole("button", { name: "Delete this project" }).click();
  await expect(page).toHaveURL(/\/projects$/);
});
