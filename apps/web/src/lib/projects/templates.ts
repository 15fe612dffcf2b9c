/**
 * Starter templates. A template is a few files; the project records them as its setup script (a
 * shell script of heredocs), so the broker writes them into the workspace on first open without
 * any template-specific code. The script only writes files that do not exist yet, so running it
 * again never overwrites the user's work.
 */
export const TEMPLATE_IDS = ["node", "python"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface ProjectTemplate {
  id: TemplateId;
  label: string;
  description: string;
  files: Record<string, string>;
  verifyCommand: string;
}

export const TEMPLATES: Record<TemplateId, ProjectTemplate> = {
  node: {
    id: "node",
    label: "Node.js",
    description: "package.json, an ES module and a test run by node --test.",
    verifyCommand: "npm test",
    files: {
      "package.json": `${JSON.stringify({ name: "app", version: "0.1.0", private: true, type: "module", scripts: { start: "node index.js", test: "node --test" } }, null, 2)}\n`,
      "index.js": `export function greet(name) {\n  return \`Hello, \${name}!\`;\n}\n\nif (import.meta.url === \`file://\${process.argv[1]}\`) {\n  console.log(greet("world"));\n}\n`,
      "index.test.js": `import assert from "node:assert/strict";\nimport { test } from "node:test";\nimport { greet } from "./index.js";\n\ntest("greets by name", () => {\n  assert.equal(greet("Ada"), "Hello, Ada!");\n});\n`,
      ".gitignore": "node_modules/\n",
      "README.md": "# app\n\n- `npm start` runs it.\n- `npm test` runs the tests.\n",
    },
  },
  python: {
    id: "python",
    label: "Python",
    description: "A module, a unittest test and a .gitignore for virtual environments.",
    verifyCommand: "python3 -m unittest",
    files: {
      "main.py": `def greet(name: str) -> str:\n    return f"Hello, {name}!"\n\n\nif __name__ == "__main__":\n    print(greet("world"))\n`,
      "test_main.py": `import unittest\n\nfrom main import greet\n\n\nclass GreetTest(unittest.TestCase):\n    def test_greets_by_name(self) -> None:\n        self.assertEqual(greet("Ada"), "Hello, Ada!")\n\n\nif __name__ == "__main__":\n    unittest.main()\n`,
      "requirements.txt": "",
      ".gitignore": ".venv/\n__pycache__/\n",
      "README.md": "# app\n\n- `python3 main.py` runs it.\n- `python3 -m unittest` runs the tests.\n",
    },
  },
};

const DELIMITER = "CODEYARD_FILE_END";

function quote(path: string): string {
  return `'${path.replace(/'/g, `'\\''`)}'`;
}

/** The shell script that writes the template's files into the current directory. */
export function templateSetupScript(template: ProjectTemplate): string {
  const lines = ["set -e"];
  for (const [path, content] of Object.entries(template.files)) {
    if (content.split("\n").includes(DELIMITER)) throw new Error(`template file ${path} contains the heredoc delimiter`);
    const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    if (dir) lines.push(`mkdir -p ${quote(dir)}`);
    if (content === "") {
      lines.push(`[ -e ${quote(path)} ] || : > ${quote(path)}`);
      continue;
    }
    // A quoted delimiter: nothing in the content is expanded by the shell.
    lines.push(`[ -e ${quote(path)} ] || cat > ${quote(path)} <<'${DELIMITER}'`, content.replace(/\n$/, ""), DELIMITER);
  }
  return `${lines.join("\n")}\n`;
}
