/**
 * The session broker's health report (`GET /healthz`), parsed and turned into something a person
 * can act on. `describeBrokerHealth` is pure so every case is unit-tested; `fetchBrokerHealth`
 * only does the I/O.
 */
import { z } from "zod";

const count = z.number().int().nonnegative();

export const brokerHealthSchema = z.object({
  status: z.string().min(1),
  version: z.string().min(1),
  engine: z.object({
    reachable: z.boolean(),
    version: z.string().nullish(),
  }),
  image: z.string().min(1),
  sandboxes: z.object({
    total: count,
    running: count,
    paused: count,
    stopped: count,
    pooled: count,
  }),
  workspaceStore: z.string().min(1),
});

export type BrokerHealth = z.infer<typeof brokerHealthSchema>;

/** What happened when we asked the broker: an HTTP answer (any status) or a failure to get one. */
export type BrokerProbe =
  | { kind: "response"; httpStatus: number; body: string }
  | { kind: "error"; error: unknown };

export type BrokerTone = "ok" | "warn" | "error";

export interface BrokerStatusView {
  tone: BrokerTone;
  title: string;
  /** One sentence; text between backticks is a command the reader can run. */
  message: string;
  facts: Array<{ label: string; value: string }>;
}

export const BROKER_TIMEOUT_MS = 2_000;
const START_HINT = "start Codeyard with `npm run up`";

export function brokerBaseUrl(config: { CODEYARD_BROKER_HOST: string; CODEYARD_BROKER_PORT: number }): string {
  const host = config.CODEYARD_BROKER_HOST.includes(":") ? `[${config.CODEYARD_BROKER_HOST}]` : config.CODEYARD_BROKER_HOST;
  return `http://${host}:${config.CODEYARD_BROKER_PORT}`;
}

export function describeBrokerHealth(baseUrl: string, probe: BrokerProbe, timeoutMs = BROKER_TIMEOUT_MS): BrokerStatusView {
  if (probe.kind === "error") {
    return {
      tone: "error",
      title: "Session broker unreachable",
      message: `The session broker is not reachable at ${baseUrl} — ${START_HINT}.`,
      facts: [{ label: "Reason", value: unreachableReason(probe.error, timeoutMs) }],
    };
  }

  const parsed = brokerHealthSchema.safeParse(parseJson(probe.body));
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    const detail = problem && problem.path.length > 0 ? `${problem.path.join(".")}: ${problem.message}` : "not a JSON health report";
    return {
      tone: "error",
      title: "Unexpected answer from the broker",
      message: `Something answered at ${baseUrl}, but not with a Codeyard health report — check CODEYARD_BROKER_HOST and CODEYARD_BROKER_PORT, and that the broker and web app are the same version.`,
      facts: [
        { label: "HTTP status", value: String(probe.httpStatus) },
        { label: "Problem", value: detail },
      ],
    };
  }

  const health = parsed.data;
  const facts = healthFacts(health);
  if (!health.engine.reachable) {
    return {
      tone: "warn",
      title: "Docker engine unreachable",
      message: `The session broker at ${baseUrl} is up but cannot reach the Docker engine, so no sandbox can start — ${START_HINT}.`,
      facts,
    };
  }
  if (health.status !== "ok") {
    return {
      tone: "warn",
      title: "Session broker degraded",
      message: `The session broker at ${baseUrl} reports status "${health.status}" — see its log for the cause.`,
      facts,
    };
  }
  return {
    tone: "ok",
    title: "Session broker healthy",
    message: `Connected to the session broker at ${baseUrl}.`,
    facts,
  };
}

function healthFacts(health: BrokerHealth): BrokerStatusView["facts"] {
  const { sandboxes } = health;
  return [
    { label: "Broker", value: `v${health.version}` },
    {
      label: "Docker engine",
      value: health.engine.reachable ? `reachable${health.engine.version ? `, v${health.engine.version}` : ""}` : "unreachable",
    },
    { label: "Sandbox image", value: health.image },
    {
      label: "Sandboxes",
      value: `${sandboxes.running} running, ${sandboxes.paused} paused, ${sandboxes.stopped} stopped (${sandboxes.total} total)`,
    },
    { label: "Warm pool", value: `${sandboxes.pooled} ready` },
    { label: "Workspace store", value: health.workspaceStore },
  ];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unreachableReason(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMs / 1000} s`;
  // Node's fetch wraps the socket error: TypeError("fetch failed") with the errno in `cause`.
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host name not found";
  if (typeof code === "string") return code;
  return error instanceof Error ? error.message : String(error);
}

/** Asks the broker for its health, never cached, giving up after `timeoutMs`. Never throws. */
export async function fetchBrokerHealth(
  baseUrl: string,
  { timeoutMs = BROKER_TIMEOUT_MS, fetchImpl = fetch }: { timeoutMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<BrokerStatusView> {
  let probe: BrokerProbe;
  try {
    const response = await fetchImpl(`${baseUrl}/healthz`, {
      cache: "no-store",
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    probe = { kind: "response", httpStatus: response.status, body: await response.text() };
  } catch (error) {
    probe = { kind: "error", error };
  }
  return describeBrokerHealth(baseUrl, probe, timeoutMs);
}
