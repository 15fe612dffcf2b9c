/**
 * The output of an image build (the Engine API's JSON progress messages), kept bounded: the last
 * lines overall, the step being built, and the error if the build failed. Engine chatter
 * (intermediate container ids) is dropped so what remains reads like a terminal log.
 */

/** One progress message of `POST /build` (classic builder). */
export interface BuildMessage {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

const MAX_LINES = 400;
const MAX_LINE_CHARS = 2000;
const NOISE = [/^ ---> /, /^Removing intermediate container /, /^Sending build context /];
/** The engine colours a step's stderr red with ANSI escapes. */
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

export class BuildOutput {
  private partial = "";
  private readonly lines: string[] = [];
  /** Lines ever kept; with `stepStartedAt`, tells which of `lines` belong to the current step. */
  private count = 0;
  private stepStartedAt = 0;
  /** The step being built, as the engine prints it ("Step 2/6 : RUN make"). */
  step: string | null = null;
  error: string | null = null;
  imageId: string | null = null;

  constructor(private readonly onLine?: (line: string) => void) {}

  push(message: BuildMessage): void {
    if (message.aux?.ID) this.imageId = message.aux.ID;
    if (message.error || message.errorDetail?.message)
      this.error = (message.errorDetail?.message ?? message.error ?? "").trim();
    const text = message.stream ?? (message.status ? `${message.status}\n` : "");
    if (!text) return;
    const pieces = (this.partial + text).split("\n");
    this.partial = pieces.pop() ?? "";
    if (this.partial.length > MAX_LINE_CHARS) {
      this.addLine(this.partial);
      this.partial = "";
    }
    for (const piece of pieces) this.addLine(piece);
  }

  /** Flushes a last line that had no newline. */
  end(): void {
    if (this.partial) this.addLine(this.partial);
    this.partial = "";
  }

  private addLine(raw: string): void {
    // Progress bars redraw with \r: keep what the terminal would show last.
    const line = (
      raw
        .replace(ANSI_ESCAPE, "")
        .split("\r")
        .findLast((segment) => segment.trim() !== "") ?? ""
    )
      .trimEnd()
      .slice(0, MAX_LINE_CHARS);
    if (!line || NOISE.some((noise) => noise.test(line))) return;
    if (/^Step \d+\/\d+ : /.test(line)) {
      this.step = line;
      this.stepStartedAt = this.count;
    }
    this.lines.push(line);
    if (this.lines.length > MAX_LINES) this.lines.shift();
    this.count++;
    this.onLine?.(line);
  }

  /** The last lines of the whole build, at most `maxChars` characters, cut at a line boundary. */
  tail(maxChars = 8000): string {
    return lastLinesWithin(this.lines, maxChars);
  }

  /** The last lines the current step printed (its "Step" line first when it still fits). */
  stepTail(maxLines = 15, maxChars = 3000): string {
    const inStep = this.lines.slice(
      Math.max(0, this.lines.length - (this.count - this.stepStartedAt)),
    );
    return lastLinesWithin(inStep.slice(-maxLines), maxChars);
  }
}

function lastLinesWithin(lines: string[], maxChars: number): string {
  const kept: string[] = [];
  let size = 0;
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index]!;
    if (size + line.length + 1 > maxChars) break;
    kept.unshift(line);
    size += line.length + 1;
  }
  return kept.join("\n");
}
