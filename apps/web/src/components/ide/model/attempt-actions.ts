/**
 * Best-of-N attempts of this session: the groups (fed from the session's events by the
 * Workbench), starting a group, keeping an attempt, and the details events do not carry (a
 * group's verify command, from `attempts-get`).
 */
import { MAX_ATTEMPTS } from "@codeyard/protocol";
import type { BrokerClient } from "@/lib/broker/broker-client";
import { describeError, type ReadableError } from "@/lib/broker/request-error";
import { attemptModels, type AttemptGroupView, type AttemptView } from "@/lib/ide/attempt-groups";
import { createStore } from "@/lib/ide/store";
import type { Notices } from "./notices";

export interface AttemptsRequest {
  prompt: string;
  count: number;
  /** One per attempt; blank ones use the project's model. */
  models: string[];
  verifyCommand: string;
}

/** Forking N sandboxes takes a while on a busy host. */
const START_TIMEOUT_MS = 180_000;
const KEEP_TIMEOUT_MS = 120_000;

export class AttemptActions {
  readonly groups = createStore<AttemptGroupView[]>([]);
  /** groupId → its verify command (null: none, the attempts are not verified). */
  readonly verifyCommands = createStore<Record<string, string | null>>({});
  /** The attempt being kept, if any. */
  readonly keeping = createStore<string | null>(null);

  constructor(
    private readonly client: BrokerClient,
    private readonly sessionId: string,
    private readonly notices: Notices,
  ) {}

  /** Starts the group; returns the problem to show in the form, or null once started. */
  async start(
    request: AttemptsRequest,
    defaultModel: string | null,
  ): Promise<ReadableError | null> {
    const models = attemptModels(request.models.slice(0, request.count), defaultModel);
    if (models === "incomplete") {
      return {
        title: "Starting the attempts failed",
        message:
          "This project has no default model, so every attempt needs one: fill in each model field (or set the model in the project settings).",
        code: "invalid_request",
      };
    }
    try {
      const verifyCommand = request.verifyCommand.trim();
      const reply = await this.client.request(
        "attempts-start",
        {
          sessionId: this.sessionId,
          prompt: request.prompt.trim(),
          count: Math.min(MAX_ATTEMPTS, Math.max(1, request.count)),
          models: models ?? undefined,
          verifyCommand: verifyCommand || undefined,
        },
        { timeoutMs: START_TIMEOUT_MS },
      );
      this.verifyCommands.set((known) => ({ ...known, [reply.groupId]: verifyCommand || null }));
      return null;
    } catch (error) {
      return describeError(error, "Starting the attempts");
    }
  }

  /** Asks, then makes the attempt this session's continuation (the others are archived). */
  async keep(group: AttemptGroupView, attempt: AttemptView): Promise<boolean> {
    const confirmed = await this.notices.confirm({
      title: `Keep attempt ${attempt.number} (${attempt.model})?`,
      message:
        "Its files, environment and conversation become this session's. The session as it is now " +
        "stays reachable as a checkpoint, and the other attempts are archived.",
      confirmLabel: "Keep it",
    });
    if (!confirmed) return false;
    this.keeping.set(attempt.attemptId);
    try {
      await this.client.request(
        "attempts-keep",
        { sessionId: this.sessionId, groupId: group.groupId, attemptId: attempt.attemptId },
        { timeoutMs: KEEP_TIMEOUT_MS },
      );
      this.notices.info(
        `Kept attempt ${attempt.number}`,
        `${attempt.model}: its files are in place.`,
      );
      return true;
    } catch (error) {
      this.notices.error(error, `Keeping attempt ${attempt.number}`);
      return false;
    } finally {
      this.keeping.set(null);
    }
  }

  /** Fetches a group's verify command once (it is not part of the events). */
  async loadVerifyCommand(groupId: string): Promise<void> {
    if (groupId in this.verifyCommands.get()) return;
    try {
      const group = await this.client.request("attempts-get", {
        sessionId: this.sessionId,
        groupId,
      });
      this.verifyCommands.set((known) => ({ ...known, [groupId]: group.verifyCommand }));
    } catch {
      // Only a detail of the view; the attempts themselves come from the session's events.
    }
  }
}
