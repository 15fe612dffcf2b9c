import { MODEL_PROVIDERS, PROVIDER_LABELS } from "@/lib/projects/providers";

export const PROVIDER_OPTIONS = MODEL_PROVIDERS.map((value) => ({ value, label: PROVIDER_LABELS[value] }));
