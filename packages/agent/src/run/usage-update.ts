/** Token and cost accounting: the usage-updated event of one model call. */
import type { RunEventPayload, TokenUsage } from "@codeyard/protocol";
import { modelRef, type AgentModel } from "../model/create-model.js";
import { costOf, type ModelPrice } from "../model/model-catalog.js";
import { addUsage } from "../model/usage.js";
import type { RunState } from "./run-state.js";

export function usageUpdate(state: RunState, step: number, model: AgentModel, usage: TokenUsage, price: ModelPrice | undefined): Omit<RunEventPayload<"usage-updated">, "runId"> {
  const cost = costOf(usage, price);
  return {
    step,
    model: modelRef(model),
    usage,
    costUsd: cost,
    total: addUsage(state.usage, usage),
    totalCostUsd: state.costUsd + (cost ?? 0),
    costComplete: state.costComplete && cost !== null,
  };
}
