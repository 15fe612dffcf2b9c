/** Small pieces both wire formats of the fake provider share. */
import type { ServerResponse } from "node:http";
import type { ScriptedToolCall } from "./script.js";

export class SseWriter {
  constructor(private readonly response: ServerResponse) {}

  start(): void {
    this.response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  }

  /** Writes one event (`event:` line only when `name` is given); waits `delayMs` first. */
  async event(name: string | undefined, data: unknown, delayMs = 0): Promise<void> {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (this.response.destroyed) return;
    const payload = typeof data === "string" ? data : JSON.stringify(data);
    this.response.write(`${name ? `event: ${name}\n` : ""}data: ${payload}\n\n`);
  }

  end(): void {
    if (!this.response.destroyed) this.response.end();
  }
}

export function chunkText(text: string, size = 16): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += Math.max(1, size)) chunks.push(text.slice(i, i + Math.max(1, size)));
  return chunks;
}

export function scriptedToolInput(call: ScriptedToolCall): string {
  return call.rawInput ?? JSON.stringify(call.input ?? {});
}

export function toolCallId(prefix: string, request: number, index: number): string {
  return `${prefix}_fake_${request}_${index}`;
}
