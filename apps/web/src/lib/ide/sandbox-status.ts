/** The sandbox's state for the banner, from the latest `sandbox-state` event of the session. */
import { BrokerEventPayloads, type SessionEvent } from "@codeyard/protocol";

export type SandboxState = "unknown" | "starting" | "running" | "paused" | "stopped" | "failed";

export interface SandboxStatus {
  state: SandboxState;
  message?: string;
}

export function applySandboxEvent(status: SandboxStatus, event: SessionEvent): SandboxStatus {
  if (event.type !== "sandbox-state") return status;
  const parsed = BrokerEventPayloads["sandbox-state"].safeParse(event.payload);
  if (!parsed.success) return status;
  return { state: parsed.data.state, message: parsed.data.message };
}

export interface SandboxBanner {
  tone: "info" | "warn" | "error";
  text: string;
  /** Label of the button that wakes or retries the sandbox. */
  action?: string;
}

export function sandboxBanner(status: SandboxStatus): SandboxBanner | null {
  switch (status.state) {
    case "starting":
      return { tone: "info", text: "Starting the sandbox…" };
    case "paused":
      return {
        tone: "warn",
        text: "The sandbox is paused while idle. It resumes on your next action.",
        action: "Resume now",
      };
    case "stopped":
      return {
        tone: "warn",
        text: "The sandbox was stopped while idle. Your files are kept.",
        action: "Restart",
      };
    case "failed":
      return {
        tone: "error",
        // The first line: details (a failed build's output) are shown with the sandbox steps.
        text: `The sandbox could not start${status.message ? `: ${status.message.split("\n")[0]}` : "."}`,
        action: "Try again",
      };
    default:
      return null;
  }
}
