/** How the shared-session viewer reads the log: share-follow / share-events on a viewer connection. */
import type { ShareCredential } from "@codeyard/protocol";
import type { BrokerClient } from "../broker/broker-client";
import type { SyncSource } from "../broker/session-sync";

export function shareSource(client: BrokerClient, credential: ShareCredential, sessionId: string): SyncSource {
  return {
    join: async (lastSeq) => {
      const reply = await client.request("share-follow", { credential, lastSeq });
      return { session: reply.session, terminals: [], events: reply.events, more: reply.more };
    },
    page: (afterSeq, limit) => client.request("share-events", { credential, afterSeq, limit }),
    leave: () => client.request("share-unfollow", { sessionId }),
  };
}
