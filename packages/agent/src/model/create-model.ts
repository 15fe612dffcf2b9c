/**
 * Builds an AI SDK language model from a project's model settings. Keys arrive decrypted from the
 * caller; nothing is read from the environment (the SDKs would fall back to env variables, so a
 * missing key is refused here instead).
 */
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { ModelRef } from "@codeyard/protocol";
import type { LanguageModel } from "ai";
import { z } from "zod";
import { AgentError } from "../errors.js";

export const ModelSettings = z.object({
  provider: z.enum(["anthropic", "openai", "openai-compatible"]),
  model: z.string().min(1).max(256),
  apiKey: z.string().max(4096).optional(),
  /** Required for openai-compatible servers (vLLM, Ollama, ...); optional otherwise. */
  baseURL: z.url().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});
export type ModelSettings = z.infer<typeof ModelSettings>;

/** A language model object (not a gateway model id string). */
export type AgentModel = Exclude<LanguageModel, string>;

export function createModel(settings: ModelSettings): AgentModel {
  const parsed = ModelSettings.safeParse(settings);
  if (!parsed.success) {
    throw new AgentError("invalid_settings", `The model settings are invalid (${z.prettifyError(parsed.error).replace(/\n/g, " ")}); fix them in the project's settings.`);
  }
  const { provider, model, apiKey, baseURL, headers } = parsed.data;
  if (provider !== "openai-compatible" && !apiKey) {
    throw new AgentError("invalid_settings", `No API key is set for the ${provider} provider; add one in the project's model settings.`);
  }
  switch (provider) {
    case "anthropic":
      return createAnthropic({ apiKey, baseURL, headers })(model);
    case "openai":
      // Chat Completions (not the Responses API): the one wire format every OpenAI-style server speaks.
      return createOpenAI({ apiKey, baseURL, headers }).chat(model);
    case "openai-compatible":
      if (!baseURL) throw new AgentError("invalid_settings", "An openai-compatible provider needs a base URL (e.g. http://host:8000/v1); add it in the project's model settings.");
      return createOpenAICompatible({ name: "openai-compatible", apiKey, baseURL, headers, includeUsage: true }).chatModel(model);
  }
}

/** Provider and model id as recorded in events. */
export function modelRef(model: AgentModel): ModelRef {
  return { provider: providerFamily(model), model: model.modelId };
}

/** "anthropic", "openai" or the provider string the SDK reports (e.g. "openai-compatible"). */
export function providerFamily(model: AgentModel): string {
  const provider = model.provider.split(".")[0] ?? model.provider;
  return provider;
}

export function isAnthropic(model: AgentModel): boolean {
  return providerFamily(model) === "anthropic";
}
