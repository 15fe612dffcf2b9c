/** What a run is started with, and the defaults. */
import type { RunEndCode, RunEvent, RunStatus, TokenUsage } from "@codeyard/protocol";
import type { SandboxClient } from "@codeyard/sandbox";
import type { AgentModel } from "../model/create-model.js";
import type { ModelInfo } from "../model/model-catalog.js";
import type { RetryPolicy } from "../model/retry.js";
import type { PromptBuilder } from "../prompt/prompt-builder.js";
import type { AgentTool, ToolLimits } from "../tools/tool-types.js";

export interface AgentRunOptions {
  runId: string;
  sandbox: SandboxClient;
  model: AgentModel;
  /** Used for the rest of the run when `model` keeps failing after its retries. */
  fallbackModel?: AgentModel;
  /**
   * Receives every event, in order; the run waits for it, so the caller persists the event before
   * showing it. If it throws, the run ends (start/resume reject with `emit_failed`).
   */
  emit: (event: RunEvent) => Promise<void>;
  /**
   * The conversation's persisted events: earlier runs for `start`; for `resume`, everything up to
   * and including the interrupted run's own events.
   */
  history?: RunEvent[];
  /** Model calls per run (default 200). */
  maxSteps?: number;
  maxOutputTokens?: number;
  /** Per-project model table overrides (prices, context windows), by model id prefix. */
  models?: Record<string, Partial<ModelInfo>>;
  /** Compact when the next prompt would pass this share of the context window (default 0.8). */
  compactAt?: number;
  retry?: Partial<RetryPolicy>;
  toolLimits?: Partial<ToolLimits>;
  tools?: readonly AgentTool[];
  promptBuilder?: PromptBuilder;
  /** Project rules; by default read from AGENTS.md / CLAUDE.md in the workspace at the start. */
  projectRules?: string;
  systemPrompt?: string;
  now?: () => Date;
  /** Streamed text is emitted in deltas at most this often (default 50 ms). */
  deltaFlushMs?: number;
  /** A model call that receives nothing for this long is abandoned and retried (default 180 s). */
  modelIdleTimeoutMs?: number;
}

export interface RunOutcome {
  runId: string;
  status: RunStatus;
  reason: { code: RunEndCode; message: string };
  steps: number;
  usage: TokenUsage;
  costUsd: number;
}

export const DEFAULT_MAX_STEPS = 200;
export const DEFAULT_MAX_OUTPUT_TOKENS = 16_000;
export const DEFAULT_DELTA_FLUSH_MS = 50;
export const DEFAULT_MODEL_IDLE_TIMEOUT_MS = 180_000;
