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
  | "build_failed"
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

/** A project image that could not be built; `output` holds the last lines of the build (may be empty). */
export class ProjectImageError extends SandboxError {
  constructor(
    code: SandboxErrorCode,
    message: string,
    readonly output: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = "ProjectImageError";
  }
}
