/**
 * Rewind: putting a file back as it was before the agent changed it. It needs checkpoints (a
 * snapshot of the workspace at each run's start), which are not in this build: the function
 * exists so the review screen and its callers are final, and throws a typed error until it is
 * wired to the broker's rewind request.
 */
import type { BrokerClient } from "../broker/broker-client";

export class FeatureNotAvailableError extends Error {
  readonly code = "not_available_yet";

  constructor(
    readonly feature: string,
    message: string,
  ) {
    super(message);
    this.name = "FeatureNotAvailableError";
  }
}

export interface RewindTarget {
  sessionId: string;
  path: string;
}

export async function rewindFile(_client: BrokerClient, target: RewindTarget): Promise<void> {
  throw new FeatureNotAvailableError(
    "rewind",
    `Rewind is not available yet (it comes with checkpoints), so ${target.path} stays as the agent left it. Keep it, or change it back in the IDE.`,
  );
}
