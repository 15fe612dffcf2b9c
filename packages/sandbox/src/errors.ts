/** Typed errors of the sandbox library; every message says what happened and what to do next. */
export type SandboxErrorCode =
  | "invalid_request"
  | "not_found"
  | "outside_workspace"
  | "too_large"
  | "exists"
  | "not_a_directory"
  | "is_a_directory"
  | "not_empty"
  | "conflict"
  | "permission_denied"
  | "unavailable"
  | "timeout"
  | "engine_unavailable"
  | "image_missing"
  | "sandbox_stopped"
  | "internal";

export class SandboxError extends Error {
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SandboxError";
  }
}
