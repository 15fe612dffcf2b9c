import { describe, expect, it } from "vitest";
import { languageForPath } from "./languages";
import {
  baseName,
  extensionOf,
  fileNameProblem,
  isSameOrInside,
  joinPath,
  modelUri,
  movedPath,
  normalizeWorkspacePath,
  parentPath,
  requestPath,
} from "./paths";

describe("workspace paths", () => {
  it("joins, splits and names paths relative to the workspace root", () => {
    expect(joinPath("", "a.ts")).toBe("a.ts");
    expect(joinPath("src/lib", "a.ts")).toBe("src/lib/a.ts");
    expect(parentPath("src/lib/a.ts")).toBe("src/lib");
    expect(parentPath("a.ts")).toBe("");
    expect(baseName("src/lib/a.ts")).toBe("a.ts");
    expect(extensionOf("src/App.TSX")).toBe("tsx");
    expect(extensionOf(".gitignore")).toBe("");
    expect(requestPath("")).toBe(".");
    expect(requestPath("src")).toBe("src");
  });

  it("knows what lies inside a folder, without matching name prefixes", () => {
    expect(isSameOrInside("src/a.ts", "src")).toBe(true);
    expect(isSameOrInside("src", "src")).toBe(true);
    expect(isSameOrInside("srcx/a.ts", "src")).toBe(false);
    expect(isSameOrInside("anything", "")).toBe(true);
  });

  it("moves paths along with a renamed file or folder", () => {
    expect(movedPath("src/a.ts", "src/a.ts", "lib/a.ts")).toBe("lib/a.ts");
    expect(movedPath("src/deep/a.ts", "src", "source")).toBe("source/deep/a.ts");
    expect(movedPath("srcx/a.ts", "src", "source")).toBeNull();
  });

  it("normalizes paths written by the agent, refusing ones outside the workspace", () => {
    expect(normalizeWorkspacePath("./src//a.ts/")).toBe("src/a.ts");
    expect(normalizeWorkspacePath("/workspace/src/a.ts")).toBe("src/a.ts");
    expect(normalizeWorkspacePath("src/../lib/b.ts")).toBe("lib/b.ts");
    expect(normalizeWorkspacePath("/etc/passwd")).toBeNull();
    expect(normalizeWorkspacePath("../outside")).toBeNull();
    expect(normalizeWorkspacePath("/workspace")).toBe("");
  });

  it("explains why a name cannot be used", () => {
    expect(fileNameProblem("ok.ts")).toBeNull();
    expect(fileNameProblem("  ")).toMatch(/Enter a name/);
    expect(fileNameProblem("..")).toMatch(/not a valid name/);
    expect(fileNameProblem("a/b")).toMatch(/cannot contain/);
    expect(fileNameProblem("x".repeat(256))).toMatch(/255 bytes/);
  });

  it("gives each file a Monaco model URI with encoded segments", () => {
    expect(modelUri("src/my file#1.ts")).toBe("file:///workspace/src/my%20file%231.ts");
  });

  it("picks the editor language from the name or extension", () => {
    expect(languageForPath("src/App.tsx")).toBe("typescript");
    expect(languageForPath("Dockerfile")).toBe("dockerfile");
    expect(languageForPath("docker/Dockerfile.dev")).toBe("dockerfile");
    expect(languageForPath(".env.local")).toBe("ini");
    expect(languageForPath("README.md")).toBe("markdown");
    expect(languageForPath("data.unknownext")).toBe("plaintext");
  });
});
