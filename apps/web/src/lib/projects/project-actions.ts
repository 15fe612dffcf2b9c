"use server";
/** Creating, renaming, opening and deleting projects. */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formValues, invalid, success, type FormState } from "@/components/forms/form-state";
import { requireUser } from "../auth/current-user";
import { getDb } from "../auth/database";
import { serverFailure } from "../auth/server-failure";
import { rememberOrg } from "../orgs/remember-org";
import { idField } from "../orgs/schemas";
import { createProject, deleteProject, openSession, updateProject } from "./projects";
import { createProjectSchema, renameProjectSchema } from "./schemas";

export async function createProjectAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = createProjectSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  let target: string;
  try {
    const { projectId, sessionId } = await createProject(await getDb(), user.id, parsed.data);
    await rememberOrg(parsed.data.orgId);
    target = `/projects/${projectId}/sessions/${sessionId}`;
  } catch (error) {
    return serverFailure(error, values);
  }
  revalidatePath("/projects");
  redirect(target);
}

export async function renameProjectAction(projectId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = renameProjectSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await updateProject(await getDb(), user.id, idField.parse(projectId), { name: parsed.data.name });
  } catch (error) {
    return serverFailure(error, values);
  }
  revalidatePath(`/projects/${projectId}`, "layout");
  return success("Name saved.", values);
}

/** Opens the project's latest session (creating one if it has none). */
export async function openProjectAction(projectId: string): Promise<void> {
  const user = await requireUser();
  const sessionId = await openSession(await getDb(), user.id, idField.parse(projectId));
  redirect(`/projects/${projectId}/sessions/${sessionId}`);
}

export async function deleteProjectAction(projectId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const confirmation = formData.get("confirmation");
  try {
    await deleteProject(await getDb(), user.id, idField.parse(projectId), typeof confirmation === "string" ? confirmation : "");
  } catch (error) {
    return serverFailure(error);
  }
  revalidatePath("/projects");
  redirect("/projects");
}
