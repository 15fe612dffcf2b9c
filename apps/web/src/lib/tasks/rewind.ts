/**
 * Rewind in the diff review: puts one file back as it was at the newest checkpoint before the
 * agent first changed it (a file the agent created is deleted); the rest of the workspace stays.
 */
import type { BrokerClient } from "../broker/broker-client";

export interface RewindTarget {
  sessionId: string;
  path: string;
  /** Seq of the first event that changed the file. */
  firstChangedSeq: number;
}

export async function rewindFile(client: BrokerClient, target: RewindTarget): Promise<{ deleted: boolean }> {
  const reply = await client.request("file-rewind", { sessionId: target.sessionId, path: target.path, beforeSeq: target.firstChangedSeq });
  return { deleted: reply.deleted };
}
