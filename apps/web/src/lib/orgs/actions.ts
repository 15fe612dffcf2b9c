"use server";
/** Organization forms: members, settings, switching. Roles are re-read from the database in every change. */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formValues, invalid, success, type FormState } from "@/components/forms/form-state";
import { requireUser } from "../auth/current-user";
import { getDb } from "../auth/database";
import { serverFailure } from "../auth/server-failure";
import { addMember, changeMemberRole, removeMember } from "./members";
import { findMembership } from "./organizations";
import { rememberOrg } from "./remember-org";
import { addMemberSchema, changeRoleSchema, idField, orgSettingsSchema, removeMemberSchema, switchOrgSchema } from "./schemas";
import { updateOrgSettings } from "./settings";

const membersPath = (orgId: string) => `/orgs/${orgId}/members`;

export async function addMemberAction(orgId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = addMemberSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const added = await addMember(await getDb(), { actorId: user.id, orgId: idField.parse(orgId), ...parsed.data });
    revalidatePath(membersPath(orgId));
    return success(`${added.name} (${added.email}) is now a member.`);
  } catch (error) {
    return serverFailure(error, values);
  }
}

export async function changeRoleAction(orgId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = changeRoleSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, {});
  try {
    await changeMemberRole(await getDb(), { actorId: user.id, orgId: idField.parse(orgId), ...parsed.data });
  } catch (error) {
    return serverFailure(error);
  }
  revalidatePath(membersPath(orgId));
  return success("Role changed.");
}

export async function removeMemberAction(orgId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = removeMemberSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, {});
  const db = await getDb();
  try {
    await removeMember(db, { actorId: user.id, orgId: idField.parse(orgId), ...parsed.data });
  } catch (error) {
    return serverFailure(error);
  }
  // Someone who just left can no longer see this page.
  if (!(await findMembership(db, user.id, orgId))) redirect("/projects");
  revalidatePath(membersPath(orgId));
  return success("Member removed.");
}

export async function saveOrgSettingsAction(orgId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = orgSettingsSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await updateOrgSettings(await getDb(), { actorId: user.id, orgId: idField.parse(orgId), ...parsed.data });
  } catch (error) {
    return serverFailure(error, values);
  }
  revalidatePath("/", "layout");
  return success("Organization settings saved.", values);
}

export async function switchOrgAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const parsed = switchOrgSchema.safeParse(Object.fromEntries(formData));
  if (parsed.success && (await findMembership(await getDb(), user.id, parsed.data.orgId))) {
    await rememberOrg(parsed.data.orgId);
  }
  redirect("/projects");
}
