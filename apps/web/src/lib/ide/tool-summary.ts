/** One line that says what a tool call did, for its collapsed row in the agent panel. */
const field = (input: unknown, name: string): string | undefined => {
  const value =
    typeof input === "object" && input !== null
      ? (input as Record<string, unknown>)[name]
      : undefined;
  return typeof value === "string" ? value : undefined;
};

const firstLine = (text: string, max = 120): string => {
  const line = text.split("\n")[0] ?? "";
  return line.length > max
    ? `${line.slice(0, max - 1)}…`
    : line + (text.includes("\n") ? " …" : "");
};

export function toolSummary(toolName: string, input: unknown): string {
  switch (toolName) {
    case "bash":
      return firstLine(field(input, "command") ?? "");
    case "read_file":
    case "write_file":
    case "edit_file":
      return field(input, "path") ?? "";
    case "list":
      return field(input, "path") ?? ".";
    case "grep":
    case "glob":
      return field(input, "pattern") ?? "";
    case "bash_output":
    case "bash_kill":
      return field(input, "id") ?? "";
    case "todo_write":
      return "updated the todo list";
    case "ask_user":
      return firstLine(field(input, "question") ?? "");
    default: {
      if (typeof input === "string") return firstLine(input);
      try {
        return firstLine(JSON.stringify(input) ?? "");
      } catch {
        return "";
      }
    }
  }
}

/** Tool names as people read them. */
export function toolLabel(toolName: string): string {
  const labels: Record<string, string> = {
    bash: "Ran",
    read_file: "Read",
    write_file: "Wrote",
    edit_file: "Edited",
    list: "Listed",
    grep: "Searched",
    glob: "Found files",
    todo_write: "Todos",
    bash_output: "Checked output",
    bash_kill: "Stopped",
    ask_user: "Asked you",
  };
  return labels[toolName] ?? toolName;
}
