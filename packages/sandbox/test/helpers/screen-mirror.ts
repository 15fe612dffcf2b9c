/** A client-side copy of a terminal screen, fed the same bytes a browser's xterm.js would get. */
import { SerializeAddon } from "@xterm/addon-serialize";
import { Terminal } from "@xterm/headless";

export class ScreenMirror {
  readonly terminal: Terminal;
  private readonly serializer = new SerializeAddon();
  received = "";

  constructor(cols: number, rows: number) {
    this.terminal = new Terminal({ cols, rows, scrollback: 5000, allowProposedApi: true });
    this.terminal.loadAddon(this.serializer);
  }

  write(data: string | Buffer): void {
    this.received += data.toString();
    this.terminal.write(typeof data === "string" ? data : new Uint8Array(data));
  }

  async serialize(): Promise<string> {
    await new Promise<void>((resolve) => this.terminal.write("", resolve));
    return this.serializer.serialize({ scrollback: 5000 });
  }

  async text(): Promise<string> {
    await new Promise<void>((resolve) => this.terminal.write("", resolve));
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
    return lines.join("\n");
  }
}
