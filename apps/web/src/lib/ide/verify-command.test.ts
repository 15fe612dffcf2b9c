import { describe, expect, it } from "vitest";
import { defaultVerifyCommand, suggestVerifyCommand } from "./verify-command";

describe("verify command defaults", () => {
  it("prefers the project's own command", () => {
    expect(defaultVerifyCommand("  make check ", ["package.json"])).toBe("make check");
  });

  it("guesses from the files at the workspace root, else leaves it blank", () => {
    expect(defaultVerifyCommand(null, ["README.md", "package.json"])).toBe("npm test");
    expect(defaultVerifyCommand("", ["go.mod"])).toBe("go test ./...");
    expect(suggestVerifyCommand(["pyproject.toml", "Makefile"])).toBe("python3 -m pytest");
    expect(defaultVerifyCommand(null, ["notes.txt"])).toBe("");
  });
});
