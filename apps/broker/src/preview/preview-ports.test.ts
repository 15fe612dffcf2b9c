import { describe, expect, it } from "vitest";
import { parseListeningPorts } from "./preview-ports.js";
import { parseTarget } from "./preview-proxy.js";
import { PreviewTokens } from "./preview-tokens.js";

describe("preview", () => {
  it("reads listening ports from ss output, without Docker's embedded DNS", () => {
    const output = [
      "LISTEN 0      511          0.0.0.0:3000       0.0.0.0:*",
      "LISTEN 0      511             [::]:3000          [::]:*",
      "LISTEN 0      128        127.0.0.1:5173       0.0.0.0:*",
      "LISTEN 0      5                  *:8080             *:*",
      "LISTEN 0      4096      127.0.0.11:39263      0.0.0.0:*",
      "",
    ].join("\n");
    expect(parseListeningPorts(output)).toEqual([3000, 5173, 8080]);
  });

  it("routes preview hosts and the path fallback", () => {
    expect(parseTarget("3000-sabc123.preview.localhost:4101", "/app?x=1", "preview.localhost")).toEqual({ sandboxId: "sabc123", port: 3000, path: "/app?x=1", cookiePath: "/" });
    expect(parseTarget("localhost:4101", "/p/sabc123/8080/static/a.js", "preview.localhost")).toEqual({ sandboxId: "sabc123", port: 8080, path: "/static/a.js", cookiePath: "/p/sabc123/8080/" });
    expect(parseTarget("evil.example.com", "/", "preview.localhost")).toBeNull();
    expect(parseTarget("3000-../x.preview.localhost", "/", "preview.localhost")).toBeNull();
  });

  it("signs tokens for one sandbox port and refuses tampering and expiry", () => {
    const tokens = new PreviewTokens(Buffer.alloc(32, 7));
    const token = tokens.issue({ sandboxId: "s1", port: 3000, userId: "u1" }, 1000);
    expect(tokens.verify(token, "s1", 3000, 2000)).toMatchObject({ userId: "u1" });
    expect(tokens.verify(token, "s1", 3001, 2000)).toBeNull();
    expect(tokens.verify(token, "s2", 3000, 2000)).toBeNull();
    expect(tokens.verify(token, "s1", 3000, 1000 + 13 * 3600 * 1000)).toBeNull();
    expect(tokens.verify(`${token}x`, "s1", 3000, 2000)).toBeNull();
    expect(new PreviewTokens(Buffer.alloc(32, 8)).verify(token, "s1", 3000, 2000)).toBeNull();
  });
});
