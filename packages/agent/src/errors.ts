/** Typed errors of the agent library; every message says what happened and what to do next. */
export type AgentErrorCode =
  | "invalid_settings"
  | "run_finished"
  | "run_not_resumable"
  | "run_in_progress"
  | "run_not_started"
  | "emit_failed"
  | "model_error"
  | "context_overflow";

export class AgentError extends Error {
  constructor(
    readonly code: AgentErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AgentError";
  }
}
