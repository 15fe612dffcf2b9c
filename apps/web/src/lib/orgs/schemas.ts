/** What the organization forms accept. */
import { membershipRoleSchema } from "@codeyard/db";
import { z } from "zod";
import { emailField } from "../auth/schemas";

const id = z.string({ error: "Missing id; reload the page." }).regex(/^[A-Za-z0-9_-]{1,64}$/, "Invalid id; reload the page.");

export const roleField = z.enum(membershipRoleSchema.options, { error: "Choose owner, admin or member." });

export const addMemberSchema = z.object({ email: emailField, role: roleField });
export const changeRoleSchema = z.object({ membershipId: id, role: roleField });
export const removeMemberSchema = z.object({ membershipId: id });

export const orgNameField = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.");

export const orgSettingsSchema = z.object({
  name: orgNameField,
  // An unchecked checkbox is absent from the form data.
  allowLinkShares: z
    .union([z.literal("on"), z.undefined()])
    .transform((value) => value === "on"),
});

export const switchOrgSchema = z.object({ orgId: id });
export { id as idField };
