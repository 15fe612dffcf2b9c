/**
 * sandboxd: the small daemon that runs inside every sandbox (as the sandbox user) and serves the
 * broker over a unix socket in a host-mounted directory. It replaces a `docker exec` per command
 * (~100 ms) with a connection (~1 ms) and owns the terminals, so they outlive broker restarts.
 * Bundled by esbuild into one file; it must not import anything outside this folder and ../wire.
 */
import { chmodSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { Connection, DaemonError } from "./connection.js";
import { runExec } from "./exec.js";
import { deletePath, fsError, listDir, makeDir, readFileTo, renamePath, statPath, writeFileFrom } from "./files.js";
import { listListeners } from "./listeners.js";
import { startProcess } from "./process-start.js";
import { searchFiles } from "./search.js";
import { TerminalRegistry } from "./terminals.js";
import { tunnelTcp } from "./tcp-tunnel.js";
import { watchFiles } from "./watch.js";
import * as v from "valibot";
import { DAEMON_PROTOCOL_VERSION, DaemonRequest, firstIssue } from "../wire/messages.js";
import { FrameError, FrameKind } from "../wire/frames.js";

const socketPath = process.env.CODEYARD_SOCKET ?? "/run/codeyard/sandboxd.sock";
const startedAt = Date.now();
const terminals = new TerminalRegistry();

async function handle(conn: Connection, raw: unknown): Promise<void> {
  const parsed = v.safeParse(DaemonRequest, raw);
  if (!parsed.success) return conn.fail("invalid_request", `Malformed request: ${firstIssue(parsed.issues)}`);
  const request = parsed.output;
  const pathOf = "path" in request && typeof request.path === "string" ? request.path : "from" in request ? request.from : ".";
  try {
    switch (request.op) {
      case "hello":
        conn.send({ type: "hello", version: DAEMON_PROTOCOL_VERSION, pid: process.pid, uptimeMs: Date.now() - startedAt });
        return conn.end();
      case "exec":
        return await runExec(conn, request);
      case "terminal-open":
        return await terminals.open(conn, request);
      case "terminal-list":
        conn.send({ type: "terminals", terminals: terminals.list() });
        return conn.end();
      case "terminal-kill":
        terminals.kill(request.id);
        conn.send({ type: "ok" });
        return conn.end();
      case "terminal-screen": {
        const screen = Buffer.from(await terminals.get(request.id).serialize(), "utf8");
        conn.send({ type: "screen", bytes: screen.length });
        conn.sendData(screen, FrameKind.Data);
        return conn.end();
      }
      case "fs-list":
        conn.send({ type: "entries", entries: await listDir(request.path) });
        return conn.end();
      case "fs-stat":
        conn.send({ type: "stat", stat: await statPath(request.path) });
        return conn.end();
      case "fs-read":
        await readFileTo(conn, request.path, request.maxBytes);
        return conn.end();
      case "fs-write":
        conn.send({ type: "written", stat: await writeFileFrom(conn, request) });
        return conn.end();
      case "fs-mkdir":
        await makeDir(request.path, request.recursive ?? false);
        conn.send({ type: "ok" });
        return conn.end();
      case "fs-rename":
        await renamePath(request.from, request.to, request.overwrite ?? false);
        conn.send({ type: "ok" });
        return conn.end();
      case "fs-delete":
        await deletePath(request.path, request.recursive ?? false);
        conn.send({ type: "ok" });
        return conn.end();
      case "fs-watch":
        return await watchFiles(conn, request.path);
      case "tcp-connect":
        return await tunnelTcp(conn, request.port);
      case "fs-search":
        conn.send({ type: "matches", ...(await searchFiles(request)) });
        return conn.end();
      case "listeners-list":
        conn.send({ type: "listeners", listeners: await listListeners() });
        return conn.end();
      case "process-start":
        conn.send({ type: "process-started", ...(await startProcess(request)) });
        return conn.end();
    }
  } catch (error) {
    const failure = error instanceof DaemonError ? error : fsError(error, pathOf);
    conn.fail(failure.code, failure.message);
  }
}

const server = createServer((socket) => {
  const conn = new Connection(socket);
  let started = false;
  socket.on("data", (chunk) => {
    try {
      conn.feed(chunk);
    } catch (error) {
      conn.fail("invalid_request", error instanceof FrameError ? error.message : "Unreadable frame.");
      return;
    }
    if (!started) {
      started = true;
      conn.onFrame((frame) => {
        if (frame.kind !== FrameKind.Json) return conn.fail("invalid_request", "The first frame must be a JSON request.");
        // Later frames belong to the operation, which installs its own listener.
        conn.holdFrames();
        void handle(conn, frame.json);
      });
    }
  });
  socket.on("error", () => undefined);
});

rmSync(socketPath, { force: true });
server.listen(socketPath, () => {
  chmodSync(socketPath, 0o600);
  process.stdout.write(`sandboxd ${DAEMON_PROTOCOL_VERSION} listening on ${socketPath}\n`);
});
process.on("SIGTERM", () => process.exit(0));
