/** A refused organization or project change; the message is shown to the user as written. */
export type OrgErrorCode = "forbidden" | "not_found" | "conflict" | "invalid";

export class OrgError extends Error {
  constructor(
    readonly code: OrgErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "OrgError";
  }
}
