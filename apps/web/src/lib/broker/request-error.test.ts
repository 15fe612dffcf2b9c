import { describe, expect, it } from "vitest";
import { describeConnection } from "./connection-state";
import { BrokerRequestError, describeError, unwrapReply } from "./request-error";

describe("request errors", () => {
  it("unwraps replies and turns refusals into typed errors", () => {
    expect(unwrapReply({ ok: true, data: { a: 1 } })).toEqual({ a: 1 });
    expect(() =>
      unwrapReply({ ok: false, error: { code: "conflict", message: "changed" } }),
    ).toThrow(expect.objectContaining({ code: "conflict", message: "changed" }));
    expect(() => unwrapReply({ ok: false, error: { code: "weird", message: 1 } })).toThrow(
      expect.objectContaining({ code: "internal" }),
    );
    expect(() => unwrapReply("garbage")).toThrow(/different versions/);
  });

  it("describes failures with a title, a sentence and the next step, never a stack", () => {
    expect(
      describeError(
        new BrokerRequestError("unavailable", "The sandbox is restarting"),
        "Saving a.ts",
      ),
    ).toEqual({
      title: "Saving a.ts failed",
      message: "The sandbox is restarting.",
      hint: "Try again in a moment.",
      code: "unavailable",
    });
    const crash = new TypeError(
      "Cannot read properties of undefined (reading 'x')\n    at foo (bar.js:1:1)",
    );
    expect(describeError(crash, "Opening").message).toBe(
      "Cannot read properties of undefined (reading 'x').",
    );
    expect(describeError(new Error("operation has timed out"), "Search").code).toBe("timeout");
    expect(describeError(undefined, "Run").message).toBe("An unexpected error occurred.");
  });
});

describe("connection view", () => {
  it("only shows a banner when something is wrong", () => {
    expect(describeConnection({ status: "connected" })).toEqual({
      label: "Connected",
      tone: "ok",
      banner: null,
    });
    expect(
      describeConnection({
        status: "reconnecting",
        attempt: 3,
        reason: "the broker is unreachable",
      }).banner,
    ).toMatch(/attempt 3.*unsaved edits are kept/);
    expect(
      describeConnection({ status: "signed-out", message: "Your sign-in has expired." }),
    ).toMatchObject({ tone: "error", banner: expect.stringMatching(/Sign in again/) });
  });
});
