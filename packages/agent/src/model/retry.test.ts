import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { classifyModelError, DEFAULT_RETRY_POLICY, retryAfterOf, retryDelay } from "./retry.js";

const apiError = (statusCode: number, headers: Record<string, string> = {}, responseBody = "") =>
  new APICallError({ message: `HTTP ${statusCode}`, url: "http://x", requestBodyValues: {}, statusCode, responseHeaders: headers, responseBody });

describe("classifyModelError", () => {
  it("retries 408, 409, 429 and 5xx, not other client errors", () => {
    for (const status of [408, 409, 429, 500, 502, 503, 529]) expect(classifyModelError(apiError(status)).retryable, String(status)).toBe(true);
    for (const status of [400, 401, 403, 404]) expect(classifyModelError(apiError(status)).retryable, String(status)).toBe(false);
  });

  it("recognizes a prompt that no longer fits the context window", () => {
    const classified = classifyModelError(apiError(400, {}, '{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}'));
    expect(classified).toMatchObject({ contextOverflow: true, retryable: false, status: 400 });
  });

  it("retries network failures", () => {
    expect(classifyModelError(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } })).retryable).toBe(true);
  });
});

describe("retryAfterOf", () => {
  it("reads retry-after-ms, retry-after in seconds, and retry-after as an HTTP date", () => {
    expect(retryAfterOf({ "retry-after-ms": "250" })).toBe(250);
    expect(retryAfterOf({ "retry-after": "2" })).toBe(2000);
    const inFive = retryAfterOf({ "retry-after": new Date(Date.now() + 5000).toUTCString() })!;
    expect(inFive).toBeGreaterThan(3000);
    expect(inFive).toBeLessThanOrEqual(5000);
    expect(retryAfterOf({})).toBeUndefined();
  });
});

describe("retryDelay", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 1000, maxRetries: 3 };
  const retryable = { message: "x", retryable: true, contextOverflow: false };

  it("backs off exponentially with jitter, up to the retry limit", () => {
    expect(retryDelay(retryable, 1, policy, () => 1)).toBe(1000);
    expect(retryDelay(retryable, 2, policy, () => 1)).toBe(2000);
    expect(retryDelay(retryable, 3, policy, () => 0)).toBe(2000);
    expect(retryDelay(retryable, 4, policy)).toBeUndefined();
  });

  it("waits what the provider asks, unless that is too long", () => {
    expect(retryDelay({ ...retryable, retryAfterMs: 7000 }, 1, policy)).toBe(7000);
    expect(retryDelay({ ...retryable, retryAfterMs: 10 * 60_000 }, 1, policy)).toBeUndefined();
  });

  it("never retries what is not retryable", () => {
    expect(retryDelay({ ...retryable, retryable: false }, 1, policy)).toBeUndefined();
  });
});
