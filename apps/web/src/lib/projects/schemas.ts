/** What the project forms accept. */
import { allowlistSchema, MAX_SECRET_BYTES, networkModeSchema, secretNameSchema } from "@codeyard/db";
import { z } from "zod";
import { idField } from "../orgs/schemas";
import { checkGitUrl } from "./git-url";
import { TEMPLATE_IDS } from "./templates";

import { MODEL_PROVIDERS } from "./providers";

export { MODEL_PROVIDERS, type ModelProvider } from "./providers";

const MAX_SCRIPT_CHARS = 64 * 1024;

export const projectNameField = z
  .string({ error: "Enter a project name." })
  .trim()
  .min(1, "Enter a project name.")
  .max(100, "Use at most 100 characters.");

export const createProjectSchema = z
  .object({
    orgId: idField,
    name: projectNameField,
    source: z.enum(["empty", "template", "git"], { error: "Choose how to start the project." }),
    template: z.string().optional(),
    gitUrl: z.string().optional(),
  })
  .transform((input, ctx) => {
    if (input.source === "template") {
      const template = z.enum(TEMPLATE_IDS).safeParse(input.template);
      if (!template.success) {
        ctx.addIssue({ code: "custom", path: ["template"], message: "Choose a template." });
        return z.NEVER;
      }
      return { orgId: input.orgId, name: input.name, source: "template" as const, template: template.data };
    }
    if (input.source === "git") {
      const verdict = checkGitUrl(input.gitUrl ?? "");
      if (!verdict.ok) {
        ctx.addIssue({ code: "custom", path: ["gitUrl"], message: verdict.reason });
        return z.NEVER;
      }
      return { orgId: input.orgId, name: input.name, source: "git" as const, gitUrl: verdict.url };
    }
    return { orgId: input.orgId, name: input.name, source: "empty" as const };
  });
export type CreateProjectInput = z.infer<typeof createProjectSchema>;

/** Empty text boxes mean "not set". */
const optionalText = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} may have at most ${max.toLocaleString("en")} characters.`)
    .optional()
    .transform((value) => (value && value.trim() ? value.replace(/\r\n/g, "\n") : null));

const modelName = z
  .string()
  .trim()
  .max(200, "Use at most 200 characters.")
  .regex(/^[A-Za-z0-9._:/@+-]*$/, "Use the provider's model id, such as claude-sonnet-4-5 or gpt-4.1 (letters, digits and . _ : / @ + -).");

export const modelSettingsSchema = z
  .object({
    modelProvider: z.union([z.enum(MODEL_PROVIDERS), z.literal("")], { error: "Choose a provider." }),
    model: modelName,
    fallbackModel: modelName,
  })
  .superRefine((input, ctx) => {
    if (input.modelProvider && !input.model) ctx.addIssue({ code: "custom", path: ["model"], message: "Enter the model the agent uses." });
    if (!input.modelProvider && (input.model || input.fallbackModel)) {
      ctx.addIssue({ code: "custom", path: ["modelProvider"], message: "Choose the provider that serves this model." });
    }
  })
  .transform((input) => ({
    modelProvider: input.modelProvider || null,
    model: input.model || null,
    fallbackModel: input.fallbackModel || null,
  }));

export const providerKeySchema = z
  .object({
    provider: z.enum(MODEL_PROVIDERS, { error: "Choose a provider." }),
    apiKey: z.string().trim().min(1, "Paste the API key.").max(4096, "An API key has at most 4096 characters."),
    baseUrl: z
      .string()
      .trim()
      .max(2048, "Use a URL of at most 2048 characters.")
      .optional()
      .refine((value) => !value || /^https?:\/\/[^\s]+$/.test(value), "Use an http(s) URL such as http://vllm.internal:8000/v1."),
  })
  .transform((input) => ({ ...input, baseUrl: input.provider === "openai-compatible" && input.baseUrl ? input.baseUrl : undefined }));

export const projectSecretSchema = z.object({
  name: z.string().trim().pipe(secretNameSchema),
  value: z
    .string()
    .min(1, "Enter the secret's value.")
    .refine((value) => Buffer.byteLength(value) <= MAX_SECRET_BYTES, `A secret may hold at most ${MAX_SECRET_BYTES / 1024} KiB.`),
});
export const deleteSecretSchema = z.object({ name: secretNameSchema });

/** Host names separated by new lines, commas or spaces. */
export function parseAllowlist(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((host) => host.trim().toLowerCase()).filter(Boolean))];
}

export const sandboxSettingsSchema = z.object({
  networkMode: networkModeSchema,
  allowlist: z
    .string()
    .max(32 * 1024, "The allowlist is too long.")
    .optional()
    .transform((text, ctx) => {
      const hosts = allowlistSchema.safeParse(parseAllowlist(text ?? ""));
      if (hosts.success) return hosts.data;
      const issue = hosts.error.issues[0];
      const bad = typeof issue?.path[0] === "number" ? parseAllowlist(text ?? "")[issue.path[0]] : undefined;
      ctx.addIssue({ code: "custom", message: bad ? `"${bad.slice(0, 100)}" is not a host name; use names such as packages.example.com or *.example.com.` : "Use at most 256 host names." });
      return z.NEVER;
    }),
  dockerfile: optionalText(MAX_SCRIPT_CHARS, "The Dockerfile"),
  setupScript: optionalText(MAX_SCRIPT_CHARS, "The setup script"),
  verifyCommand: optionalText(2000, "The verify command"),
});

export const renameProjectSchema = z.object({ name: projectNameField });
