/**
 * Connects a browser socket to a terminal in a sandbox. Each (socket, terminal) pair has its own
 * attachment to sandboxd, so flow control is per viewer: output stops flowing to a socket that has
 * more than HIGH_WATER (1 MiB) unacknowledged bytes, which pauses that attachment and, through sandboxd,
 * the PTY itself — the broker never buffers without bound.
 */
import { ProtocolError } from "@codeyard/protocol";
import type { SandboxClient, SandboxManager, TerminalSession } from "@codeyard/sandbox";
import type { ClientChannel } from "../socket/client-channel.js";
import type { EventLog } from "../sessions/event-log.js";

export const HIGH_WATER_BYTES = 1024 * 1024;
const LOW_WATER_BYTES = 256 * 1024;

interface Attachment {
  session: TerminalSession;
  sent: number;
  acked: number;
  paused: boolean;
  release: () => void;
}

export class TerminalBridge {
  private readonly attachments = new Map<string, Attachment>();

  constructor(
    private readonly manager: SandboxManager,
    private readonly events: EventLog,
  ) {}

  private key(client: ClientChannel, sessionId: string, terminalId: string): string {
    return `${client.id}\n${sessionId}\n${terminalId}`;
  }

  async open(
    client: ClientChannel,
    target: { sessionId: string; sandboxId: string; client: SandboxClient; userId: string },
    options: { terminalId?: string; cols: number; rows: number },
  ) {
    if (options.terminalId) this.detach(client, target.sessionId, options.terminalId);
    const session = await target.client.openTerminal({ id: options.terminalId, cols: options.cols, rows: options.rows });
    const terminalId = session.info.id;
    const key = this.key(client, target.sessionId, terminalId);
    const attachment: Attachment = { session, sent: 0, acked: 0, paused: false, release: this.manager.hold(target.sandboxId) };
    this.attachments.set(key, attachment);
    session.on("data", (data) => {
      client.emit("terminal-output", { sessionId: target.sessionId, terminalId, data });
      attachment.sent += data.length;
      if (!attachment.paused && attachment.sent - attachment.acked > HIGH_WATER_BYTES) {
        attachment.paused = true;
        session.pause();
      }
    });
    session.on("exit", (exitCode) => {
      client.emit("terminal-exit", { sessionId: target.sessionId, terminalId, exitCode });
      this.drop(key);
      if (exitCode !== null) void this.events.append(target.sessionId, [{ type: "terminal-closed", payload: { terminalId, exitCode } }]).catch(() => undefined);
    });
    session.on("error", () => this.drop(key));
    if (session.created) {
      await this.events.append(target.sessionId, [{ type: "terminal-opened", payload: { terminalId, cols: options.cols, rows: options.rows, openedBy: target.userId } }]);
    }
    return { terminal: { id: terminalId, cols: session.info.cols, rows: session.info.rows, exitCode: session.info.exitCode }, screen: session.screen, created: session.created };
  }

  private get(client: ClientChannel, sessionId: string, terminalId: string): Attachment {
    const attachment = this.attachments.get(this.key(client, sessionId, terminalId));
    if (!attachment) throw new ProtocolError("not_found", `Terminal ${terminalId} is not open on this connection; open it first (terminal-open).`);
    return attachment;
  }

  async input(client: ClientChannel, sessionId: string, terminalId: string, data: string): Promise<void> {
    await this.get(client, sessionId, terminalId).session.write(data);
  }

  resize(client: ClientChannel, sessionId: string, terminalId: string, cols: number, rows: number): void {
    this.get(client, sessionId, terminalId).session.resize(cols, rows);
  }

  ack(client: ClientChannel, sessionId: string, terminalId: string, bytes: number): void {
    const attachment = this.get(client, sessionId, terminalId);
    attachment.acked = Math.min(attachment.sent, attachment.acked + bytes);
    if (attachment.paused && attachment.sent - attachment.acked < LOW_WATER_BYTES) {
      attachment.paused = false;
      attachment.session.resume();
    }
  }

  detach(client: ClientChannel, sessionId: string, terminalId: string): void {
    this.drop(this.key(client, sessionId, terminalId));
  }

  /** Forgets every attachment of a connection (it went away); the terminals keep running. */
  detachConnection(connectionId: string): void {
    for (const key of [...this.attachments.keys()]) if (key.startsWith(`${connectionId}\n`)) this.drop(key);
  }

  private drop(key: string): void {
    const attachment = this.attachments.get(key);
    if (!attachment) return;
    this.attachments.delete(key);
    attachment.session.detach();
    attachment.release();
  }

  /** Bytes sent but not yet acknowledged, for one attachment (tests and metrics). */
  unacked(client: ClientChannel, sessionId: string, terminalId: string): number {
    const attachment = this.attachments.get(this.key(client, sessionId, terminalId));
    return attachment ? attachment.sent - attachment.acked : 0;
  }
}
