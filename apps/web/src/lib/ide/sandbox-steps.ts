/**
 * What prepares a new sandbox, from the session log: the project image built from its Dockerfile
 * (`image-build-*`) and the setup script (`setup-*`). The IDE shows a step while it runs and when
 * it failed, with its output.
 */
import { BrokerEventPayloads, type SessionEvent } from "@codeyard/protocol";

export type SandboxStepKind = "image" | "setup";

export interface SandboxStep {
  kind: SandboxStepKind;
  status: "running" | "succeeded" | "failed";
  /** Seq of the event that last changed the step (identifies it, e.g. to dismiss it). */
  seq: number;
  /** One line: what went wrong. */
  message: string | null;
  /** The last lines of the step's output. */
  output: string;
}

export type SandboxSteps = Record<SandboxStepKind, SandboxStep | null>;

export const noSandboxSteps: SandboxSteps = { image: null, setup: null };

const firstLine = (text: string | null) => text?.split("\n")[0]?.trim() || null;

export function applySandboxStepEvent(steps: SandboxSteps, event: SessionEvent): SandboxSteps {
  const { seq } = event;
  switch (event.type) {
    case "image-build-started":
    case "setup-started": {
      const kind = event.type === "setup-started" ? "setup" : "image";
      return { ...steps, [kind]: { kind, status: "running", seq, message: null, output: "" } };
    }
    case "image-build-finished": {
      const parsed = BrokerEventPayloads["image-build-finished"].safeParse(event.payload);
      if (!parsed.success) return steps;
      const { ok, message, output } = parsed.data;
      return {
        ...steps,
        image: {
          kind: "image",
          status: ok ? "succeeded" : "failed",
          seq,
          message: firstLine(message),
          output,
        },
      };
    }
    case "setup-finished": {
      const parsed = BrokerEventPayloads["setup-finished"].safeParse(event.payload);
      if (!parsed.success) return steps;
      const { exitCode, timedOut, message, output } = parsed.data;
      const ok = exitCode === 0 && !timedOut;
      const reason =
        firstLine(message) ??
        (timedOut
          ? "It timed out."
          : exitCode === null
            ? "It could not run."
            : `It exited with code ${exitCode}.`);
      return {
        ...steps,
        setup: {
          kind: "setup",
          status: ok ? "succeeded" : "failed",
          seq,
          message: ok ? null : reason,
          output,
        },
      };
    }
    default:
      return steps;
  }
}

/** The sandbox runs (the session joined): an earlier build failure is over. */
export function sandboxStarted(steps: SandboxSteps): SandboxSteps {
  return steps.image?.status === "failed" ? { ...steps, image: null } : steps;
}

export interface SandboxStepView {
  key: string;
  tone: "info" | "error";
  /** What the step is ("Project image"). */
  label: string;
  text: string;
  output: string;
  /** A failed build is fixed in the project's settings. */
  fixInSettings: boolean;
}

const LABELS: Record<SandboxStepKind, string> = { image: "Project image", setup: "Setup script" };
const RUNNING: Record<SandboxStepKind, string> = {
  image: "building from the project's Dockerfile (it changed since the last build)…",
  setup: "running in the new sandbox…",
};

/** The steps worth showing now: running ones and failures not dismissed (by key). */
export function visibleSandboxSteps(
  steps: SandboxSteps,
  dismissed: ReadonlySet<string>,
): SandboxStepView[] {
  return [steps.image, steps.setup].flatMap((step): SandboxStepView[] => {
    if (!step || step.status === "succeeded") return [];
    const key = `${step.kind}-${step.seq}`;
    if (dismissed.has(key)) return [];
    const running = step.status === "running";
    // "The project image failed to build at…" reads "Project image: failed to build at…".
    const failure = step.message?.replace(/^The project image (?=failed)/, "") ?? "failed.";
    return [
      {
        key,
        tone: running ? "info" : "error",
        label: LABELS[step.kind],
        text: running ? RUNNING[step.kind] : failure,
        output: step.output,
        fixInSettings: !running && step.kind === "image",
      },
    ];
  });
}
