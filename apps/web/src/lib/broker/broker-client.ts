/**
 * The browser's socket.io connection to the session broker: typed requests (acknowledged, with a
 * timeout), typed pushes, and the connection state for the UI. The login cookie travels with the
 * handshake (withCredentials); socket.io reconnects with backoff, and this class also retries
 * when the broker refused the handshake for a passing reason.
 */
import {
  PROTOCOL_VERSION,
  type ClientRequestName,
  type ReplyOf,
  type RequestOf,
  type ServerEventName,
  type ServerEventOf,
} from "@codeyard/protocol";
import { io, type Socket } from "socket.io-client";
import { createStore, type Store } from "../ide/store";
import type { ConnectionState } from "./connection-state";
import { BrokerRequestError, unwrapReply } from "./request-error";

export const DEFAULT_TIMEOUT_MS = 20_000;
/** Requests that may have to start a sandbox first. */
const SLOW_REQUESTS = new Set<ClientRequestName>([
  "session-join",
  "run-start",
  "terminal-open",
  "file-search",
]);
const SLOW_TIMEOUT_MS = 90_000;
const RETRY_MAX_MS = 30_000;

const DISCONNECT_REASONS: Record<string, string> = {
  "transport close": "the network connection closed",
  "transport error": "a network error",
  "ping timeout": "no answer from the broker",
  "io server disconnect": "the broker closed the connection",
  "parse error": "a garbled message",
};

export class BrokerClient {
  readonly state: Store<ConnectionState> = createStore<ConnectionState>({ status: "connecting" });
  private readonly socket: Socket;
  private readonly connectListeners = new Set<() => void>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private refusedAttempts = 0;

  /** `viewer`: a read-only connection that follows shared sessions (works signed out too). */
  constructor(
    readonly url: string,
    options: { viewer?: boolean } = {},
  ) {
    this.socket = io(url, {
      withCredentials: true,
      auth: options.viewer ? { protocol: PROTOCOL_VERSION, viewer: true } : { protocol: PROTOCOL_VERSION },
      transports: ["websocket"],
      reconnectionDelay: 1_000,
      reconnectionDelayMax: RETRY_MAX_MS,
      autoConnect: false,
    });
    this.socket.on("connect", () => {
      this.refusedAttempts = 0;
      this.state.set({ status: "connected" });
      for (const listener of [...this.connectListeners]) listener();
    });
    this.socket.on("disconnect", (reason) => {
      this.state.set({
        status: "reconnecting",
        attempt: 1,
        reason: DISCONNECT_REASONS[reason] ?? reason,
      });
      // After a server-side disconnect socket.io does not reconnect by itself.
      if (reason === "io server disconnect") this.scheduleRetry();
    });
    this.socket.io.on("reconnect_attempt", (attempt) => {
      const current = this.state.get();
      this.state.set({
        status: "reconnecting",
        attempt,
        reason: current.status === "reconnecting" ? current.reason : "the broker is unreachable",
      });
    });
    this.socket.on(
      "connect_error",
      (error: Error & { data?: { code?: string; message?: string } }) => this.onConnectError(error),
    );
  }

  connect(): void {
    this.socket.connect();
  }

  private onConnectError(error: Error & { data?: { code?: string; message?: string } }): void {
    const code = error.data?.code;
    const message = error.data?.message ?? error.message;
    if (code === "unauthenticated") {
      this.state.set({
        status: "signed-out",
        message: message.endsWith(".") ? message : `${message}.`,
      });
      return;
    }
    if (this.socket.active) {
      // socket.io keeps trying by itself (the broker is down or unreachable).
      const current = this.state.get();
      this.state.set({
        status: "reconnecting",
        attempt: current.status === "reconnecting" ? current.attempt : 1,
        reason: "the broker is unreachable",
      });
      return;
    }
    // The broker answered but refused for now (e.g. it could not check the sign-in): retry.
    this.refusedAttempts++;
    this.state.set({ status: "reconnecting", attempt: this.refusedAttempts, reason: message });
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    const delay = Math.min(RETRY_MAX_MS, 1_000 * 2 ** Math.min(this.refusedAttempts, 5));
    this.retryTimer = setTimeout(() => this.socket.connect(), delay);
  }

  /** Reconnects now (the "retry" button), instead of waiting for the next attempt. */
  reconnectNow(): void {
    clearTimeout(this.retryTimer);
    if (!this.socket.connected) {
      this.socket.disconnect();
      this.socket.connect();
    }
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Runs `listener` on every (re)connection. */
  onConnect(listener: () => void): () => void {
    this.connectListeners.add(listener);
    return () => this.connectListeners.delete(listener);
  }

  async request<N extends ClientRequestName>(
    name: N,
    payload: RequestOf<N>,
    options: { timeoutMs?: number } = {},
  ): Promise<ReplyOf<N>> {
    if (!this.socket.connected) {
      throw new BrokerRequestError("disconnected", "Not connected to the broker right now.");
    }
    const timeoutMs =
      options.timeoutMs ?? (SLOW_REQUESTS.has(name) ? SLOW_TIMEOUT_MS : DEFAULT_TIMEOUT_MS);
    let reply: unknown;
    try {
      reply = await this.socket.timeout(timeoutMs).emitWithAck(name, payload);
    } catch {
      throw new BrokerRequestError(
        "timeout",
        `The broker did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      );
    }
    return unwrapReply<ReplyOf<N>>(reply);
  }

  /** Subscribes to a push; returns the unsubscribe function. */
  on<E extends ServerEventName>(
    event: E,
    handler: (payload: ServerEventOf<E>) => void,
  ): () => void {
    const listener = (payload: ServerEventOf<E>) => handler(payload);
    this.socket.on(event as string, listener as (...args: unknown[]) => void);
    return () => {
      this.socket.off(event as string, listener as (...args: unknown[]) => void);
    };
  }

  close(): void {
    clearTimeout(this.retryTimer);
    this.connectListeners.clear();
    this.socket.removeAllListeners();
    this.socket.io.removeAllListeners();
    this.socket.disconnect();
  }
}
