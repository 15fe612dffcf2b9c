/** Model providers a project can use (client-safe: no database imports). */
export const MODEL_PROVIDERS = ["anthropic", "openai", "openai-compatible"] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

export const PROVIDER_LABELS: Record<ModelProvider, string> = {
  anthropic: "Anthropic",
  openai: "OpenAI",
  "openai-compatible": "OpenAI-compatible server",
};

export function providerLabel(provider: string | null): string {
  return provider && provider in PROVIDER_LABELS ? PROVIDER_LABELS[provider as ModelProvider] : (provider ?? "");
}
