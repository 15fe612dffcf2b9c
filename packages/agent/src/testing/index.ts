/** `@codeyard/agent/testing`: a fake model provider server for tests and benchmarks. */
export { FakeProviderServer } from "./fake-provider-server.js";
export { PromptCacheSim, estimateTokens, type CacheBlock } from "./prompt-cache-sim.js";
export {
  lastToolResult,
  toolResults,
  userTexts,
  type ErrorTurn,
  type HangTurn,
  type NormalizedMessage,
  type NormalizedPart,
  type RecordedRequest,
  type ReplyTurn,
  type ReportedUsage,
  type ScriptedToolCall,
  type ScriptedTurn,
  type ScriptedUsage,
  type StreamErrorTurn,
  type TurnScript,
  type WireFormat,
} from "./script.js";
