import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TEMPLATE_IDS, TEMPLATES, templateSetupScript, type ProjectTemplate } from "./templates";

const dirs: string[] = [];
function runInTempDir(script: string, before?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "codeyard-template-"));
  dirs.push(dir);
  before?.(dir);
  execFileSync("bash", ["-c", script], { cwd: dir });
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.each(TEMPLATE_IDS)("the %s template's setup script", (id) => {
  const template = TEMPLATES[id];

  it("writes exactly the template's files, byte for byte", () => {
    const dir = runInTempDir(templateSetupScript(template));
    expect(readdirSync(dir).sort()).toEqual(Object.keys(template.files).sort());
    for (const [path, content] of Object.entries(template.files)) expect(readFileSync(join(dir, path), "utf8")).toBe(content);
  });

  it("never overwrites a file the user already has", () => {
    const [first] = Object.keys(template.files);
    const dir = runInTempDir(templateSetupScript(template), (target) => writeFileSync(join(target, first!), "mine\n"));
    expect(readFileSync(join(dir, first!), "utf8")).toBe("mine\n");
  });
});

describe("templateSetupScript", () => {
  it("keeps shell syntax in file contents literal and creates directories", () => {
    const tricky: ProjectTemplate = {
      id: "node",
      label: "t",
      description: "t",
      verifyCommand: "true",
      files: { "src/deep/a.sh": 'echo "$HOME" `id` $(whoami) \\n\n', "it's.txt": "quote in the name\n" },
    };
    const dir = runInTempDir(templateSetupScript(tricky));
    expect(readFileSync(join(dir, "src/deep/a.sh"), "utf8")).toBe(tricky.files["src/deep/a.sh"]);
    expect(readFileSync(join(dir, "it's.txt"), "utf8")).toBe("quote in the name\n");
  });

  it("refuses content that would end the heredoc early", () => {
    const broken: ProjectTemplate = { id: "node", label: "t", description: "t", verifyCommand: "true", files: { a: "x\nCODEYARD_FILE_END\ny\n" } };
    expect(() => templateSetupScript(broken)).toThrow("heredoc delimiter");
  });

  it("gives the Node.js template a passing test suite", () => {
    const dir = runInTempDir(templateSetupScript(TEMPLATES.node));
    const output = execFileSync(process.execPath, ["--test"], { cwd: dir, encoding: "utf8" });
    expect(output).toMatch(/# pass 1/);
  });
});
