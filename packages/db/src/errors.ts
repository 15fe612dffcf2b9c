/** Typed errors of the database layer; every message says what happened and what to do next. */
export type DbErrorCode =
  | "invalid_url"
  | "unreachable"
  | "not_migrated"
  | "migration_failed"
  | "not_found"
  | "invalid_input"
  | "invalid_data"
  | "conflict"
  | "lease_held"
  | "lease_lost"
  | "secret_key_missing"
  | "secret_key_invalid"
  | "secret_undecryptable";

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DbError";
  }
}

/** Prisma's "unique constraint failed" (P2002), whichever provider raised it. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}

/** Prisma's "record to update/delete not found" (P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2025";
}
