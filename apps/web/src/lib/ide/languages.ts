/** Monaco language id for a file, from its name or extension ("plaintext" when unknown). */
import { baseName, extensionOf } from "./paths";

const BY_NAME: Record<string, string> = {
  dockerfile: "dockerfile",
  makefile: "plaintext",
  "package.json": "json",
  "tsconfig.json": "json",
  ".gitignore": "plaintext",
  ".bashrc": "shell",
  ".zshrc": "shell",
};

const BY_EXTENSION: Record<string, string> = {
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  json: "json",
  jsonc: "json",
  md: "markdown",
  mdx: "mdx",
  css: "css",
  scss: "scss",
  less: "less",
  html: "html",
  htm: "html",
  vue: "html",
  xml: "xml",
  svg: "xml",
  yml: "yaml",
  yaml: "yaml",
  toml: "ini",
  ini: "ini",
  env: "ini",
  py: "python",
  rb: "ruby",
  go: "go",
  rs: "rust",
  java: "java",
  kt: "kotlin",
  c: "c",
  h: "c",
  cc: "cpp",
  cpp: "cpp",
  hpp: "cpp",
  cs: "csharp",
  php: "php",
  swift: "swift",
  sh: "shell",
  bash: "shell",
  zsh: "shell",
  sql: "sql",
  graphql: "graphql",
  gql: "graphql",
  prisma: "plaintext",
  lua: "lua",
  r: "r",
  dart: "dart",
  scala: "scala",
  ex: "elixir",
  exs: "elixir",
  tf: "hcl",
  hcl: "hcl",
  proto: "proto",
  dockerfile: "dockerfile",
};

export function languageForPath(path: string): string {
  const name = baseName(path).toLowerCase();
  if (BY_NAME[name]) return BY_NAME[name];
  if (name.startsWith("dockerfile")) return "dockerfile";
  if (name.startsWith(".env")) return "ini";
  return BY_EXTENSION[extensionOf(path)] ?? "plaintext";
}
