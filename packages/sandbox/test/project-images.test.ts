/**
 * Project images on the real engine: a Dockerfile FROM the sandbox image is built offline, reused
 * while nothing changes, refused when it starts from another image, and reported readably when a
 * step fails; sandboxes from it run as coder in /workspace.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProjectImageError, type SandboxManager } from "../src/index.js";
import { driver, IMAGE, openManager, removeAll, testOwner } from "./fixture.js";

const owner = testOwner("project-images");
const projectId = `test-${randomBytes(4).toString("hex")}`;
let manager: SandboxManager;

const DOCKERFILE = [
  "FROM codeyard/sandbox:latest",
  "USER root",
  "RUN echo built > /opt/marker",
  "COPY . /opt/context/",
  "WORKDIR /opt",
].join("\n");

async function projectTags(): Promise<string[]> {
  const images = await driver.docker.listImages({
    filters: { reference: [`codeyard/project-${projectId}`] },
  });
  return images.flatMap((image) => image.RepoTags ?? []);
}

async function buildError(
  dockerfile: string,
  options: { timeoutMs?: number } = {},
): Promise<ProjectImageError> {
  const error = await manager
    .buildProjectImage({ projectId, dockerfile, ...options })
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProjectImageError);
  return error as ProjectImageError;
}

beforeAll(async () => {
  manager = await openManager(owner);
});

afterAll(async () => {
  await manager.close();
  await removeAll(owner);
  for (const tag of await projectTags()) await driver.docker.getImage(tag).remove({ force: true });
});

describe("project images", () => {
  let image: string;

  it("builds the Dockerfile on the sandbox image from a context holding only the Dockerfile", async () => {
    const logged: string[] = [];
    const started: string[] = [];
    const built = await manager.buildProjectImage({
      projectId,
      dockerfile: DOCKERFILE,
      onLog: (line) => logged.push(line),
      onBuildStart: (name) => started.push(name),
    });
    image = built.image;
    expect(image).toMatch(new RegExp(`^codeyard/project-${projectId}:[0-9a-f]{12}$`));
    expect(built.reused).toBe(false);
    expect(started).toEqual([image]);
    expect(logged.some((line) => line.includes("RUN echo built"))).toBe(true);
    expect(built.output).toContain("RUN echo built > /opt/marker");

    const info = await driver.docker.getImage(image).inspect();
    const base = await driver.docker.getImage(IMAGE).inspect();
    expect(info.Config.User).toBe("coder");
    expect(info.Config.WorkingDir).toBe("/workspace");
    expect(info.Config.Entrypoint ?? null).toBeNull();
    expect(info.Config.Labels).toMatchObject({
      "dev.codeyard.project": projectId,
      "dev.codeyard.recipe": image.split(":")[1],
    });
    expect(info.RootFS.Layers?.slice(0, base.RootFS.Layers?.length)).toEqual(base.RootFS.Layers);
  });

  it("reuses the image while the Dockerfile and the base stay the same", async () => {
    const started: string[] = [];
    const again = await manager.buildProjectImage({
      projectId,
      dockerfile: DOCKERFILE,
      onBuildStart: (name) => started.push(name),
    });
    expect(again).toMatchObject({ image, reused: true, output: "" });
    expect(started).toEqual([]);
    // `FROM codeyard/sandbox` names the same base: same prepared Dockerfile, same image.
    const sameBase = await manager.buildProjectImage({
      projectId,
      dockerfile: DOCKERFILE.replace("codeyard/sandbox:latest", "codeyard/sandbox"),
    });
    expect(sameBase).toMatchObject({ image, reused: true });
  });

  it("gives sandboxes that run as coder in /workspace with what the Dockerfile made", async () => {
    const sandbox = await manager.create({ projectId, config: { image } });
    try {
      const client = await manager.client(sandbox.id);
      const result = await client.exec({ shell: "id -un; pwd; cat /opt/marker; ls /opt/context" });
      expect(result.exitCode).toBe(0);
      expect(result.stdout.trim().split("\n")).toEqual([
        "coder",
        "/workspace",
        "built",
        "Dockerfile",
      ]);
    } finally {
      await manager.remove(sandbox.id);
    }
  });

  it("refuses a Dockerfile that does not start from the sandbox image, building nothing", async () => {
    const before = await projectTags();
    const error = await buildError("FROM debian:bookworm\nRUN echo hi\n");
    expect(error.code).toBe("invalid_request");
    expect(error.message).toMatch(/first FROM names "debian:bookworm".*FROM codeyard\/sandbox/);
    expect(await projectTags()).toEqual(before);
  });

  it("reports a failing step with its last output lines", async () => {
    const error = await buildError(
      "FROM codeyard/sandbox\nRUN echo preparing-things && ls /no-such-dir\n",
    );
    expect(error.code).toBe("build_failed");
    expect(error.message).toMatch(/failed to build at step 2\/\d+ : RUN echo preparing-things/);
    expect(error.message.split("\n")).toContain("preparing-things");
    expect(error.message).toMatch(/No such file or directory/);
    expect(error.message).toMatch(/returned a non-zero code: 2/);
    expect(error.output).toContain("preparing-things");
    // The older, working image is still there: a failed build replaces nothing.
    expect(await projectTags()).toEqual([image]);
  });

  it("stops a build that outlasts its timeout", async () => {
    const error = await buildError("FROM codeyard/sandbox\nRUN sleep 60\n", { timeoutMs: 2000 });
    expect(error.code).toBe("timeout");
    expect(error.message).toMatch(
      /did not build within .* \(stopped at Step 2\/\d+ : RUN sleep 60\)/,
    );
  });

  it("removes the project's older image after building a new one", async () => {
    const changed = await manager.buildProjectImage({
      projectId,
      dockerfile: `${DOCKERFILE}\nRUN echo v2 > /opt/marker`,
    });
    expect(changed.image).not.toBe(image);
    expect(await projectTags()).toEqual([changed.image]);
  });
});
