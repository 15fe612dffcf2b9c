/**
 * Several brokers behind one address (socket.io Redis adapter + a shared database). Each sandbox
 * has exactly one owning broker, recorded as a lease in the database and renewed while it lives.
 * A request that needs a sandbox owned by another broker is forwarded to it over the adapter
 * (`serverSideEmit`); the owner answers, and pushes terminal output straight to the requesting
 * socket by its id, which the adapter routes to whichever broker holds that connection.
 */
import type { Reply } from "@codeyard/protocol";
import type { Logger } from "pino";
import type { Server } from "socket.io";
import type { BrokerStore } from "../store.js";

export interface ForwardedRequest {
  to: string;
  name: string;
  request: unknown;
  userId: string;
  socketId: string;
}

export const LEASE_TTL_MS = 30_000;
export const FORWARD_TIMEOUT_MS = 30_000;

export class ClusterRouter {
  private renewTimer: NodeJS.Timeout | undefined;
  /** Sandboxes whose lease this broker holds; the renewal timer keeps them, requests skip the DB. */
  private readonly held = new Set<string>();

  constructor(
    private readonly io: Server,
    private readonly store: BrokerStore,
    readonly brokerId: string,
    /** False for a single broker: nothing is forwarded and no leases are needed. */
    readonly clustered: boolean,
    private readonly logger: Logger,
  ) {}

  /** The other broker that owns this sandbox, or null when this broker should serve it. */
  async remoteOwner(sandboxId: string | null): Promise<string | null> {
    if (!this.clustered || !sandboxId) return null;
    const owner = await this.store.leaseOwner(sandboxId);
    return owner && owner !== this.brokerId ? owner : null;
  }

  /** Records this broker as the sandbox's owner; false if another broker got there first. */
  async own(sandboxId: string): Promise<boolean> {
    if (!this.clustered || this.held.has(sandboxId)) return true;
    const acquired = await this.store.acquireLease(sandboxId, this.brokerId, LEASE_TTL_MS);
    if (acquired) this.held.add(sandboxId);
    return acquired;
  }

  async forward(message: ForwardedRequest): Promise<Reply<unknown>> {
    // The adapter's requestsTimeout bounds the wait (FORWARD_TIMEOUT_MS, set where it is created).
    const replies = (await this.io.serverSideEmitWithAck("codeyard:forward", message)) as (Reply<unknown> | null)[];
    const reply = replies.find((candidate) => candidate !== null);
    return reply ?? { ok: false, error: { code: "unavailable", message: `The broker that owns this session's sandbox (${message.to}) did not answer; try again shortly.` } };
  }

  /** Serves requests other brokers forward to this one. */
  onForwarded(execute: (message: ForwardedRequest) => Promise<Reply<unknown>>): void {
    this.io.on("codeyard:forward", (message: ForwardedRequest, callback: (reply: Reply<unknown> | null) => void) => {
      if (message.to !== this.brokerId) return callback(null);
      execute(message).then(callback, (error: unknown) => {
        this.logger.error({ err: error }, "forwarded request failed");
        callback({ ok: false, error: { code: "internal", message: "The owning broker failed to serve the request." } });
      });
    });
  }

  /** Stops renewing the lease of a sandbox this broker removed; the row expires with its TTL. */
  release(sandboxId: string): void {
    this.held.delete(sandboxId);
  }

  /** Tells the other brokers a socket is gone, so owners drop its terminal attachments. */
  socketGone(socketId: string): void {
    if (this.clustered) this.io.serverSideEmit("codeyard:socket-gone", socketId);
  }

  onSocketGone(listener: (socketId: string) => void): void {
    this.io.on("codeyard:socket-gone", listener);
  }

  /** Renews the leases this broker holds, until `stop()`; a lease lost to another broker is dropped. */
  startRenewing(): void {
    if (!this.clustered) return;
    this.renewTimer = setInterval(() => {
      for (const sandboxId of this.held) {
        this.store.acquireLease(sandboxId, this.brokerId, LEASE_TTL_MS).then(
          (kept) => kept || this.held.delete(sandboxId),
          (error: unknown) => this.logger.warn({ err: error, sandboxId }, "lease renewal failed"),
        );
      }
    }, LEASE_TTL_MS / 3).unref();
  }

  stop(): void {
    if (this.renewTimer) clearInterval(this.renewTimer);
  }
}
