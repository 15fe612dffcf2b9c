/**
 * The viewer connections following shared sessions on this broker. A link revoked, expired or
 * suspended (link shares forbidden) while someone follows it must stop reaching them, but the web
 * app that changes links cannot tell the broker; so every follow is re-checked periodically, and
 * a follower whose access ended leaves the viewer room and receives `share-closed`.
 */
import type { ShareCredential } from "@codeyard/protocol";
import type { Logger } from "pino";
import type { ClientChannel } from "../socket/client-channel.js";
import type { BrokerStore, ShareAccessResult } from "../store.js";
import { viewerRoom } from "./viewer-room.js";

/** How often follows are re-checked: the longest a lapsed link keeps streaming. */
export const SHARE_RECHECK_MS = 5_000;

interface Follow {
  client: ClientChannel;
  credential: ShareCredential;
  userId: string | null;
  sessionId: string;
}

export class ShareFollowers {
  private readonly follows = new Map<string, Follow>();
  private readonly timer: ReturnType<typeof setInterval>;
  private checking = false;

  constructor(
    private readonly store: Pick<BrokerStore, "shareAccess">,
    private readonly logger: Logger,
    intervalMs = SHARE_RECHECK_MS,
  ) {
    this.timer = setInterval(() => void this.recheck(), intervalMs);
    this.timer.unref();
  }

  track(follow: Follow): void {
    this.follows.set(keyOf(follow.client.id, follow.sessionId), follow);
  }

  untrack(socketId: string, sessionId: string): void {
    this.follows.delete(keyOf(socketId, sessionId));
  }

  socketGone(socketId: string): void {
    for (const [key, follow] of this.follows) if (follow.client.id === socketId) this.follows.delete(key);
  }

  get size(): number {
    return this.follows.size;
  }

  /** Re-checks every follow (one lookup per distinct credential and viewer); ends the lapsed ones. */
  async recheck(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const verdicts = new Map<string, Promise<ShareAccessResult>>();
      for (const [key, follow] of [...this.follows]) {
        const lookup = `${JSON.stringify(follow.credential)}\n${follow.userId ?? ""}`;
        let verdict = verdicts.get(lookup);
        if (!verdict) {
          verdict = this.store.shareAccess(follow.credential, follow.userId);
          verdicts.set(lookup, verdict);
        }
        const access = await verdict.catch((error: unknown) => {
          // A database hiccup is not a revocation: keep the follow and try again next time.
          this.logger.warn({ err: error, sessionId: follow.sessionId }, "share follow re-check failed");
          return null;
        });
        if (!access || (access.ok && access.session.id === follow.sessionId)) continue;
        this.follows.delete(key);
        await follow.client.leave(viewerRoom(follow.sessionId)).catch(() => undefined);
        const ended = access.ok ? { code: "not_found", message: "This share link now points at another session." } : { code: access.reason, message: access.message };
        follow.client.emit("share-closed", { sessionId: follow.sessionId, ...ended });
        this.logger.info({ sessionId: follow.sessionId, socketId: follow.client.id, reason: ended.code }, "share follow ended");
      }
    } finally {
      this.checking = false;
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.follows.clear();
  }
}

const keyOf = (socketId: string, sessionId: string) => `${socketId}\n${sessionId}`;
