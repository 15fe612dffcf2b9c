/** Turns an unexpected error in a server action into a form message that says what to do next. */
import { DbError } from "@codeyard/db";
import { failure, type FormState } from "@/components/forms/form-state";
import { OrgError } from "../orgs/org-error";
import { AccountError } from "./accounts";

export function serverFailure(error: unknown, values?: Record<string, string>): FormState {
  if (error instanceof OrgError || error instanceof AccountError) return failure(error.message, values);
  if (error instanceof DbError) {
    console.error(error);
    return failure(error.message, values);
  }
  console.error(error);
  return failure("Something went wrong on the server. Try again; if it keeps failing, check the web app's log.", values);
}
