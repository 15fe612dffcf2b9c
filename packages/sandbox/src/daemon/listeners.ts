/**
 * The processes listening on TCP ports in the sandbox (dev servers, previews), read from /proc:
 * listening sockets from /proc/net/tcp{,6}, their owners from /proc/<pid>/fd, then each owner's
 * command line, working directory and the environment it adds to the sandbox's own. Checkpoints
 * record them so a restore or a fork can start them again.
 */
import { readdir, readFile, readlink } from "node:fs/promises";
import type { ListeningProcess } from "../wire/messages.js";

const TCP_LISTEN = "0A";
const MAX_PROCESSES = 32;
/** What a `process-start` request accepts: a longer command line could not be started again. */
const MAX_COMMAND_LENGTH = 65_536;
const MAX_ENV_VARS = 64;
const MAX_ENV_BYTES = 16 * 1024;
/** Set by shells, terminals and package managers for every child; restarting without them is what we want. */
const VOLATILE_ENV = /^(_|PWD|OLDPWD|SHLVL|COLUMNS|LINES|TERM|COLORTERM|LS_COLORS|npm_.*|INIT_CWD|NODE|COLOR|EDITOR)$/;

/** inode -> port of every listening TCP socket in this network namespace. */
async function listeningSockets(): Promise<Map<string, number>> {
  const sockets = new Map<string, number>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await readFile(table, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== TCP_LISTEN) continue;
      const port = Number.parseInt(fields[1]!.split(":")[1] ?? "", 16);
      if (Number.isInteger(port) && fields[9] !== "0") sockets.set(fields[9]!, port);
    }
  }
  return sockets;
}

async function socketInodesOf(pid: number): Promise<string[]> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  const inodes: string[] = [];
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match) inodes.push(match[1]!);
  }
  return inodes;
}

async function parentOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  // The command name may contain spaces and parentheses: fields start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[1] ?? 0);
}

/** Quotes one argument for `bash -c` so the command line runs exactly this argv again. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

function parseEnviron(raw: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of raw.split("\0")) {
    const eq = entry.indexOf("=");
    if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return env;
}

/** What `pid` sets beyond the daemon's own environment (the sandbox's), bounded. */
async function addedEnvironment(pid: number): Promise<Record<string, string>> {
  const env = parseEnviron(await readFile(`/proc/${pid}/environ`, "utf8").catch(() => ""));
  const added: Record<string, string> = {};
  let count = 0;
  let bytes = 0;
  for (const [key, value] of env) {
    if (VOLATILE_ENV.test(key) || process.env[key] === value) continue;
    bytes += key.length + value.length;
    if (++count > MAX_ENV_VARS || bytes > MAX_ENV_BYTES) break;
    added[key] = value;
  }
  return added;
}

export async function listListeners(): Promise<ListeningProcess[]> {
  const sockets = await listeningSockets();
  if (sockets.size === 0) return [];
  const owners = new Map<number, { ports: Set<number>; inodes: Set<string> }>();
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
  for (const pid of pids) {
    if (pid === process.pid) continue;
    const inodes = (await socketInodesOf(pid)).filter((inode) => sockets.has(inode));
    if (inodes.length) owners.set(pid, { inodes: new Set(inodes), ports: new Set(inodes.map((inode) => sockets.get(inode)!)) });
  }
  const listeners: ListeningProcess[] = [];
  for (const [pid, owner] of owners) {
    // Workers that inherited their parent's listening socket are restarted by that parent.
    const parent = owners.get(await parentOf(pid));
    if (parent && [...owner.inodes].some((inode) => parent.inodes.has(inode))) continue;
    const argv = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0").filter((arg, i, all) => arg || i < all.length - 1);
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => null);
    if (argv.length === 0 || !cwd) continue; // exited meanwhile, or a kernel thread
    const command = argv.map(shellQuote).join(" ");
    if (command.length > MAX_COMMAND_LENGTH) continue;
    const ports = [...owner.ports].sort((a, b) => a - b);
    listeners.push({ pid, port: ports[0]!, ports, argv, command, cwd, env: await addedEnvironment(pid) });
    if (listeners.length >= MAX_PROCESSES) break;
  }
  return listeners.sort((a, b) => a.port - b.port);
}
