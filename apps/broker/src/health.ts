/** The broker's health report, served at /healthz and shown by the web app's status panel. */
import type { DockerDriver, SandboxManager } from "@codeyard/sandbox";

export interface HealthReport {
  status: "ok" | "degraded";
  version: string;
  engine: { reachable: boolean; version: string | null };
  image: string;
  workspaceStore: string;
  sandboxes: { total: number; running: number; paused: number; stopped: number; pooled: number };
}

export const BROKER_VERSION = "0.1.0";

export async function healthReport(manager: SandboxManager, driver: DockerDriver, image: string): Promise<HealthReport> {
  const engineVersion = await driver.docker
    .version()
    .then((version) => version.Version)
    .catch(() => null);
  const sandboxes = manager.list();
  const count = (state: string) => sandboxes.filter((sandbox) => sandbox.state === state).length;
  return {
    status: engineVersion ? "ok" : "degraded",
    version: BROKER_VERSION,
    engine: { reachable: engineVersion !== null, version: engineVersion },
    image,
    workspaceStore: manager.store.kind,
    sandboxes: {
      total: sandboxes.length,
      running: count("running"),
      paused: count("paused"),
      stopped: count("stopped"),
      pooled: sandboxes.filter((sandbox) => sandbox.pooled).length,
    },
  };
}
