/**
 * The app-preview proxy, on its own port: `http://<port>-<sandboxId>.<domain>:<previewPort>/…`
 * (one origin per sandbox port, never the IDE's), or `/p/<sandboxId>/<port>/…` as a fallback.
 * Requests are tunnelled to 127.0.0.1:<port> inside the sandbox through sandboxd, so loopback-
 * bound dev servers and sandboxes without a network work too. WebSocket upgrades (hot reload)
 * are tunnelled as raw bytes.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { SandboxManager } from "@codeyard/sandbox";
import type { Logger } from "pino";
import { cookieValue } from "../socket/socket-server.js";
import type { PreviewTokens } from "./preview-tokens.js";

export const PREVIEW_TOKEN_PARAM = "codeyard_preview_token";
const COOKIE = "codeyard_preview";

interface Target {
  sandboxId: string;
  port: number;
  /** The path to request inside the sandbox. */
  path: string;
  /** Cookie scope: "/" on a preview host, the prefix in path mode. */
  cookiePath: string;
}

export function parseTarget(host: string | undefined, url: string, domain: string): Target | null {
  const hostname = (host ?? "").split(":")[0]!.toLowerCase();
  const byHost = hostname.endsWith(`.${domain}`) ? /^(\d{1,5})-([a-z0-9]{1,64})$/.exec(hostname.slice(0, -domain.length - 1)) : null;
  if (byHost) return { port: Number(byHost[1]), sandboxId: byHost[2]!, path: url, cookiePath: "/" };
  const byPath = /^\/p\/([a-z0-9]{1,64})\/(\d{1,5})(\/.*)?$/.exec(url);
  if (byPath) return { sandboxId: byPath[1]!, port: Number(byPath[2]), path: byPath[3] ?? "/", cookiePath: `/p/${byPath[1]}/${byPath[2]}/` };
  return null;
}

function plain(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  response.end(`${message}\n`);
}

export function createPreviewServer(deps: { manager: SandboxManager; tokens: PreviewTokens; domain: string; logger: Logger }): Server {
  const { manager, tokens, domain, logger } = deps;

  /** The tunnel for an authorized request, or an HTTP status with a message. */
  async function open(request: IncomingMessage, target: Target): Promise<Duplex | { status: number; message: string }> {
    const token = cookieValue(request.headers.cookie, `${COOKIE}_${target.port}`);
    if (!token || !tokens.verify(token, target.sandboxId, target.port)) {
      return { status: 401, message: "This preview link has expired or was not opened from Codeyard. Open the preview again from the IDE." };
    }
    if (!manager.info(target.sandboxId)) return { status: 404, message: "This sandbox is not served here (it was removed, or another broker owns it)." };
    try {
      const client = await manager.client(target.sandboxId);
      return await client.connectTcp(target.port);
    } catch (error) {
      return { status: 502, message: `Nothing answers on port ${target.port} in the sandbox yet: ${(error as Error).message} Start the app, then reload.` };
    }
  }

  const server = createServer((request, response) => {
    const target = parseTarget(request.headers.host, request.url ?? "/", domain);
    if (!target || target.port < 1 || target.port > 65_535) return plain(response, 404, "Not a Codeyard preview address.");
    const url = new URL(target.path, "http://preview");
    const granted = url.searchParams.get(PREVIEW_TOKEN_PARAM);
    if (granted) {
      if (!tokens.verify(granted, target.sandboxId, target.port)) return plain(response, 401, "This preview link is invalid or expired. Open the preview again from the IDE.");
      url.searchParams.delete(PREVIEW_TOKEN_PARAM);
      const location = (target.cookiePath === "/" ? "" : target.cookiePath.slice(0, -1)) + url.pathname + url.search;
      response.writeHead(302, {
        location,
        "set-cookie": `${COOKIE}_${target.port}=${granted}; Path=${target.cookiePath}; HttpOnly; SameSite=Lax`,
        "cache-control": "no-store",
      });
      return void response.end();
    }
    void open(request, target).then((tunnel) => {
      if ("status" in tunnel) return plain(response, tunnel.status, tunnel.message);
      const upstream = httpRequest(
        { method: request.method, path: target.path, headers: { ...request.headers, host: `localhost:${target.port}` }, createConnection: () => tunnel as never },
        (reply) => {
          response.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(response);
        },
      );
      upstream.on("error", (error) => {
        if (!response.headersSent) plain(response, 502, `The app in the sandbox closed the connection: ${error.message}`);
        else response.destroy();
      });
      request.pipe(upstream);
    });
  });

  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = parseTarget(request.headers.host, request.url ?? "/", domain);
    if (!target) return socket.destroy();
    void open(request, target).then((tunnel) => {
      if ("status" in tunnel) {
        socket.end(`HTTP/1.1 ${tunnel.status} Preview unavailable\r\nconnection: close\r\n\r\n`);
        return;
      }
      const headers = Object.entries({ ...request.headers, host: `localhost:${target.port}` })
        .flatMap(([name, value]) => (Array.isArray(value) ? value.map((item) => `${name}: ${item}`) : [`${name}: ${value}`]))
        .join("\r\n");
      tunnel.write(`${request.method} ${target.path} HTTP/1.1\r\n${headers}\r\n\r\n`);
      if (head.length) tunnel.write(head);
      tunnel.pipe(socket).pipe(tunnel);
      const close = () => {
        tunnel.destroy();
        socket.destroy();
      };
      tunnel.on("error", close);
      socket.on("error", close);
    });
  });
  server.on("clientError", (error, socket) => {
    logger.debug({ err: error }, "bad preview request");
    socket.destroy();
  });
  return server;
}
