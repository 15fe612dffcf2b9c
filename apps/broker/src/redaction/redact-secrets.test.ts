import { describe, expect, it } from "vitest";
import { MIN_SECRET_LENGTH, REDACTED, SecretRedactor } from "./redact-secrets.js";

const PRIVATE_KEY = [
  "-----BEGIN OPENSSH PRIVATE KEY-----",
  "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
  "QyNTUxOQAAACDxEXAMPLEONLYxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
  "-----END OPENSSH PRIVATE KEY-----",
].join("\n");

describe("SecretRedactor", () => {
  const redactor = new SecretRedactor(["hunter2-db-password", "  padded-secret-value\n", "short"]);

  it("replaces every occurrence of a known value, trimmed forms included", () => {
    expect(redactor.text("pw=hunter2-db-password; again hunter2-db-password")).toBe(`pw=${REDACTED}; again ${REDACTED}`);
    expect(redactor.text("x padded-secret-value y")).toBe(`x ${REDACTED} y`);
  });

  it(`ignores known values shorter than ${MIN_SECRET_LENGTH} characters`, () => {
    expect(redactor.text("a short story")).toBe("a short story");
  });

  it("replaces the longer of two overlapping secrets whole", () => {
    const nested = new SecretRedactor(["abcdef", "abcdef-ghijkl"]);
    expect(nested.text("token abcdef-ghijkl and abcdef")).toBe(`token ${REDACTED} and ${REDACTED}`);
  });

  it.each([
    ["a private key block", `key:\n${PRIVATE_KEY}\ndone`, `key:\n${REDACTED}\ndone`],
    ["a private key cut short", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA", REDACTED],
    ["an OpenAI key", "OPENAI_API_KEY=sk-proj-AbCdEfGhIjKlMnOpQrStUvWx123", `OPENAI_API_KEY=${REDACTED}`],
    ["an Anthropic key", 'export KEY="sk-ant-api03-abcdefghijklmnopqrstuvwxyz_0123456789"', `export KEY="${REDACTED}"`],
    ["an AWS access key id", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", `aws_access_key_id = ${REDACTED}`],
    ["an AWS secret key", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", `aws_secret_access_key = ${REDACTED}`],
    ["a bearer token", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc", `Authorization: Bearer ${REDACTED}`],
    ["a GitHub token", "GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", `GITHUB_TOKEN=${REDACTED}`],
    ["a Slack token", "xoxb-1234567890-abcdefghij", REDACTED],
    ["a JSON web token", "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", `jwt ${REDACTED}`],
    ["credentials in a URL", "git clone https://ada:glpat-secret@gitlab.example.com/x.git", `git clone https://ada:${REDACTED}@gitlab.example.com/x.git`],
  ])("redacts %s", (_name, input, expected) => {
    expect(new SecretRedactor().text(input)).toBe(expected);
  });

  it.each([
    "sk-short",
    "the task: ask-me-anything",
    "AKIA is a prefix",
    "Bearer of bad news",
    "https://example.com/path@v2",
    "const x = 1; // nothing secret here",
  ])("leaves ordinary text alone: %s", (text) => {
    expect(new SecretRedactor().text(text)).toBe(text);
  });

  it("redacts every string of a nested payload and keeps its shape", () => {
    const payload = {
      runId: "r1",
      step: 2,
      isError: false,
      output: "value is hunter2-db-password",
      input: { command: "echo hunter2-db-password", args: ["sk-ant-api03-abcdefghijklmnopqrstuvwxyz", 3, null] },
      at: new Date("2026-01-01T00:00:00Z"),
    };
    expect(redactor.value(payload)).toEqual({
      runId: "r1",
      step: 2,
      isError: false,
      output: `value is ${REDACTED}`,
      input: { command: `echo ${REDACTED}`, args: [REDACTED, 3, null] },
      at: "2026-01-01T00:00:00.000Z",
    });
    expect(payload.output).toBe("value is hunter2-db-password");
  });

  it("bounds recursion on absurdly deep values", () => {
    let deep: unknown = "hunter2-db-password";
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(JSON.stringify(redactor.value(deep))).not.toContain("hunter2");
  });
});
