/** What the sign-up and sign-in forms accept. Messages are shown next to the field as written. */
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy";

export const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(320, "An email address has at most 320 characters.")
  .pipe(z.email("Enter an email address such as ada@example.com."));

export const nameField = z
  .string({ error: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Use at most 100 characters.");

export const signUpSchema = z.object({
  email: emailField,
  name: nameField,
  password: z
    .string({ error: "Choose a password." })
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailField,
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(MAX_PASSWORD_LENGTH, `A password has at most ${MAX_PASSWORD_LENGTH} characters.`),
});
export type SignInInput = z.infer<typeof signInSchema>;

/**
 * Where to go after signing in: only a path on this site. Anything else (absolute URLs,
 * protocol-relative `//host`, backslash tricks) falls back to /projects, so the parameter can never
 * send someone to another site.
 */
export function safeNextPath(value: unknown, fallback = "/projects"): string {
  if (typeof value !== "string" || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  if ([...value].some((char) => char.charCodeAt(0) < 0x20)) return fallback;
  if (value === "/sign-in" || value.startsWith("/sign-in/") || value.startsWith("/sign-in?")) return fallback;
  return value;
}
