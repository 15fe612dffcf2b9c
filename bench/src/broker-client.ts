/**
 * A socket.io client speaking the broker protocol as the web app does: websocket transport,
 * `auth: { token, protocol: 1 }`, requests with acks answered by `{ ok: true, data }` or
 * `{ ok: false, error }`.
 */
import type { ClientRequestName, Reply, ReplyOf, RequestOf } from "@codeyard/protocol";
import { io, type Socket } from "socket.io-client";

const CONNECT_TIMEOUT_MS = 20_000;

/** Opens one connection (its own engine: no multiplexing between clients) and waits until it is up. */
export function connectClient(url: string, auth?: { token: string; protocol: 1 }): Promise<Socket> {
  const socket = io(url, {
    auth: auth ?? {},
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: CONNECT_TIMEOUT_MS,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.disconnect();
      reject(new Error(`connecting to ${url} failed: ${error.message}`));
    });
  });
}

export class RequestFailed extends Error {
  constructor(
    readonly request: ClientRequestName,
    readonly code: string,
    message: string,
  ) {
    super(`${request} failed: ${code}: ${message}`);
  }
}

/** Sends one request and returns its data; throws RequestFailed on `{ ok: false }`. */
export async function request<N extends ClientRequestName>(
  socket: Socket,
  name: N,
  payload: RequestOf<N>,
  timeoutMs = 30_000,
): Promise<ReplyOf<N>> {
  const reply = (await socket.timeout(timeoutMs).emitWithAck(name, payload)) as Reply<ReplyOf<N>>;
  if (!reply.ok) throw new RequestFailed(name, reply.error.code, reply.error.message);
  return reply.data;
}
