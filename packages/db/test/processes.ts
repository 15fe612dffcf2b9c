/** Runs test/fixtures/*.ts as separate Node processes (their own connections, their own event loop). */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Readable, Writable } from "node:stream";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

export interface FixtureProcess {
  /** Resolves when the process printed `line` (rejects if it exits first). */
  waitFor(line: string): Promise<void>;
  send(line: string): void;
  /** Resolves on exit code 0, rejects with the process's stderr otherwise. */
  exited: Promise<void>;
}

export function startFixture(name: string, args: string[]): FixtureProcess {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(process.execPath, ["--import", "tsx", `test/fixtures/${name}.ts`, ...args], {
    cwd: PACKAGE_DIR,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiters: Array<{ line: string; resolve: () => void }> = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const waiter of [...waiters]) if (stdout.split("\n").includes(waiter.line)) waiter.resolve();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve, reject) => {
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}:\n${stderr.slice(-3000)}`))));
  });
  return {
    waitFor: (line) =>
      Promise.race([
        new Promise<void>((resolve) => {
          if (stdout.split("\n").includes(line)) return resolve();
          waiters.push({ line, resolve });
        }),
        exited.then(() => Promise.reject(new Error(`${name} exited before printing "${line}"`))),
      ]),
    send: (line) => child.stdin.write(`${line}\n`),
    exited,
  };
}
