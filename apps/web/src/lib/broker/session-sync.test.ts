import type { SessionEvent } from "@codeyard/protocol";
import { describe, expect, it } from "vitest";
import type { BrokerClient } from "./broker-client";
import { BrokerRequestError } from "./request-error";
import { SessionSync } from "./session-sync";

const event = (seq: number): SessionEvent => ({
  sessionId: "s1",
  seq,
  type: "file-saved",
  at: "",
  payload: {},
});
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => event(from + i));

/** A stand-in for the socket: answers requests from a log of `total` events. */
class FakeClient {
  connected = true;
  total = 0;
  failJoin: BrokerRequestError | null = null;
  requests: Array<{ name: string; payload: Record<string, number> }> = [];
  private connectListeners: Array<() => void> = [];
  private pushListeners: Array<(payload: { event: SessionEvent }) => void> = [];

  async request(name: string, payload: Record<string, number>) {
    this.requests.push({ name, payload });
    if (name === "session-join") {
      if (this.failJoin) throw this.failJoin;
      const events = range(payload.lastSeq! + 1, Math.min(this.total, payload.lastSeq! + 3));
      return {
        session: { id: "s1" },
        events,
        more: payload.lastSeq! + 3 < this.total,
        terminals: [],
      };
    }
    if (name === "session-events") {
      const events = range(payload.afterSeq! + 1, Math.min(this.total, payload.afterSeq! + 3));
      return { events, more: payload.afterSeq! + 3 < this.total };
    }
    return {};
  }
  onConnect(listener: () => void) {
    this.connectListeners.push(listener);
    return () => undefined;
  }
  on(_event: string, listener: (payload: { event: SessionEvent }) => void) {
    this.pushListeners.push(listener);
    return () => undefined;
  }
  push(seq: number) {
    for (const listener of this.pushListeners) listener({ event: event(seq) });
  }
  reconnect() {
    for (const listener of this.connectListeners) listener();
  }
}

function setup(total: number) {
  const client = new FakeClient();
  client.total = total;
  const sync = new SessionSync(client as unknown as BrokerClient, "s1");
  const delivered: Array<{ seqs: number[]; replay: boolean }> = [];
  sync.onEvents((events, replay) => delivered.push({ seqs: events.map((e) => e.seq), replay }));
  return { client, sync, delivered };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("session sync", () => {
  it("reads the whole backlog page by page on the first join, marked as replay", async () => {
    const { sync, delivered } = setup(7);
    sync.start();
    await settle();
    expect(delivered).toEqual([
      { seqs: [1, 2, 3], replay: true },
      { seqs: [4, 5, 6], replay: true },
      { seqs: [7], replay: true },
    ]);
    expect(sync.status.get()).toEqual({ status: "joined" });
  });

  it("delivers live events once, in order, and fills a gap from the log", async () => {
    const { client, sync, delivered } = setup(2);
    sync.start();
    await settle();
    delivered.length = 0;
    client.total = 5;
    client.push(3);
    client.push(3);
    client.push(5);
    await settle();
    expect(delivered).toEqual([
      { seqs: [3], replay: false },
      { seqs: [4, 5], replay: false },
    ]);
    expect(client.requests.at(-1)).toEqual({
      name: "session-events",
      payload: { sessionId: "s1", afterSeq: 3, limit: 1000 },
    });
  });

  it("re-joins after a reconnection from the last seq it has, as news", async () => {
    const { client, sync, delivered } = setup(3);
    sync.start();
    await settle();
    delivered.length = 0;
    client.total = 4;
    client.reconnect();
    await settle();
    expect(
      client.requests.filter((request) => request.name === "session-join").at(-1)?.payload.lastSeq,
    ).toBe(3);
    expect(delivered).toEqual([{ seqs: [4], replay: false }]);
  });

  it("still reads the log when the join fails, so the IDE can show why the sandbox did not start", async () => {
    const { client, sync, delivered } = setup(4);
    client.failJoin = new BrokerRequestError("unavailable", "The project image failed to build.");
    sync.start();
    await settle();
    expect(sync.status.get()).toMatchObject({ status: "error", fatal: false });
    expect(delivered).toEqual([
      { seqs: [1, 2, 3], replay: true },
      { seqs: [4], replay: true },
    ]);
    sync.close();
  });

  it("stops at errors that retrying cannot fix", async () => {
    const { client, sync } = setup(0);
    client.failJoin = new BrokerRequestError(
      "not_found",
      "Session s1 does not exist or you have no access to it.",
    );
    sync.start();
    await settle();
    expect(sync.status.get()).toMatchObject({
      status: "error",
      fatal: true,
      error: { title: "Opening the session failed" },
    });
    sync.close();
  });
});
