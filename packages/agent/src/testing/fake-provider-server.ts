/**
 * A local model provider for tests: an HTTP server on 127.0.0.1 (random port) that speaks the
 * Anthropic Messages API (`POST …/messages`) and the OpenAI Chat Completions API
 * (`POST …/chat/completions`), streaming (SSE) and not, and answers with scripted turns, in order,
 * whatever the wire. It records every request so tests can assert on what the model was sent,
 * and reports usage from a model of prompt caching (see prompt-cache-sim.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { anthropicError, anthropicMessage, parseAnthropicRequest, streamAnthropicError, streamAnthropicMessage, type ParsedPrompt } from "./anthropic-wire.js";
import { openAICompletion, openAIError, parseOpenAIRequest, streamOpenAICompletion, streamOpenAIError } from "./openai-wire.js";
import { PromptCacheSim, estimateTokens } from "./prompt-cache-sim.js";
import {
  isErrorTurn,
  isHangTurn,
  isStreamErrorTurn,
  type RecordedRequest,
  type ReplyTurn,
  type ReportedUsage,
  type ScriptedTurn,
  type TurnScript,
  type WireFormat,
} from "./script.js";
import { SseWriter } from "./wire-util.js";

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class FakeProviderServer {
  readonly requests: RecordedRequest[] = [];
  /** Errors thrown by scripted turn functions (e.g. failed expectations); tests should expect none. */
  readonly failures: Error[] = [];
  private readonly script: TurnScript[] = [];
  private readonly caches = { anthropic: new PromptCacheSim("breakpoints"), openai: new PromptCacheSim("automatic") };
  private readonly open = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeProviderServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeProviderServer(server, `http://127.0.0.1:${port}`);
    server.on("request", (request: IncomingMessage, response: ServerResponse) => void fake.handle(request, response));
    return fake;
  }

  /** Base URL for `@ai-sdk/anthropic` (it appends `/messages`). */
  get anthropicBaseURL(): string {
    return `${this.url}/v1`;
  }

  /** Base URL for `@ai-sdk/openai` and `@ai-sdk/openai-compatible` (they append `/chat/completions`). */
  get openaiBaseURL(): string {
    return `${this.url}/v1`;
  }

  /** Adds turns to the script; each request consumes the next one. */
  enqueue(...turns: TurnScript[]): this {
    this.script.push(...turns);
    return this;
  }

  /** Turns not consumed yet. */
  get pending(): number {
    return this.script.length;
  }

  /** Forgets the script, the recorded requests and the simulated prompt cache. */
  reset(): void {
    this.script.length = 0;
    this.requests.length = 0;
    this.failures.length = 0;
    this.caches.anthropic.clear();
    this.caches.openai.clear();
  }

  async close(): Promise<void> {
    for (const response of this.open) response.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.open.add(response);
    response.once("close", () => this.open.delete(response));
    try {
      const path = new URL(request.url ?? "/", this.url).pathname;
      const wire: WireFormat | undefined = path.endsWith("/messages") ? "anthropic" : path.endsWith("/chat/completions") ? "openai" : undefined;
      if (request.method !== "POST" || !wire) return sendJson(response, 404, { error: { message: `The fake provider serves POST …/messages and …/chat/completions, not ${request.method} ${path}.` } });
      const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
      const parsed = wire === "anthropic" ? parseAnthropicRequest(body) : parseOpenAIRequest(body);
      const recorded = this.record(wire, path, request, body, parsed);
      const next = this.script.shift();
      if (!next) {
        const message = `The fake provider has no scripted turn left for request #${recorded.index} (enqueue more turns).`;
        return sendJson(response, 400, wire === "anthropic" ? anthropicError(400, message) : openAIError(400, message));
      }
      let turn: ScriptedTurn;
      try {
        turn = typeof next === "function" ? await next(recorded) : next;
      } catch (error) {
        // Answered with a non-retryable error, so the run fails at once instead of retrying.
        this.failures.push(error instanceof Error ? error : new Error(String(error)));
        const message = `The scripted turn for request #${recorded.index} threw: ${String(error).slice(0, 2000)}`;
        return sendJson(response, 400, wire === "anthropic" ? anthropicError(400, message) : openAIError(400, message));
      }
      await this.reply(wire, recorded, parsed, turn, response);
    } catch (error) {
      if (!response.headersSent) sendJson(response, 500, { error: { message: `fake provider failed: ${String(error)}` } });
      else response.destroy();
    }
  }

  private record(wire: WireFormat, path: string, request: IncomingMessage, body: Record<string, unknown>, parsed: ParsedPrompt): RecordedRequest {
    const recorded: RecordedRequest = {
      index: this.requests.length,
      wire,
      path,
      headers: Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)])),
      body,
      stream: body.stream === true,
      model: String(body.model ?? ""),
      system: parsed.system,
      systemCached: parsed.systemCached,
      messages: parsed.messages,
      toolNames: parsed.toolNames,
      cachedToolNames: parsed.cachedToolNames,
      toolChoice: body.tool_choice,
    };
    this.requests.push(recorded);
    return recorded;
  }

  private async reply(wire: WireFormat, recorded: RecordedRequest, parsed: ParsedPrompt, turn: ScriptedTurn, response: ServerResponse): Promise<void> {
    if (isHangTurn(turn)) return new Promise<void>((resolve) => response.once("close", resolve));
    if (isErrorTurn(turn)) {
      const { status, message = `scripted error ${status}`, type, retryAfterSeconds, headers = {} } = turn.error;
      if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
      return sendJson(response, status, wire === "anthropic" ? anthropicError(status, message, type) : openAIError(status, message, type), headers);
    }
    const sse = new SseWriter(response);
    if (isStreamErrorTurn(turn)) {
      const { afterText, message = "Overloaded", type } = turn.streamError;
      sse.start();
      await (wire === "anthropic" ? streamAnthropicError : streamOpenAIError)(sse, afterText, message, type, recorded.model, recorded.index);
      return sse.end();
    }
    const usage = this.usageFor(wire, parsed, turn);
    recorded.usage = usage;
    if (!recorded.stream) {
      return sendJson(response, 200, wire === "anthropic" ? anthropicMessage(turn, recorded.model, usage, recorded.index) : openAICompletion(turn, recorded.model, usage, recorded.index));
    }
    sse.start();
    if (wire === "anthropic") await streamAnthropicMessage(sse, turn, recorded.model, usage, recorded.index);
    else {
      const includeUsage = (recorded.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
      await streamOpenAICompletion(sse, turn, recorded.model, usage, recorded.index, includeUsage);
    }
    sse.end();
  }

  private usageFor(wire: WireFormat, parsed: ParsedPrompt, turn: ReplyTurn): ReportedUsage {
    const measured = this.caches[wire].measure(parsed.blocks);
    const output = estimateTokens((turn.text ?? "").length + JSON.stringify(turn.toolCalls ?? []).length);
    return { ...measured, outputTokens: Math.max(1, output), ...turn.usage };
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("request body over 64 MiB");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
