/** Structured columns are JSON text (portable); these read and write them through a zod schema. */
import type { z } from "zod";
import { DbError } from "./errors.js";

/** Validates `value` and returns the text to store; throws DbError("invalid_input") naming `what`. */
export function encodeJson<S extends z.ZodType>(schema: S, value: z.input<S>, what: string): string {
  const result = schema.safeParse(value);
  if (!result.success) throw new DbError("invalid_input", `Invalid ${what}: ${describe(result.error)}`);
  return JSON.stringify(result.data);
}

/** Parses stored text; throws DbError("invalid_data") naming `what` if it is not what the schema says. */
export function decodeJson<S extends z.ZodType>(schema: S, text: string, what: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DbError("invalid_data", `${what} holds text that is not JSON; fix or reset the stored value.`, { cause: error });
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new DbError("invalid_data", `${what} holds an unexpected value (${describe(result.error)}); fix or reset the stored value.`);
  return result.data;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`)
    .join("; ");
}
