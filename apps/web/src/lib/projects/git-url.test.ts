import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkGitUrl, gitCloneSetupScript } from "./git-url";

describe("checkGitUrl", () => {
  it("accepts https, ssh and scp-like URLs", () => {
    for (const url of ["https://github.com/owner/repo.git", "https://gitlab.example.com:8443/group/sub/repo", "ssh://git@github.com/owner/repo.git", "git@github.com:owner/repo.git", "git://example.com/repo"]) {
      expect(checkGitUrl(url)).toEqual({ ok: true, url });
    }
    expect(checkGitUrl("  https://github.com/o/r  ")).toEqual({ ok: true, url: "https://github.com/o/r" });
  });

  it("refuses local and command-running transports", () => {
    expect(checkGitUrl("file:///etc")).toMatchObject({ ok: false, reason: expect.stringContaining("file is not supported") });
    expect(checkGitUrl("ext::sh -c touch% /tmp/pwned")).toMatchObject({ ok: false });
    expect(checkGitUrl("/srv/repos/app.git")).toMatchObject({ ok: false });
  });

  it("refuses option injection, shell characters and embedded credentials", () => {
    expect(checkGitUrl("--upload-pack=touch /tmp/x")).toMatchObject({ ok: false });
    expect(checkGitUrl("https://github.com/o/r.git'; rm -rf ~; '")).toMatchObject({ ok: false });
    expect(checkGitUrl("https://github.com/o/r`id`")).toMatchObject({ ok: false });
    expect(checkGitUrl("https://user:ghp_token@github.com/o/r.git")).toMatchObject({ ok: false, reason: expect.stringContaining("project secret") });
    expect(checkGitUrl("")).toMatchObject({ ok: false, reason: expect.stringContaining("Enter the repository's URL") });
  });
});

describe("gitCloneSetupScript", () => {
  it("clones into the workspace once, passing the URL as one quoted argument", () => {
    const script = gitCloneSetupScript("https://github.com/owner/repo.git");
    expect(script).toBe("[ -e .git ] || git clone -- 'https://github.com/owner/repo.git' .\n");
    // The shell sees exactly one argument after `--`, even with characters that are special to it.
    const url = "https://example.com/a;b&c$(d)";
    expect(checkGitUrl(url).ok).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "codeyard-git-url-"));
    const argv = execFileSync("bash", ["-c", gitCloneSetupScript(url).replace("git clone", "printf '%s\\n'")], { cwd: dir, encoding: "utf8" });
    rmSync(dir, { recursive: true });
    expect(argv.split("\n").filter(Boolean)).toEqual(["--", url, "."]);
  });
});
