/** The socket.io server: authenticated handshake, one dispatcher per connection, cleanup. */
import type { Server as HttpServer } from "node:http";
import { HandshakeAuth, MAX_FILE_BYTES, SESSION_COOKIE } from "@codeyard/protocol";
import { Server } from "socket.io";
import type { BrokerStore } from "../store.js";
import type { ShareFollowers } from "../sharing/share-followers.js";
import type { TerminalBridge } from "../terminals/terminal-bridge.js";
import { attachDispatcher, type DispatchDeps } from "./dispatch.js";

interface AuthError extends Error {
  data?: { code: string; message: string };
}

function authError(code: string, message: string): AuthError {
  const error: AuthError = new Error(message);
  error.data = { code, message };
  return error;
}

export function createSocketServer(httpServer: HttpServer, options: { corsOrigin: string }): Server {
  return new Server(httpServer, {
    path: "/socket.io",
    // A file write carries at most MAX_FILE_BYTES, base64-encoded, plus the envelope.
    maxHttpBufferSize: Math.ceil((MAX_FILE_BYTES * 4) / 3) + 64 * 1024,
    cors: { origin: options.corsOrigin, credentials: true },
    serveClient: false,
  });
}

export function acceptConnections(io: Server, deps: DispatchDeps & { store: BrokerStore; terminals: TerminalBridge; followers: ShareFollowers }): void {
  io.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    const token = auth.success ? (auth.data.token ?? cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE)) : undefined;
    // A viewer connection (shared sessions, read-only) may come without a sign-in.
    const viewer = auth.success && auth.data.viewer === true;
    socket.data.viewer = viewer;
    socket.data.userId = null;
    if (!token) return viewer ? next() : next(authError("unauthenticated", "Sign in first: the connection carries no valid session token (or speaks another protocol version)."));
    deps.store.userForToken(token).then(
      (user) => {
        if (!user && !viewer) return next(authError("unauthenticated", "Your sign-in has expired or is unknown; sign in again."));
        socket.data.userId = user?.id ?? null;
        next();
      },
      (error: unknown) => {
        deps.logger.error({ err: error }, "handshake lookup failed");
        next(authError("unavailable", "The broker could not check your sign-in; try again shortly."));
      },
    );
  });
  io.on("connection", (socket) => {
    const userId = socket.data.userId as string | null;
    const viewer = socket.data.viewer === true ? { userId } : undefined;
    deps.metrics.connections.inc();
    attachDispatcher(socket, userId ?? "", { ...deps, logger: deps.logger.child({ socketId: socket.id, userId, viewer: Boolean(viewer) }) }, viewer);
    socket.on("disconnect", () => {
      deps.metrics.connections.dec();
      deps.terminals.detachConnection(socket.id);
      deps.router.socketGone(socket.id);
      deps.followers.socketGone(socket.id);
    });
  });
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}
