/** A test client speaking the broker protocol like the web app will: typed requests with acks. */
import {
  EventSequencer,
  type ClientRequestName,
  type Reply,
  type ReplyOf,
  type RequestOf,
  type ServerEventOf,
  type SessionEvent,
  type ShareCredential,
} from "@codeyard/protocol";
import { io, type Socket } from "socket.io-client";

export class TestClient {
  readonly socket: Socket;
  readonly events: SessionEvent[] = [];
  readonly terminalOutput = new Map<string, Buffer[]>();
  /** `share-closed` pushes received (a followed share link lapsed). */
  readonly shareClosed: ServerEventOf<"share-closed">[] = [];
  sequencer = new EventSequencer(0, (event) => this.events.push(event));

  /** `viewer`: a read-only viewer connection (shared sessions), signed in with `token` or anonymous. */
  constructor(url: string, token: string | undefined, options: { autoAck?: boolean; viewer?: boolean } = {}) {
    this.socket = io(url, {
      auth: options.viewer ? { ...(token === undefined ? {} : { token }), protocol: 1, viewer: true } : token === undefined ? {} : { token, protocol: 1 },
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
    });
    this.socket.on("session-event", ({ event }: { event: SessionEvent }) =>
      this.sequencer.push([event]),
    );
    this.socket.on("share-closed", (closed: ServerEventOf<"share-closed">) => this.shareClosed.push(closed));
    this.socket.on(
      "terminal-output",
      ({
        sessionId,
        terminalId,
        data,
      }: {
        sessionId: string;
        terminalId: string;
        data: Buffer;
      }) => {
        const chunks = this.terminalOutput.get(terminalId) ?? [];
        chunks.push(Buffer.from(data));
        this.terminalOutput.set(terminalId, chunks);
        if (options.autoAck !== false)
          this.socket.emit("terminal-ack", { sessionId, terminalId, bytes: data.byteLength });
      },
    );
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once("connect", () => resolve());
      this.socket.once("connect_error", reject);
    });
  }

  request<N extends ClientRequestName>(
    name: N,
    payload: RequestOf<N>,
    timeoutMs = 30_000,
  ): Promise<Reply<ReplyOf<N>>> {
    return this.socket.timeout(timeoutMs).emitWithAck(name, payload) as Promise<Reply<ReplyOf<N>>>;
  }

  async ok<N extends ClientRequestName>(name: N, payload: RequestOf<N>): Promise<ReplyOf<N>> {
    const reply = await this.request(name, payload);
    if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code}: ${reply.error.message}`);
    return reply.data;
  }

  /** Joins a session, feeding the replayed backlog through the sequencer. */
  async join(sessionId: string): Promise<ReplyOf<"session-join">> {
    const data = await this.ok("session-join", { sessionId, lastSeq: this.sequencer.lastSeq });
    this.sequencer.push(data.events);
    return data;
  }

  /** Follows a shared session (viewer connections), feeding the replayed backlog through the sequencer. */
  async follow(credential: ShareCredential): Promise<ReplyOf<"share-follow">> {
    const data = await this.ok("share-follow", { credential, lastSeq: this.sequencer.lastSeq });
    this.sequencer.push(data.events);
    return data;
  }

  output(terminalId: string): string {
    return Buffer.concat(this.terminalOutput.get(terminalId) ?? []).toString("utf8");
  }

  close(): void {
    this.socket.disconnect();
  }
}
