/** The broker's HTTP surface: health and metrics. Socket.io shares the same server. */
import { createServer, type Server } from "node:http";
import type { Logger } from "pino";
import type { HealthReport } from "./health.js";

export interface HttpRoutes {
  health: () => Promise<HealthReport>;
  metrics?: () => Promise<{ contentType: string; body: string }>;
  logger: Logger;
}

export function createHttpServer(routes: HttpRoutes): Server {
  return createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://broker");
    const fail = (error: unknown) => {
      routes.logger.error({ err: error, path: url.pathname }, "HTTP route failed");
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ code: "internal", message: "The broker failed to answer; see its log." }));
    };
    if (request.method === "GET" && url.pathname === "/healthz") {
      routes.health().then((report) => {
        response.writeHead(report.status === "ok" ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
        response.end(JSON.stringify(report));
      }, fail);
      return;
    }
    if (request.method === "GET" && url.pathname === "/metrics" && routes.metrics) {
      routes.metrics().then(({ contentType, body }) => {
        response.writeHead(200, { "content-type": contentType });
        response.end(body);
      }, fail);
      return;
    }
    // socket.io handles its own path on this server.
    if (url.pathname.startsWith("/socket.io")) return;
    response.writeHead(404, { "content-type": "application/json" });
    response.end(JSON.stringify({ code: "not_found", message: `No route for ${request.method} ${url.pathname}.` }));
  });
}
