/**
 * P8: share of input tokens read from the provider's prompt cache over a scripted 20-turn agent
 * session (real agent, real sandbox, fake Anthropic server whose usage models Anthropic's prompt
 * caching from the requests it actually received). Baseline: the same session with a naive prompt
 * builder that puts dynamic content (time, todos) at the top of the system prompt.
 */
import { AgentRun, createModel, formatTodos, stablePromptBuilder, withCachedTail, type PromptBuilder } from "@codeyard/agent";
import { FakeProviderServer, lastToolResult, type TurnScript } from "@codeyard/agent/testing";
import type { SandboxClient } from "@codeyard/sandbox";
import type { BenchContext } from "./harness.js";
import { report, type Metric } from "./metric.js";

const TURNS = 20;

const naivePromptBuilder: PromptBuilder = (parts) => ({
  instructions: [
    {
      role: "system",
      content: `Current time: ${parts.now.toISOString()}\nOpen todos:\n${formatTodos(parts.todos)}\n\n${parts.system}`,
      providerOptions: { anthropic: { cacheControl: { type: "ephemeral" } } },
    },
  ],
  tools: parts.tools,
  messages: withCachedTail(parts.messages, 2),
});

const PROJECT: Record<string, string> = {
  "package.json": JSON.stringify({ name: "shop", type: "module", scripts: { test: "node --test" } }, null, 2),
  "AGENTS.md": "# Shop\n\n- ES modules, no dependencies.\n- Every function has a test in test/.\n- Run `npm test` before finishing.\n",
  "src/cart.js": "export function total(items) {\n  return items.reduce((sum, item) => sum + item.price * item.qty, 0);\n}\n",
  "test/cart.test.js": 'import { test } from "node:test";\nimport assert from "node:assert";\nimport { total } from "../src/cart.js";\n\ntest("total", () => assert.strictEqual(total([{ price: 2, qty: 3 }]), 6));\n',
};

const DISCOUNT_TEST = 'import { test } from "node:test";\nimport assert from "node:assert";\nimport { discount } from "../src/discount.js";\n\ntest("discount", () => assert.strictEqual(discount(100, 10), 90));\n';

/** 20 model turns: plan, explore, write, test, fix, run a server, finish (one user message arrives midway). */
function script(run: () => AgentRun): TurnScript[] {
  const todos = (statuses: string[]) => ({ todos: ["Add discount()", "Test it", "Document it"].map((content, i) => ({ content, status: statuses[i] })) });
  let background = "";
  return [
    { text: "I'll plan this.", toolCalls: [{ name: "todo_write", input: todos(["in_progress", "pending", "pending"]) }] },
    { toolCalls: [{ name: "list", input: {} }] },
    { toolCalls: [{ name: "glob", input: { pattern: "**/*.js" } }] },
    { toolCalls: [{ name: "read_file", input: { path: "src/cart.js" } }] },
    { toolCalls: [{ name: "grep", input: { pattern: "export function" } }] },
    { toolCalls: [{ name: "write_file", input: { path: "src/discount.js", content: "export function discount(price, percent) {\n  return price - percent;\n}\n" } }] },
    { toolCalls: [{ name: "write_file", input: { path: "test/discount.test.js", content: DISCOUNT_TEST } }] },
    { toolCalls: [{ name: "bash", input: { command: "npm test 2>&1 | tail -n 25" } }] },
    { text: "The discount is wrong; reading it again.", toolCalls: [{ name: "read_file", input: { path: "src/discount.js" } }] },
    { toolCalls: [{ name: "edit_file", input: { path: "src/discount.js", old_string: "return price - percent;", new_string: "return price - (price * percent) / 100;" } }] },
    async () => {
      await run().send("Please also mention the discount in README.md.");
      return { toolCalls: [{ name: "bash", input: { command: "npm test 2>&1 | tail -n 12" } }] };
    },
    { toolCalls: [{ name: "todo_write", input: todos(["completed", "completed", "in_progress"]) }] },
    { toolCalls: [{ name: "write_file", input: { path: "README.md", content: "# Shop\n\n- `total(items)`: sum of price × qty.\n- `discount(price, percent)`: price less percent %.\n" } }] },
    { toolCalls: [{ name: "bash", input: { command: "python3 -m http.server 8123", run_in_background: true } }] },
    (request) => {
      background = /(bg-[a-f0-9]{8})/.exec(lastToolResult(request)?.content ?? "")?.[1] ?? "bg-00000000";
      return { toolCalls: [{ name: "bash", input: { command: "sleep 1; curl -s localhost:8123/README.md || python3 -c \"print(open('README.md').read())\"" } }] };
    },
    () => ({ toolCalls: [{ name: "bash_output", input: { id: background } }] }),
    () => ({ toolCalls: [{ name: "bash_kill", input: { id: background } }] }),
    { toolCalls: [{ name: "grep", input: { pattern: "discount", glob: "*.md" } }] },
    { toolCalls: [{ name: "todo_write", input: todos(["completed", "completed", "completed"]) }] },
    { text: "Added discount() with a test (npm test passes) and documented it in README.md." },
  ];
}

interface SessionResult {
  share: number;
  requests: number;
  promptTokens: number;
  cacheRead: number;
  status: string;
}

async function session(client: SandboxClient, fake: FakeProviderServer, builder: PromptBuilder, label: string): Promise<SessionResult> {
  fake.reset();
  await client.exec({ shell: "rm -rf ./* ./.??* 2>/dev/null; mkdir -p src test" });
  for (const [path, content] of Object.entries(PROJECT)) await client.writeFile(path, content, { mkdirs: true });
  const model = createModel({ provider: "anthropic", model: "claude-sonnet-4-5", apiKey: "bench", baseURL: fake.anthropicBaseURL });
  const agent: AgentRun = new AgentRun({ runId: `p8-${label}`, sandbox: client, model, emit: async () => undefined, promptBuilder: builder });
  fake.enqueue(...script(() => agent));
  const outcome = await agent.start("Add a discount(price, percent) function to the shop, with a test, and make npm test pass.");
  if (fake.failures.length) throw fake.failures[0];
  if (fake.requests.length !== TURNS) throw new Error(`the ${label} session made ${fake.requests.length} model calls, expected ${TURNS} (status ${outcome.status}: ${outcome.reason.message})`);
  let prompt = 0;
  let read = 0;
  for (const request of fake.requests) {
    const usage = request.usage ?? { inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
    prompt += usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
    read += usage.cacheReadTokens;
  }
  return { share: (100 * read) / prompt, requests: fake.requests.length, promptTokens: prompt, cacheRead: read, status: outcome.status };
}

export async function benchP8(ctx: BenchContext): Promise<Metric[]> {
  console.log(`P8: share of input tokens read from the prompt cache over a ${TURNS}-turn session (fake Anthropic server, real sandbox)`);
  const fake = await FakeProviderServer.start();
  try {
    return await ctx.withManager("p8", 0, async (manager) => {
      const info = await manager.create({ projectId: "bench-p8" });
      const client = await manager.client(info.id);
      ctx.checkAborted();
      const stable = await session(client, fake, stablePromptBuilder, "stable");
      ctx.checkAborted();
      const naive = await session(client, fake, naivePromptBuilder, "naive");
      for (const [name, result] of [["stable prefix", stable], ["naive (dynamic top)", naive]] as const) {
        console.log(`  ${name.padEnd(20)} ${result.share.toFixed(1)}% cached: ${result.cacheRead} of ${result.promptTokens} input tokens over ${result.requests} calls (run ${result.status})`);
      }
      return [report({ id: "P8", value: stable.share, unit: "%", baseline: naive.share, target: 90, goal: "min" })];
    });
  } finally {
    await fake.close();
  }
}
