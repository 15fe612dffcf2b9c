import type { SessionEvent } from "@codeyard/protocol";
import { describe, expect, it } from "vitest";
import {
  applySandboxStepEvent,
  noSandboxSteps,
  sandboxStarted,
  visibleSandboxSteps,
  type SandboxSteps,
} from "./sandbox-steps";

let seq = 0;
const event = (type: string, payload: unknown): SessionEvent => ({
  sessionId: "s",
  seq: ++seq,
  type,
  at: "",
  payload,
});
const fold = (events: SessionEvent[], from: SandboxSteps = noSandboxSteps) =>
  events.reduce(applySandboxStepEvent, from);

const IMAGE = "codeyard/project-p1:0123456789ab";
const failedBuild = event("image-build-finished", {
  image: IMAGE,
  ok: false,
  durationMs: 900,
  message:
    "The project image failed to build at step 2/6 : RUN make: returned a non-zero code: 2. Fix the project's Dockerfile.\nLast output:\nmake: *** no rule",
  output: "Step 2/6 : RUN make\nmake: *** no rule",
});

describe("sandbox steps", () => {
  it("shows a build while it runs, then hides it when it succeeded", () => {
    const running = fold([
      event("sandbox-state", { sandboxId: "pending", state: "starting" }),
      event("image-build-started", { image: IMAGE }),
    ]);
    expect(visibleSandboxSteps(running, new Set())).toEqual([
      expect.objectContaining({
        tone: "info",
        label: "Project image",
        text: expect.stringMatching(/^building from the project's Dockerfile/),
      }),
    ]);
    const done = fold(
      [
        event("image-build-finished", {
          image: IMAGE,
          ok: true,
          durationMs: 1200,
          message: null,
          output: "Step 1/5 : FROM sha256:1",
        }),
      ],
      running,
    );
    expect(done.image?.status).toBe("succeeded");
    expect(visibleSandboxSteps(done, new Set())).toEqual([]);
  });

  it("shows a failed build with the first line of its error and its output until dismissed or the sandbox runs", () => {
    const failed = fold([event("image-build-started", { image: IMAGE }), failedBuild]);
    const [view] = visibleSandboxSteps(failed, new Set());
    expect(view).toMatchObject({
      tone: "error",
      label: "Project image",
      output: "Step 2/6 : RUN make\nmake: *** no rule",
      fixInSettings: true,
    });
    expect(view?.text).toBe(
      "failed to build at step 2/6 : RUN make: returned a non-zero code: 2. Fix the project's Dockerfile.",
    );
    expect(visibleSandboxSteps(failed, new Set([view!.key]))).toEqual([]);
    // A retried start that fails again (no new build) keeps showing it; a sandbox that runs ends it.
    expect(
      fold(
        [
          event("sandbox-state", { sandboxId: "pending", state: "starting" }),
          event("sandbox-state", { sandboxId: "pending", state: "failed" }),
        ],
        failed,
      ),
    ).toEqual(failed);
    expect(sandboxStarted(failed).image).toBeNull();
  });

  it("shows a failed setup script with its exit code when it printed no message", () => {
    const steps = fold([
      event("setup-started", { sandboxId: "s1" }),
      event("setup-finished", {
        sandboxId: "s1",
        exitCode: 1,
        timedOut: false,
        message: null,
        output: "npm ERR! missing script",
      }),
    ]);
    expect(visibleSandboxSteps(steps, new Set())).toEqual([
      expect.objectContaining({
        tone: "error",
        label: "Setup script",
        text: "It exited with code 1.",
        output: "npm ERR! missing script",
        fixInSettings: false,
      }),
    ]);
    expect(fold([event("setup-finished", { bogus: true })], steps)).toEqual(steps);
  });
});
