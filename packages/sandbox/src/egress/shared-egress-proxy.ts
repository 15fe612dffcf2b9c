/**
 * One egress proxy per host address and port in a process, shared by the managers that open there
 * (tests and benchmarks open several). When another process — another broker on this engine —
 * already listens there, its proxy serves our sandboxes too (allowlists travel in container
 * labels), so a taken port is not an error: we try again now and then, and take over when that
 * process is gone.
 */
import type { Logger } from "pino";
import type { SandboxEgress } from "../driver.js";
import { EgressProxy, type EgressProxyOptions } from "./egress-proxy.js";

export interface EgressHandle {
  /** The proxy URL `allowlist` sandboxes get as HTTP(S)_PROXY. */
  url: string;
  release(): Promise<void>;
}

const RETRY_TAKEN_PORT_MS = 10_000;

class SharedProxy {
  refs = 0;
  private proxy: EgressProxy | undefined;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly options: EgressProxyOptions) {}

  /** Listens, or leaves the port to the process that has it; fails on any other error. */
  async listen(): Promise<void> {
    try {
      this.proxy = await EgressProxy.start(this.options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
      if (!this.retry)
        this.options.logger.info(
          { host: this.options.host, port: this.options.port },
          "egress proxy port taken: another broker on this engine serves allowlist sandboxes",
        );
      this.retry = setTimeout(
        () => void this.listen().catch(() => undefined),
        RETRY_TAKEN_PORT_MS,
      ).unref();
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.retry);
    await this.proxy?.close();
  }
}

const shared = new Map<string, Promise<SharedProxy>>();

export async function acquireEgressProxy(
  egress: SandboxEgress,
  port: number,
  logger: Logger,
): Promise<EgressHandle> {
  const host = await egress.gateway();
  const key = `${host}:${port}`;
  let pending = shared.get(key);
  if (!pending) {
    const proxy = new SharedProxy({
      host,
      port,
      logger,
      allowlistOf: (address) => egress.allowlistOf(address),
    });
    pending = proxy.listen().then(() => proxy);
    shared.set(key, pending);
    pending.catch(() => shared.delete(key));
  }
  const proxy = await pending;
  proxy.refs++;
  let released = false;
  return {
    url: `http://${host}:${port}`,
    release: async () => {
      if (released) return;
      released = true;
      if (--proxy.refs > 0) return;
      shared.delete(key);
      await proxy.close();
    },
  };
}
