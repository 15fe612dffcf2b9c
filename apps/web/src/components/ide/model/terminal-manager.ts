/**
 * Terminal tabs of the session. Terminals live in the sandbox, not in the page: their ids are
 * remembered per session in localStorage, so after a reload (or on reconnection) each tab is
 * reattached with `terminal-open {terminalId}` and gets its screen back. New terminals get an id
 * chosen here, so their output can be routed before the broker has answered.
 */
import type { ReplyOf } from "@codeyard/protocol";
import type { BrokerClient } from "@/lib/broker/broker-client";
import { BrokerRequestError } from "@/lib/broker/request-error";
import type { SessionMemory } from "@/lib/ide/local-memory";
import { createStore } from "@/lib/ide/store";
import type { Notices } from "./notices";

export type TerminalStatus = "attaching" | "attached" | "detached" | "exited" | "error";

export interface TerminalTabState {
  id: string;
  title: string;
  status: TerminalStatus;
  message?: string;
}

/** What the xterm view of one tab does (implemented where xterm is loaded). */
export interface TerminalHandle {
  attach(): void;
  receive(data: Uint8Array): void;
  exited(exitCode: number | null): void;
  detached(): void;
  focus(): void;
  dispose(): void;
}

const MAX_RESTORED = 6;

function newTerminalId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `t${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

export class TerminalManager {
  readonly state = createStore<{ tabs: TerminalTabState[]; active: string | null }>({
    tabs: [],
    active: null,
  });
  private readonly handles = new Map<string, TerminalHandle>();
  private readonly unsubscribe: Array<() => void> = [];
  private joined = false;

  constructor(
    readonly client: BrokerClient,
    readonly sessionId: string,
    private readonly memory: SessionMemory,
    private readonly notices: Notices,
  ) {}

  start(): void {
    this.unsubscribe.push(
      this.client.on("terminal-output", ({ sessionId, terminalId, data }) => {
        if (sessionId !== this.sessionId) return;
        // socket.io hands binary payloads to browsers as ArrayBuffer.
        const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
        this.handles.get(terminalId)?.receive(bytes);
      }),
      this.client.on("terminal-exit", ({ sessionId, terminalId, exitCode }) => {
        if (sessionId === this.sessionId) this.handles.get(terminalId)?.exited(exitCode);
      }),
      this.client.state.subscribe(() => {
        if (this.client.state.get().status === "connected") return;
        // The broker forgets a connection's attachments when it drops; reattach after re-joining.
        this.joined = false;
        for (const handle of this.handles.values()) handle.detached();
      }),
    );
  }

  /** After session-join: restore the remembered tabs on the first join, reattach on later ones. */
  sessionJoined(terminals: ReplyOf<"session-join">["terminals"], first: boolean): void {
    this.joined = true;
    if (first) {
      const live = terminals.filter((terminal) => terminal.exitCode === null);
      const liveIds = new Set(live.map((terminal) => terminal.id));
      const remembered = this.memory.terminals;
      let tabs = remembered.tabs.filter((tab) => liveIds.has(tab.id));
      if (tabs.length === 0)
        tabs = live
          .slice(0, MAX_RESTORED)
          .map((terminal, index) => ({ id: terminal.id, title: `Terminal ${index + 1}` }));
      if (tabs.length === 0) {
        this.newTerminal();
        return;
      }
      const active = tabs.some((tab) => tab.id === remembered.active)
        ? remembered.active
        : tabs[0]!.id;
      this.state.set({ tabs: tabs.map((tab) => ({ ...tab, status: "attaching" })), active });
      this.remember();
    }
    for (const handle of this.handles.values()) handle.attach();
  }

  newTerminal(): void {
    const id = newTerminalId();
    const used = new Set(this.state.get().tabs.map((tab) => tab.title));
    let number = 1;
    while (used.has(`Terminal ${number}`)) number++;
    this.state.set((state) => ({
      tabs: [...state.tabs, { id, title: `Terminal ${number}`, status: "attaching" }],
      active: id,
    }));
    this.remember();
  }

  /** The view of tab `id` is ready; it attaches now if the session is joined, else after joining. */
  register(id: string, handle: TerminalHandle): () => void {
    this.handles.set(id, handle);
    if (this.joined) handle.attach();
    return () => {
      if (this.handles.get(id) === handle) this.handles.delete(id);
    };
  }

  setStatus(id: string, status: TerminalStatus, message?: string): void {
    this.state.set((state) => ({
      ...state,
      tabs: state.tabs.map((tab) => (tab.id === id ? { ...tab, status, message } : tab)),
    }));
  }

  activate(id: string): void {
    this.state.set((state) => ({ ...state, active: id }));
    this.remember();
    this.handles.get(id)?.focus();
  }

  /** Closes the tab and ends its shell. */
  async close(id: string): Promise<void> {
    const tab = this.state.get().tabs.find((candidate) => candidate.id === id);
    if (!tab) return;
    this.handles.get(id)?.dispose();
    this.handles.delete(id);
    this.state.set((state) => {
      const index = state.tabs.findIndex((candidate) => candidate.id === id);
      const tabs = state.tabs.filter((candidate) => candidate.id !== id);
      const neighbour = tabs[Math.min(index, tabs.length - 1)];
      return { tabs, active: state.active === id ? (neighbour?.id ?? null) : state.active };
    });
    this.remember();
    if (tab.status === "exited") return;
    try {
      await this.client.request("terminal-close", { sessionId: this.sessionId, terminalId: id });
    } catch (error) {
      // A terminal that already ended is what we wanted anyway.
      if (!(error instanceof BrokerRequestError && error.code === "not_found"))
        this.notices.error(error, `Closing ${tab.title}`);
    }
  }

  private remember(): void {
    const { tabs, active } = this.state.get();
    this.memory.terminals = { tabs: tabs.map(({ id, title }) => ({ id, title })), active };
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    for (const handle of this.handles.values()) handle.dispose();
    this.handles.clear();
  }
}
