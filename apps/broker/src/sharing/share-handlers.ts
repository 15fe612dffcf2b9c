/**
 * Requests of viewer connections: follow a shared session read-only. They read the log and join
 * the session's viewer room; nothing here opens, starts or touches the session's sandbox, and the
 * dispatcher refuses every other request on a viewer connection.
 */
import { ProtocolError, type ErrorCode, type ShareCredential } from "@codeyard/protocol";
import type { EventLog } from "../sessions/event-log.js";
import type { Handlers, RequestContext } from "../socket/dispatch.js";
import type { BrokerStore, ShareAccessResult } from "../store.js";
import type { ShareFollowers } from "./share-followers.js";
import { forViewers, viewerRoom } from "./viewer-room.js";

const MAX_REPLAY = 1000;

const DENIAL_CODES: Record<Extract<ShareAccessResult, { ok: false }>["reason"], ErrorCode> = {
  not_found: "not_found",
  revoked: "forbidden",
  expired: "forbidden",
  link_shares_disabled: "forbidden",
  members_only: "forbidden",
  sign_in: "unauthenticated",
};

export type ShareHandlers = Pick<Handlers, "share-follow" | "share-events" | "share-unfollow">;

export function createShareHandlers(deps: { store: Pick<BrokerStore, "shareAccess">; events: EventLog; followers: ShareFollowers }): ShareHandlers {
  const { store, events, followers } = deps;

  const viewerOf = (ctx: RequestContext) => {
    if (!ctx.viewer) throw new ProtocolError("forbidden", "Follow shared sessions on a viewer connection (handshake with viewer: true).");
    return ctx.viewer;
  };
  const access = async (ctx: RequestContext, credential: ShareCredential) => {
    const result = await store.shareAccess(credential, viewerOf(ctx).userId);
    if (!result.ok) throw new ProtocolError(DENIAL_CODES[result.reason], result.message);
    return result.session;
  };

  return {
    "share-follow": async (ctx, request) => {
      const session = await access(ctx, request.credential);
      // Join first, then read (as session-join does): nothing written in between is lost.
      await ctx.client.join(viewerRoom(session.id));
      followers.track({ client: ctx.client, credential: request.credential, userId: viewerOf(ctx).userId, sessionId: session.id });
      const backlog = await events.read(session.id, request.lastSeq, MAX_REPLAY + 1);
      return {
        session: { id: session.id, title: session.title, lastSeq: backlog.at(-1)?.seq ?? request.lastSeq },
        events: backlog.slice(0, MAX_REPLAY).map(forViewers),
        more: backlog.length > MAX_REPLAY,
      };
    },
    "share-events": async (ctx, request) => {
      const session = await access(ctx, request.credential);
      const page = await events.read(session.id, request.afterSeq, request.limit + 1);
      return { events: page.slice(0, request.limit).map(forViewers), more: page.length > request.limit };
    },
    "share-unfollow": async (ctx, request) => {
      viewerOf(ctx);
      followers.untrack(ctx.client.id, request.sessionId);
      await ctx.client.leave(viewerRoom(request.sessionId));
      return {};
    },
  };
}
