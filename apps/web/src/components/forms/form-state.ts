/**
 * What a server action returns to its form: a message for the whole form, one per field, and the
 * submitted values (React resets a form after its action runs; the fields show these again).
 */
import type { z } from "zod";

export interface FormState {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

export const idleState: FormState = { status: "idle" };

/** Text fields of a form (files and repeated names are not used by these forms), bounded in size. */
export function formValues(formData: FormData, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION") || omit.includes(key)) continue;
    values[key] = value.slice(0, 100_000);
  }
  return values;
}

/** The first error of each field, keyed by field name. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export function invalid(error: z.ZodError, values: Record<string, string>): FormState {
  const fieldErrors = fieldErrorsOf(error);
  const count = Object.keys(fieldErrors).length;
  return { status: "error", message: count === 1 ? "Fix the field marked below." : `Fix the ${count} fields marked below.`, fieldErrors, values };
}

export function failure(message: string, values?: Record<string, string>): FormState {
  return { status: "error", message, values };
}

export function success(message: string, values?: Record<string, string>): FormState {
  return { status: "success", message, values };
}

