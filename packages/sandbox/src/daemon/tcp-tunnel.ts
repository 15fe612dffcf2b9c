/**
 * Tunnels one TCP connection to a port inside the sandbox over the daemon socket, so the broker
 * can reach an app listening on 127.0.0.1 in the sandbox (app previews) whatever the sandbox's
 * network mode, without publishing ports on the host.
 */
import { connect } from "node:net";
import { FrameKind } from "../wire/frames.js";
import { DaemonError, type Connection } from "./connection.js";

export async function tunnelTcp(conn: Connection, port: number): Promise<void> {
  const upstream = connect({ host: "127.0.0.1", port });
  await new Promise<void>((resolve, reject) => {
    upstream.once("connect", resolve);
    upstream.once("error", (error: NodeJS.ErrnoException) =>
      reject(new DaemonError("not_found", `Nothing is listening on port ${port} in the sandbox (${error.code ?? error.message}).`)),
    );
  });
  conn.send({ type: "ok" });
  upstream.on("data", (chunk: Buffer) => {
    if (!conn.sendData(chunk, FrameKind.Data)) {
      upstream.pause();
      conn.socket.once("drain", () => upstream.resume());
    }
  });
  upstream.on("end", () => conn.end());
  upstream.on("error", () => conn.end());
  conn.onFrame((frame) => {
    if (frame.kind === FrameKind.Data && !upstream.write(frame.data)) {
      conn.socket.pause();
      upstream.once("drain", () => conn.socket.resume());
    }
  });
  conn.socket.on("end", () => upstream.end());
  conn.socket.on("close", () => upstream.destroy());
}
