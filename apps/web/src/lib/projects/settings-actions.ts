"use server";
/** The project settings page's forms. Each re-checks the user's membership before changing anything. */
import { allowlistSchema, deleteProjectSecret, encodeJson, setProjectSecret } from "@codeyard/db";
import { revalidatePath } from "next/cache";
import { formValues, invalid, success, type FormState } from "@/components/forms/form-state";
import { requireUser } from "../auth/current-user";
import { getDb, getSecretKey } from "../auth/database";
import { serverFailure } from "../auth/server-failure";
import { idField } from "../orgs/schemas";
import { requireProject, updateProject } from "./projects";
import { saveProviderKey } from "./provider-keys";
import { deleteSecretSchema, modelSettingsSchema, projectSecretSchema, providerKeySchema, sandboxSettingsSchema } from "./schemas";

const settingsPath = (projectId: string) => `/projects/${projectId}/settings`;

export async function saveModelSettingsAction(projectId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = modelSettingsSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await updateProject(await getDb(), user.id, idField.parse(projectId), parsed.data);
  } catch (error) {
    return serverFailure(error, values);
  }
  revalidatePath(settingsPath(projectId));
  return success("Model settings saved.", values);
}

export async function saveProviderKeyAction(projectId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData, ["apiKey"]);
  const parsed = providerKeySchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const db = await getDb();
    const { project } = await requireProject(db, user.id, idField.parse(projectId));
    await saveProviderKey(db, getSecretKey(), { userId: user.id, orgId: project.orgId, ...parsed.data });
  } catch (error) {
    return serverFailure(error, values);
  }
  revalidatePath(settingsPath(projectId));
  return success("API key saved. It is encrypted and will not be shown again.", { provider: values.provider ?? "", baseUrl: values.baseUrl ?? "" });
}

export async function setSecretAction(projectId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData, ["value"]);
  const parsed = projectSecretSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const db = await getDb();
    await requireProject(db, user.id, idField.parse(projectId));
    await setProjectSecret(db, getSecretKey(), { projectId, ...parsed.data });
  } catch (error) {
    return serverFailure(error, values);
  }
  revalidatePath(settingsPath(projectId));
  return success(`Secret ${parsed.data.name} saved. Its value will not be shown again.`);
}

export async function deleteSecretAction(projectId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = deleteSecretSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, {});
  try {
    const db = await getDb();
    await requireProject(db, user.id, idField.parse(projectId));
    await deleteProjectSecret(db, projectId, parsed.data.name);
  } catch (error) {
    return serverFailure(error);
  }
  revalidatePath(settingsPath(projectId));
  return success(`Secret ${parsed.data.name} deleted.`);
}

export async function saveSandboxSettingsAction(projectId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = sandboxSettingsSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  const { allowlist, ...rest } = parsed.data;
  try {
    await updateProject(await getDb(), user.id, idField.parse(projectId), { ...rest, allowlist: encodeJson(allowlistSchema, allowlist, "allowlist") });
  } catch (error) {
    return serverFailure(error, values);
  }
  revalidatePath(settingsPath(projectId));
  return success("Sandbox settings saved. They apply to sandboxes this project starts from now on; a changed Dockerfile is built when the next one starts.", values);
}
