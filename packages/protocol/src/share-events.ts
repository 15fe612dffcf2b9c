/**
 * Following a shared session read-only (issue 7). A viewer connection (handshake `viewer: true`,
 * signed in or not) may only send these requests: it reads the session's log and receives its new
 * events live, and never reaches the sandbox. The credential is a share link's token, or — for a
 * signed-in member of the session's organization — the session id of a session that has a live share.
 */
import { z } from "zod";
import { Id, Seq } from "./common.js";
import { SessionEvent } from "./session-log.js";

/** A share link's token as it appears in its URL (newToken: 43 base64url characters). */
export const ShareToken = z.string().regex(/^[A-Za-z0-9_-]{20,128}$/, "a share link token");

export const ShareCredential = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("token"), token: ShareToken }),
  z.object({ kind: z.literal("session"), sessionId: Id }),
]);
export type ShareCredential = z.infer<typeof ShareCredential>;

export const SharedSessionSummary = z.object({ id: Id, title: z.string(), lastSeq: Seq });

export const ShareRequests = {
  /** Starts following: joins the session's viewer room, then replays the log after `lastSeq`. */
  "share-follow": {
    request: z.object({ credential: ShareCredential, lastSeq: Seq.default(0) }),
    reply: z.object({ session: SharedSessionSummary, events: z.array(SessionEvent), more: z.boolean() }),
  },
  /** A page of the log, for a backlog longer than one reply or a gap in the live stream. */
  "share-events": {
    request: z.object({ credential: ShareCredential, afterSeq: Seq, limit: z.number().int().min(1).max(1000).default(500) }),
    reply: z.object({ events: z.array(SessionEvent), more: z.boolean() }),
  },
  "share-unfollow": { request: z.object({ sessionId: Id }), reply: z.object({}) },
} as const;

/** Names of the only requests a viewer connection may send. */
export const VIEWER_REQUESTS: ReadonlySet<string> = new Set(Object.keys(ShareRequests));

/** Pushed to a follower whose access ended while following (link revoked, expired, forbidden). */
export const ShareClosed = z.object({ sessionId: Id, code: z.string().max(64), message: z.string().max(1000) });
