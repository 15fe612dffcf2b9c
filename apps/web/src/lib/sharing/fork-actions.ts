"use server";
/** "Fork" in the shared-session viewer: validate, then hand over to forkSharedSession. */
import { ShareCredential } from "@codeyard/protocol";
import { z } from "zod";
import { requireUser } from "../auth/current-user";
import { getDb } from "../auth/database";
import { serverFailure } from "../auth/server-failure";
import { forkSharedSession, ForkUnavailableError } from "./fork-shared-session";
import { validateForkRequest } from "./fork-request";
import { shareIdField } from "./schemas";

const forkRequestSchema = z.object({
  credential: ShareCredential,
  checkpointId: shareIdField.nullable(),
  targetProjectId: shareIdField,
});

export type ForkActionResult = { ok: true; url: string } | { ok: false; message: string; unavailable?: boolean };

export async function forkSharedSessionAction(request: unknown): Promise<ForkActionResult> {
  const user = await requireUser();
  const parsed = forkRequestSchema.safeParse(request);
  if (!parsed.success) return { ok: false, message: "The fork request is malformed; reload the page and try again." };
  try {
    const input = await validateForkRequest(await getDb(), { ...parsed.data, userId: user.id });
    const forked = await forkSharedSession(input);
    return { ok: true, url: `/projects/${forked.projectId}/sessions/${forked.sessionId}` };
  } catch (error) {
    if (error instanceof ForkUnavailableError) return { ok: false, message: error.message, unavailable: true };
    return { ok: false, message: serverFailure(error).message ?? "Forking failed; try again." };
  }
}
