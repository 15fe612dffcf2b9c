/**
 * Projects with a Dockerfile: their sessions get sandboxes from the project image, built once
 * (sessions that open together wait for the same build) and logged as image-build events; a
 * broken Dockerfile fails the sandbox start with a readable message.
 */
import type { SessionEvent } from "@codeyard/protocol";
import { DockerDriver } from "@codeyard/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";
import { startTestBroker, until, type TestWorld } from "./fixture.js";

let world: TestWorld;
const projectIds: string[] = [];

const projectOf = async (sessionId: string) =>
  (await world.database.db.session.findUniqueOrThrow({ where: { id: sessionId } })).projectId;

async function withDockerfile(sessionId: string, dockerfile: string): Promise<string> {
  const projectId = await projectOf(sessionId);
  await world.database.db.project.update({ where: { id: projectId }, data: { dockerfile } });
  projectIds.push(projectId);
  return projectId;
}

async function connect(token: string): Promise<TestClient> {
  const client = new TestClient(world.url, token);
  await client.connected();
  return client;
}

const ofType = (events: SessionEvent[], type: string) =>
  events.filter((event) => event.type === type);

beforeAll(async () => {
  world = await startTestBroker({ name: "project-images" });
});

afterAll(async () => {
  await world?.stop();
  const docker = new DockerDriver().docker;
  for (const projectId of projectIds) {
    const images = await docker.listImages({
      filters: { reference: [`codeyard/project-${projectId}`] },
    });
    for (const tag of images.flatMap((image) => image.RepoTags ?? []))
      await docker.getImage(tag).remove({ force: true });
  }
});

describe("project images", () => {
  it("starts the sessions of a project with a Dockerfile from one build of its image", async () => {
    const projectId = await withDockerfile(
      world.sessionA,
      "FROM codeyard/sandbox\nUSER root\nRUN mkdir -p /opt/tools && echo from-dockerfile > /opt/tools/marker\n",
    );
    const second = await world.database.db.session.create({
      data: { projectId, ownerId: world.userA.id, title: "second" },
    });
    const [one, two] = await Promise.all([connect(world.userA.token), connect(world.userA.token)]);
    const [joinedOne, joinedTwo] = await Promise.all([
      one.join(world.sessionA),
      two.join(second.id),
    ]);

    const started = [
      ...ofType(one.events, "image-build-started"),
      ...ofType(two.events, "image-build-started"),
    ];
    expect(started).toHaveLength(2);
    const image = (started[0]!.payload as { image: string }).image;
    expect(image).toMatch(new RegExp(`^codeyard/project-${projectId}:[0-9a-f]{12}$`));
    expect(started.map((event) => (event.payload as { image: string }).image)).toEqual([
      image,
      image,
    ]);
    const outputs = [one, two].map((client) => {
      const finished = ofType(client.events, "image-build-finished");
      expect(finished).toHaveLength(1);
      expect(finished[0]!.payload).toMatchObject({
        image,
        ok: true,
        message: null,
        output: expect.stringContaining("RUN mkdir -p /opt/tools"),
      });
      return (finished[0]!.payload as { output: string }).output;
    });
    // One build for both: the same output, and no second build that found the first one's layers.
    expect(outputs[0]).toBe(outputs[1]);
    expect(outputs[0]).not.toContain("Using cache");

    for (const joined of [joinedOne, joinedTwo]) {
      const sandboxId = joined.session.sandboxId!;
      expect(world.broker.manager.info(sandboxId)?.image).toBe(image);
      const result = await (
        await world.broker.manager.client(sandboxId)
      ).exec({ shell: "id -un; cat /opt/tools/marker" });
      expect(result.stdout).toBe("coder\nfrom-dockerfile\n");
    }

    // The image is reused: a third session of the project starts without a build.
    const third = await world.database.db.session.create({
      data: { projectId, ownerId: world.userA.id, title: "third" },
    });
    const joinedThird = await one.join(third.id);
    expect(world.broker.manager.info(joinedThird.session.sandboxId!)?.image).toBe(image);
    expect(ofType(await world.readAllEvents(third.id), "image-build-started")).toHaveLength(0);
    one.close();
    two.close();
  });

  it("fails the sandbox start of a broken Dockerfile with the failing step's output", async () => {
    await withDockerfile(
      world.sessionB,
      "FROM codeyard/sandbox\nRUN echo fetching-tools && echo 'tool not found' >&2 && exit 3\n",
    );
    const client = await connect(world.userB.token);
    const reply = await client.request("session-join", { sessionId: world.sessionB, lastSeq: 0 });
    expect(reply.ok).toBe(false);
    if (!reply.ok)
      expect(reply.error.message).toMatch(
        /failed to build at step 2\/\d+ : RUN echo fetching-tools/,
      );

    const events = await until(
      async () => {
        const all = await world.readAllEvents(world.sessionB);
        return (
          ofType(all, "sandbox-state").some(
            (event) => (event.payload as { state: string }).state === "failed",
          ) && all
        );
      },
      30_000,
      "sandbox-state failed",
    );
    const finished = ofType(events, "image-build-finished");
    expect(finished).toHaveLength(1);
    expect(finished[0]!.payload).toMatchObject({
      ok: false,
      output: expect.stringContaining("tool not found"),
    });
    const failed = ofType(events, "sandbox-state").at(-1)!.payload as {
      state: string;
      message: string;
    };
    expect(failed.state).toBe("failed");
    const [summary, ...rest] = failed.message.split("\n");
    expect(summary).toMatch(
      /^The project image failed to build at step 2\/\d+ : RUN echo fetching-tools .*returned a non-zero code: 3\. Fix the project's Dockerfile in its settings/,
    );
    // stdout and stderr of a step may interleave either way.
    expect(rest[0]).toBe("Last output:");
    expect(rest).toEqual(expect.arrayContaining(["fetching-tools", "tool not found"]));
    client.close();
  });

  it("refuses a Dockerfile that does not start from the sandbox image before building anything", async () => {
    await withDockerfile(world.projectAOtherSession, "FROM node:20\nRUN npm i -g pnpm\n");
    const client = await connect(world.userA.token);
    const reply = await client.request("session-join", {
      sessionId: world.projectAOtherSession,
      lastSeq: 0,
    });
    expect(reply.ok).toBe(false);
    const events = await world.readAllEvents(world.projectAOtherSession);
    expect(ofType(events, "image-build-started")).toHaveLength(0);
    const failed = ofType(events, "sandbox-state").at(-1)!.payload as {
      state: string;
      message: string;
    };
    expect(failed).toMatchObject({
      state: "failed",
      message: expect.stringMatching(/first FROM names "node:20".*FROM codeyard\/sandbox/),
    });
    client.close();
  });
});
