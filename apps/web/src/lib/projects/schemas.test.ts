import { describe, expect, it } from "vitest";
import { createProjectSchema, modelSettingsSchema, parseAllowlist, projectSecretSchema, providerKeySchema, sandboxSettingsSchema } from "./schemas";

const orgId = "0199aaaa-bbbb-7ccc-8ddd-eeeeffff0000";
const errorsOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0] ?? "_"), issue.message]));

describe("createProjectSchema", () => {
  it("accepts an empty project, a template and a git URL", () => {
    expect(createProjectSchema.parse({ orgId, name: " api ", source: "empty" })).toEqual({ orgId, name: "api", source: "empty" });
    expect(createProjectSchema.parse({ orgId, name: "py", source: "template", template: "python", gitUrl: "ignored" })).toEqual({
      orgId,
      name: "py",
      source: "template",
      template: "python",
    });
    expect(createProjectSchema.parse({ orgId, name: "r", source: "git", gitUrl: "git@github.com:o/r.git" })).toEqual({
      orgId,
      name: "r",
      source: "git",
      gitUrl: "git@github.com:o/r.git",
    });
  });

  it("puts each problem on its field", () => {
    expect(errorsOf(createProjectSchema.safeParse({ orgId, name: "", source: "empty" }))).toEqual({ name: "Enter a project name." });
    expect(errorsOf(createProjectSchema.safeParse({ orgId, name: "x", source: "template", template: "cobol" }))).toEqual({ template: "Choose a template." });
    expect(errorsOf(createProjectSchema.safeParse({ orgId, name: "x", source: "git", gitUrl: "file:///etc" }))).toEqual({
      gitUrl: "Cloning over file is not supported; use an https:// or ssh:// URL.",
    });
    expect(errorsOf(createProjectSchema.safeParse({ orgId: "../x", name: "x", source: "zip" }))).toMatchObject({ orgId: "Invalid id; reload the page.", source: "Choose how to start the project." });
  });
});

describe("modelSettingsSchema", () => {
  it("stores unset fields as null", () => {
    expect(modelSettingsSchema.parse({ modelProvider: "anthropic", model: " claude-sonnet-4-5 ", fallbackModel: "" })).toEqual({
      modelProvider: "anthropic",
      model: "claude-sonnet-4-5",
      fallbackModel: null,
    });
    expect(modelSettingsSchema.parse({ modelProvider: "", model: "", fallbackModel: "" })).toEqual({ modelProvider: null, model: null, fallbackModel: null });
  });

  it("needs a model with a provider, and a provider with a model", () => {
    expect(errorsOf(modelSettingsSchema.safeParse({ modelProvider: "openai", model: "", fallbackModel: "" }))).toEqual({ model: "Enter the model the agent uses." });
    expect(errorsOf(modelSettingsSchema.safeParse({ modelProvider: "", model: "gpt-4.1", fallbackModel: "" }))).toEqual({
      modelProvider: "Choose the provider that serves this model.",
    });
    expect(modelSettingsSchema.safeParse({ modelProvider: "openai-compatible", model: "qwen2.5-coder:32b", fallbackModel: "org/model@v1" }).success).toBe(true);
    expect(modelSettingsSchema.safeParse({ modelProvider: "mystery", model: "m", fallbackModel: "" }).success).toBe(false);
    expect(modelSettingsSchema.safeParse({ modelProvider: "openai", model: "gpt 4", fallbackModel: "" }).success).toBe(false);
  });
});

describe("providerKeySchema", () => {
  it("keeps a base URL only for OpenAI-compatible servers", () => {
    expect(providerKeySchema.parse({ provider: "openai-compatible", apiKey: " sk-local ", baseUrl: "http://vllm:8000/v1" })).toEqual({
      provider: "openai-compatible",
      apiKey: "sk-local",
      baseUrl: "http://vllm:8000/v1",
    });
    expect(providerKeySchema.parse({ provider: "openai", apiKey: "sk", baseUrl: "http://x/v1" }).baseUrl).toBeUndefined();
    expect(errorsOf(providerKeySchema.safeParse({ provider: "openai-compatible", apiKey: "", baseUrl: "ftp://x" }))).toEqual({
      apiKey: "Paste the API key.",
      baseUrl: "Use an http(s) URL such as http://vllm.internal:8000/v1.",
    });
  });
});

describe("projectSecretSchema", () => {
  it("accepts environment variable names only", () => {
    expect(projectSecretSchema.parse({ name: " NPM_TOKEN ", value: "x" })).toEqual({ name: "NPM_TOKEN", value: "x" });
    expect(projectSecretSchema.safeParse({ name: "1BAD", value: "x" }).success).toBe(false);
    expect(projectSecretSchema.safeParse({ name: "A-B", value: "x" }).success).toBe(false);
    expect(errorsOf(projectSecretSchema.safeParse({ name: "OK", value: "" }))).toEqual({ value: "Enter the secret's value." });
    expect(projectSecretSchema.safeParse({ name: "BIG", value: "x".repeat(64 * 1024 + 1) }).success).toBe(false);
  });
});

describe("sandboxSettingsSchema", () => {
  it("parses the allowlist and turns empty text into null", () => {
    const parsed = sandboxSettingsSchema.parse({
      networkMode: "allowlist",
      allowlist: "packages.example.com\n*.Mirror.example.org, git.example.com  git.example.com",
      dockerfile: "  ",
      setupScript: "npm ci\r\n",
      verifyCommand: "",
    });
    expect(parsed).toEqual({
      networkMode: "allowlist",
      allowlist: ["packages.example.com", "*.mirror.example.org", "git.example.com"],
      dockerfile: null,
      setupScript: "npm ci\n",
      verifyCommand: null,
    });
  });

  it("names the host that is not a host", () => {
    expect(errorsOf(sandboxSettingsSchema.safeParse({ networkMode: "full", allowlist: "ok.example.com\nhttp://bad/path" }))).toEqual({
      allowlist: '"http://bad/path" is not a host name; use names such as packages.example.com or *.example.com.',
    });
    expect(sandboxSettingsSchema.safeParse({ networkMode: "open" }).success).toBe(false);
  });

  it("splits on any whitespace or comma", () => {
    expect(parseAllowlist(" a.com,b.com\n\n c.com ")).toEqual(["a.com", "b.com", "c.com"]);
  });
});
