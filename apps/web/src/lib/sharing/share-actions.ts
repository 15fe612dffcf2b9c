"use server";
/** The share panel's server actions: every call re-checks the user and their rights (manage-shares). */
import { env } from "@codeyard/env";
import { requireUser } from "../auth/current-user";
import { getDb } from "../auth/database";
import { serverFailure } from "../auth/server-failure";
import { createShare, reissueShare, revokeShare, sharePanel, type SharePanelData } from "./manage-shares";
import { shareIdField, shareSettingsSchema } from "./schemas";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; message: string };

async function attempt<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    const failed = serverFailure(error);
    return { ok: false, message: failed.message ?? "Something went wrong on the server; try again." };
  }
}

const absolute = (path: string) => `${env().CODEYARD_PUBLIC_URL.replace(/\/$/, "")}${path}`;

export async function loadSharePanelAction(sessionId: string): Promise<ActionResult<SharePanelData & { memberUrl: string }>> {
  const user = await requireUser();
  return attempt(async () => {
    const panel = await sharePanel(await getDb(), user.id, shareIdField.parse(sessionId));
    return { ...panel, memberUrl: absolute(panel.memberPath) };
  });
}

export async function createShareAction(sessionId: string, settings: unknown): Promise<ActionResult<{ url: string }>> {
  const user = await requireUser();
  const parsed = shareSettingsSchema.safeParse(settings);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Invalid share settings." };
  return attempt(async () => ({ url: absolute((await createShare(await getDb(), user.id, shareIdField.parse(sessionId), parsed.data)).path) }));
}

export async function revokeShareAction(linkId: string): Promise<ActionResult<Record<string, never>>> {
  const user = await requireUser();
  return attempt(async () => {
    await revokeShare(await getDb(), user.id, shareIdField.parse(linkId));
    return {};
  });
}

export async function reissueShareAction(linkId: string, settings: unknown): Promise<ActionResult<{ url: string }>> {
  const user = await requireUser();
  const parsed = shareSettingsSchema.safeParse(settings);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Invalid share settings." };
  return attempt(async () => ({ url: absolute((await reissueShare(await getDb(), user.id, shareIdField.parse(linkId), parsed.data)).path) }));
}
