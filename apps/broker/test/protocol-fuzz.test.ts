import { ClientRequests, ErrorCode } from "@codeyard/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";
import { startTestBroker, type TestWorld } from "./fixture.js";

let world: TestWorld;
beforeAll(async () => {
  world = await startTestBroker({ name: "fuzz" });
});
afterAll(() => world?.stop());

/** Deterministic pseudo-random values (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function junk(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * 12);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return Math.floor(next() * 1e9) * (next() < 0.5 ? -1 : 1);
    case 2:
      return next() < 0.5 ? Number.NaN : 1e308 * 10;
    case 3:
      return "x".repeat(Math.floor(next() * 100));
    case 4:
      return "../../".repeat(Math.floor(next() * 20)) + "etc/passwd";
    case 5:
      return next() < 0.5;
    case 6:
      return depth > 3
        ? []
        : Array.from({ length: Math.floor(next() * 4) }, () => junk(next, depth + 1));
    case 7:
      return { sessionId: next() < 0.5 ? "../x" : 42, terminalId: {}, data: 7, path: null };
    case 8:
      return { sessionId: world.sessionA, path: "\0", cols: -1, rows: 1e9, lastSeq: -5 };
    case 9:
      return "a".repeat(70_000);
    case 10:
      return { __proto__: { polluted: true }, constructor: { prototype: {} } };
    default:
      return depth > 3
        ? {}
        : Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`k${i}`, junk(next, depth + 1)]));
  }
}

describe("malformed socket traffic", () => {
  it("answers 10,000 fuzzed events with typed errors and stays up", async () => {
    const next = random(20261122);
    const names = [
      ...Object.keys(ClientRequests),
      "unknown-event",
      "",
      "__proto__",
      "constructor",
      "toString",
    ];
    const clients = await Promise.all(
      Array.from({ length: 25 }, async () => {
        const client = new TestClient(world.url, world.userA.token);
        await client.connected();
        return client;
      }),
    );
    const codes = new Map<string, number>();
    let valid = 0;
    await Promise.all(
      clients.map(async (client) => {
        for (let batch = 0; batch < 4; batch++) {
          const replies = await Promise.all(
            Array.from({ length: 100 }, () => {
              const name = names[Math.floor(next() * names.length)]!;
              return client.socket.timeout(30_000).emitWithAck(name, junk(next)) as Promise<{
                ok: boolean;
                error?: { code: string; message: string };
              }>;
            }),
          );
          for (const reply of replies) {
            if (reply.ok) {
              valid++;
              continue;
            }
            expect(ErrorCode.safeParse(reply.error?.code).success).toBe(true);
            expect(reply.error?.message.length).toBeGreaterThan(0);
            codes.set(reply.error!.code, (codes.get(reply.error!.code) ?? 0) + 1);
          }
        }
      }),
    );
    const errors = [...codes.values()].reduce((a, b) => a + b, 0);
    expect(errors + valid).toBe(10_000);
    expect(errors).toBeGreaterThan(9_900);
    expect(codes.get("internal") ?? 0).toBe(0);

    // Events without an ack get their error as a push.
    const pushed: unknown[] = [];
    clients[0]!.socket.on("request-error", (error) => pushed.push(error));
    clients[0]!.socket.emit("file-read", { sessionId: 5 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pushed).toEqual([
      {
        event: "file-read",
        error: { code: "invalid_request", message: expect.stringContaining("sessionId") },
      },
    ]);

    // Still alive and correct for a well-formed request.
    const health = await fetch(`${world.url}/healthz`);
    expect(health.status).toBe(200);
    const joined = await clients[1]!.join(world.sessionA);
    expect(joined.session.id).toBe(world.sessionA);
    for (const client of clients) client.close();
  });

  it("rate-limits a flood on one connection with a typed error", async () => {
    const client = new TestClient(world.url, world.userA.token);
    await client.connected();
    const replies = await Promise.all(
      Array.from({ length: 1000 }, () =>
        client.request("session-leave", { sessionId: world.sessionA }),
      ),
    );
    const limited = replies.filter(
      (reply) => !reply.ok && reply.error.code === "rate_limited",
    ).length;
    expect(limited).toBeGreaterThan(0);
    expect(replies.filter((reply) => reply.ok).length).toBeGreaterThanOrEqual(400);
    client.close();
  });
});
