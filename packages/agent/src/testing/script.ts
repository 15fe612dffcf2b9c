/** What a test scripts the fake provider to answer, and what the fake records of each request. */

export interface ScriptedToolCall {
  name: string;
  /** Arguments, sent as JSON. */
  input?: unknown;
  /** Sent verbatim instead of `input` (e.g. malformed JSON). */
  rawInput?: string;
  id?: string;
}

export interface ScriptedUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

/** A normal answer: text and/or tool calls. */
export interface ReplyTurn {
  text?: string;
  toolCalls?: ScriptedToolCall[];
  /** Defaults to tool calls when there are some, else the end of the turn. */
  finishReason?: "stop" | "tool-calls" | "length";
  /** Overrides the usage the fake computes from the request. */
  usage?: ScriptedUsage;
  /** Streamed text is cut into chunks of this many characters (default 16). */
  chunkSize?: number;
  chunkDelayMs?: number;
}

/** An HTTP error reply (e.g. 429 with retry-after, 500, 400). */
export interface ErrorTurn {
  error: { status: number; message?: string; type?: string; retryAfterSeconds?: number; headers?: Record<string, string> };
}

/** Starts streaming, then fails inside the stream (as providers do when overloaded mid-answer). */
export interface StreamErrorTurn {
  streamError: { afterText?: string; message?: string; type?: string };
}

/** Never answers; the connection stays open until the client gives up. */
export interface HangTurn {
  hang: true;
}

export type ScriptedTurn = ReplyTurn | ErrorTurn | StreamErrorTurn | HangTurn;
export type TurnScript = ScriptedTurn | ((request: RecordedRequest) => ScriptedTurn | Promise<ScriptedTurn>);

export type WireFormat = "anthropic" | "openai";

export type NormalizedPart =
  | { type: "text"; text: string; cached: boolean }
  | { type: "tool-call"; id: string; name: string; input: unknown; cached: boolean }
  | { type: "tool-result"; id: string; content: string; isError: boolean; cached: boolean };

export interface NormalizedMessage {
  role: "system" | "user" | "assistant" | "tool";
  parts: NormalizedPart[];
}

export interface ReportedUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface RecordedRequest {
  index: number;
  wire: WireFormat;
  path: string;
  headers: Record<string, string>;
  /** The parsed JSON body, as sent. */
  body: Record<string, unknown>;
  stream: boolean;
  model: string;
  /** System prompt text (Anthropic `system`, or OpenAI system/developer messages), joined. */
  system: string;
  /** True when the system prompt carries a cache breakpoint (Anthropic). */
  systemCached: boolean;
  messages: NormalizedMessage[];
  toolNames: string[];
  /** Tool names that carry a cache breakpoint. */
  cachedToolNames: string[];
  toolChoice: unknown;
  /** What the fake answered as usage (computed or scripted); set once it replied. */
  usage?: ReportedUsage;
}

export function isErrorTurn(turn: ScriptedTurn): turn is ErrorTurn {
  return "error" in turn;
}
export function isStreamErrorTurn(turn: ScriptedTurn): turn is StreamErrorTurn {
  return "streamError" in turn;
}
export function isHangTurn(turn: ScriptedTurn): turn is HangTurn {
  return "hang" in turn;
}

/** Every tool result the request carries, oldest first. */
export function toolResults(request: RecordedRequest): Extract<NormalizedPart, { type: "tool-result" }>[] {
  return request.messages.flatMap((message) => message.parts.filter((part) => part.type === "tool-result"));
}

export function lastToolResult(request: RecordedRequest): Extract<NormalizedPart, { type: "tool-result" }> | undefined {
  return toolResults(request).at(-1);
}

/** Text of every user message part, oldest first. */
export function userTexts(request: RecordedRequest): string[] {
  return request.messages
    .filter((message) => message.role === "user")
    .flatMap((message) => message.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])));
}
