/**
 * The egress proxy of `allowlist` sandboxes. Those sit on an internal Docker network that Docker
 * forwards nothing out of; their HTTP(S)_PROXY points here, at its gateway address on the host. The
 * proxy tells sandboxes apart by source address (they have no capability to spoof one), asks
 * `allowlistOf` for that sandbox's list, and lets through only CONNECT tunnels and plain-HTTP
 * requests to listed hosts. Names are resolved here, once, and the checked address is the one
 * dialled, so a name cannot be re-pointed at this machine between check and connect.
 */
import { lookup } from "node:dns/promises";
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { connect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { isForbiddenAddress, isHostAllowed, normalizeHost } from "./host-allowlist.js";

export interface EgressProxyOptions {
  host: string;
  port: number;
  /** The allowlist of the sandbox at this source address; null when no allowlist sandbox has it. */
  allowlistOf: (address: string) => Promise<readonly string[] | null>;
  logger: Logger;
  connectTimeoutMs?: number;
}

type Decision =
  | { ok: true; address: string; port: number }
  | { ok: false; status: 403 | 400 | 502; message: string };

const HOP_HEADERS = [
  "proxy-authorization",
  "proxy-connection",
  "connection",
  "keep-alive",
  "te",
  "trailer",
  "upgrade",
];

export class EgressProxy {
  private readonly sockets = new Set<Socket | Duplex>();

  private constructor(
    private readonly server: Server,
    private readonly options: EgressProxyOptions,
  ) {}

  /** Listens on `host:port`; fails (EADDRINUSE, EADDRNOTAVAIL…) as `listen` does. */
  static async start(options: EgressProxyOptions): Promise<EgressProxy> {
    const server = createServer();
    const proxy = new EgressProxy(server, options);
    server.on(
      "connect",
      (request: IncomingMessage, socket: Duplex, head: Buffer) =>
        void proxy.tunnel(request, socket, head),
    );
    server.on(
      "request",
      (request: IncomingMessage, response: ServerResponse) => void proxy.forward(request, response),
    );
    server.on("connection", (socket: Socket) => proxy.track(socket));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    return proxy;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: Socket | Duplex): void {
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
  }

  /** Checks a destination for the sandbox at `source`, and resolves it to the address to dial. */
  private async decide(
    source: string | undefined,
    rawHost: string,
    port: number,
  ): Promise<Decision> {
    let allowlist: readonly string[] | null = null;
    try {
      allowlist = source ? await this.options.allowlistOf(source.replace(/^::ffff:/, "")) : null;
    } catch (error) {
      this.options.logger.warn({ err: error, source }, "egress proxy could not read allowlists");
      return {
        ok: false,
        status: 502,
        message: "Codeyard could not read this sandbox's allowlist (is the Docker engine up?).",
      };
    }
    if (!allowlist)
      return {
        ok: false,
        status: 403,
        message: `Codeyard's egress proxy serves only sandboxes in allowlist network mode; ${source ?? "this client"} is none of them.`,
      };
    const host = normalizeHost(rawHost);
    if (!host || !Number.isInteger(port) || port < 1 || port > 65_535)
      return { ok: false, status: 400, message: `"${rawHost}:${port}" is not a host and port.` };
    if (!isHostAllowed(host, allowlist)) {
      return {
        ok: false,
        status: 403,
        message: `${host} is not in this project's network allowlist. Add it under project settings → Sandbox; sandboxes started after the change can reach it.`,
      };
    }
    let address: string;
    try {
      address = (await lookup(host)).address;
    } catch {
      return {
        ok: false,
        status: 502,
        message: `${host} could not be resolved from the Codeyard server.`,
      };
    }
    if (isForbiddenAddress(address))
      return {
        ok: false,
        status: 403,
        message: `${host} resolves to ${address}, an address of the Codeyard server or a link-local one, which sandboxes may never reach.`,
      };
    return { ok: true, address, port };
  }

  private async tunnel(request: IncomingMessage, client: Duplex, head: Buffer): Promise<void> {
    this.track(client);
    client.on("error", () => client.destroy());
    const target = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(request.url ?? "");
    const decision = target
      ? await this.decide(request.socket.remoteAddress, target[1] ?? "", Number(target[2]))
      : ({ ok: false, status: 400, message: "CONNECT needs host:port." } as const);
    if (!decision.ok) {
      this.refused(request, decision);
      client.end(
        `HTTP/1.1 ${decision.status} ${decision.status === 403 ? "Forbidden" : decision.status === 400 ? "Bad Request" : "Bad Gateway"}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${decision.message}\n`,
      );
      return;
    }
    const upstream = connect({
      host: decision.address,
      port: decision.port,
      timeout: this.options.connectTimeoutMs ?? 10_000,
    });
    this.track(upstream);
    upstream.once("timeout", () => upstream.destroy(new Error("connect timed out")));
    upstream.once("connect", () => {
      upstream.setTimeout(0);
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once("error", (error) => {
      if (client.writable && !upstream.readableDidRead)
        client.end(
          `HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${request.url}: ${error.message}\n`,
        );
      else client.destroy();
    });
    client.once("close", () => upstream.destroy());
  }

  private async forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let url: URL | null = null;
    try {
      url = new URL(request.url ?? "");
    } catch {
      url = null;
    }
    if (!url || url.protocol !== "http:") {
      response
        .writeHead(400, { "Content-Type": "text/plain" })
        .end(
          "Codeyard's egress proxy forwards absolute http:// URLs; use CONNECT (HTTPS_PROXY) for https.\n",
        );
      return;
    }
    const decision = await this.decide(
      request.socket.remoteAddress,
      url.hostname,
      Number(url.port || 80),
    );
    if (!decision.ok) {
      this.refused(request, decision);
      response
        .writeHead(decision.status, { "Content-Type": "text/plain" })
        .end(`${decision.message}\n`);
      return;
    }
    const headers = { ...request.headers };
    for (const name of HOP_HEADERS) delete headers[name];
    const upstream = httpRequest({
      host: decision.address,
      port: decision.port,
      method: request.method,
      path: `${url.pathname}${url.search}`,
      headers,
      timeout: this.options.connectTimeoutMs ?? 10_000,
    });
    upstream.once("response", (reply) => {
      response.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(response);
    });
    upstream.once("timeout", () => upstream.destroy(new Error("timed out")));
    upstream.once("error", (error) => {
      if (!response.headersSent)
        response
          .writeHead(502, { "Content-Type": "text/plain" })
          .end(`${url.host}: ${error.message}\n`);
      else response.destroy();
    });
    request.pipe(upstream);
  }

  private refused(request: IncomingMessage, decision: Extract<Decision, { ok: false }>): void {
    this.options.logger.info(
      { source: request.socket.remoteAddress, target: request.url, status: decision.status },
      "egress refused",
    );
  }
}
