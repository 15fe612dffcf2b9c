"use server";
/** "Fork" in the shared-session viewer: validate, then create the forked session. */
import { ShareCredential } from "@codeyard/protocol";
import { z } from "zod";
import { requireUser } from "../auth/current-user";
import { getDb } from "../auth/database";
import { serverFailure } from "../auth/server-failure";
import { forkSharedSession } from "./fork-shared-session";
import { validateForkRequest } from "./fork-request";
import { shareIdField } from "./schemas";

const forkRequestSchema = z.object({
  credential: ShareCredential,
  checkpointId: shareIdField.nullable(),
  targetProjectId: shareIdField,
});

export type ForkActionResult = { ok: true; url: string } | { ok: false; message: string };

export async function forkSharedSessionAction(request: unknown): Promise<ForkActionResult> {
  const user = await requireUser();
  const parsed = forkRequestSchema.safeParse(request);
  if (!parsed.success) return { ok: false, message: "The fork request is malformed; reload the page and try again." };
  try {
    const db = await getDb();
    const forked = await forkSharedSession(db, await validateForkRequest(db, { ...parsed.data, userId: user.id }));
    return { ok: true, url: `/projects/${forked.projectId}/sessions/${forked.sessionId}` };
  } catch (error) {
    return { ok: false, message: serverFailure(error).message ?? "Forking failed; try again." };
  }
}
