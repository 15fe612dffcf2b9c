/**
 * Tells the sessions a sandbox serves that it was paused or stopped (idle timers), as a
 * `sandbox-state` event in each session's log, so the IDE can say "paused" or "stopped — restart".
 * The manager awaits the listener inside the sandbox's queue, so the `running` event of a later
 * resume is always logged after it.
 */
import type { SandboxStateChange } from "@codeyard/sandbox";
import type { Logger } from "pino";
import type { EventLog } from "../sessions/event-log.js";
import type { BrokerStore } from "../store.js";

export function sandboxStateRelay(
  store: BrokerStore,
  events: EventLog,
  logger: Logger,
): (change: SandboxStateChange) => Promise<void> {
  return async (change) => {
    const sessionIds = await store.sessionIdsOfSandbox(change.sandboxId);
    await Promise.all(
      sessionIds.map((sessionId) =>
        events
          .append(sessionId, [
            {
              type: "sandbox-state",
              payload: { sandboxId: change.sandboxId, state: change.state },
            },
          ])
          .catch((error: unknown) =>
            logger.warn(
              { err: error, sessionId, sandboxId: change.sandboxId },
              "sandbox state not logged",
            ),
          ),
      ),
    );
    logger.info(
      {
        sandboxId: change.sandboxId,
        state: change.state,
        cause: change.cause,
        sessions: sessionIds.length,
      },
      "sandbox state relayed",
    );
  };
}
