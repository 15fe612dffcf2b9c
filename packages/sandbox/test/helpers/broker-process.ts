/**
 * Stands in for a broker process in the re-adoption test: opens a manager, creates a sandbox with a
 * terminal, reports their ids on stdout, then waits to be killed with SIGKILL.
 */
import { pino } from "pino";
import { DockerDriver, SandboxManager } from "../../src/index.js";

const owner = process.argv[2]!;
const manager = await SandboxManager.open({ driver: new DockerDriver(), dataDir: "/var/lib/codeyard", owner, image: "codeyard/sandbox:latest", logger: pino({ level: "silent" }) });
const sandbox = await manager.create({ projectId: "p-adopt" });
const client = await manager.client(sandbox.id);
const terminal = await client.openTerminal({ cols: 80, rows: 24, argv: ["bash", "--norc"] });
let output = "";
terminal.on("data", (chunk) => (output += chunk.toString()));
await terminal.write("echo before-$((40+2))\r");
while (!output.includes("before-42")) await new Promise((resolve) => setTimeout(resolve, 20));
process.stdout.write(`${JSON.stringify({ sandboxId: sandbox.id, terminalId: terminal.info.id })}\n`);
setInterval(() => undefined, 1 << 30);
