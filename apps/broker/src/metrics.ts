/** Prometheus metrics of one broker, served at /metrics. */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    connections: new Gauge({ name: "codeyard_socket_connections", help: "Open socket connections", registers: [registry] }),
    sessions: new Gauge({ name: "codeyard_sessions_active", help: "Sessions with at least one joined client on this broker", registers: [registry] }),
    sandboxes: new Gauge({ name: "codeyard_sandboxes", help: "Sandboxes owned by this broker", labelNames: ["state"], registers: [registry] }),
    eventLag: new Histogram({
      name: "codeyard_event_lag_seconds",
      help: "From an event being submitted to its broadcast (includes the durable write)",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    requests: new Counter({ name: "codeyard_requests_total", help: "Socket requests by event and outcome", labelNames: ["event", "outcome"], registers: [registry] }),
  };
}
export type BrokerMetrics = ReturnType<typeof createMetrics>;
