/** The broker's HTTP surface. Socket traffic joins it on the same server. */
import { createServer, type Server } from "node:http";
import type { Logger } from "pino";
import type { HealthReport } from "./health.js";

export function createHttpServer(options: { health: () => Promise<HealthReport>; logger: Logger }): Server {
  return createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://broker");
    if (request.method === "GET" && url.pathname === "/healthz") {
      options
        .health()
        .then((report) => {
          response.writeHead(report.status === "ok" ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
          response.end(JSON.stringify(report));
        })
        .catch((error: unknown) => {
          options.logger.error({ err: error }, "health check failed");
          response.writeHead(500, { "content-type": "application/json" });
          response.end(JSON.stringify({ code: "internal", message: "The health check failed; see the broker log." }));
        });
      return;
    }
    response.writeHead(404, { "content-type": "application/json" });
    response.end(JSON.stringify({ code: "not_found", message: `No route for ${request.method} ${url.pathname}.` }));
  });
}
