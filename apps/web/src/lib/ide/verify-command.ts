/**
 * The verify command an attempts form starts with: the project's own (settings), else a guess from
 * the files at the workspace root, else nothing (attempts are then ranked without verification).
 */

const BY_ROOT_FILE: ReadonlyArray<[file: string, command: string]> = [
  ["package.json", "npm test"],
  ["Cargo.toml", "cargo test"],
  ["go.mod", "go test ./..."],
  ["pyproject.toml", "python3 -m pytest"],
  ["pytest.ini", "python3 -m pytest"],
  ["setup.py", "python3 -m pytest"],
  ["pom.xml", "mvn -q test"],
  ["build.gradle", "gradle test"],
  ["build.gradle.kts", "gradle test"],
  ["Gemfile", "bundle exec rake test"],
  ["mix.exs", "mix test"],
  ["Makefile", "make test"],
];

export function suggestVerifyCommand(rootFileNames: readonly string[]): string | null {
  const names = new Set(rootFileNames);
  return BY_ROOT_FILE.find(([file]) => names.has(file))?.[1] ?? null;
}

export function defaultVerifyCommand(
  projectCommand: string | null | undefined,
  rootFileNames: readonly string[],
): string {
  return projectCommand?.trim() || suggestVerifyCommand(rootFileNames) || "";
}
