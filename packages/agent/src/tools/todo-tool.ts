/** todo_write: the model's plan as a checklist, shown to the user and kept through compaction. */
import type { TodoItem } from "@codeyard/protocol";
import { z } from "zod";
import { defineTool } from "./tool-types.js";

const MARK = { pending: "[ ]", in_progress: "[~]", completed: "[x]" } as const;

export function formatTodos(todos: TodoItem[]): string {
  if (todos.length === 0) return "(no todos)";
  return todos.map((todo) => `${MARK[todo.status]} ${todo.id}. ${todo.content}`).join("\n");
}

export const todoWriteTool = defineTool({
  name: "todo_write",
  description:
    "Replace your todo list for this task (send the whole list every time). Use it for work with several steps: " +
    "keep exactly one item in_progress while you work on it, and mark items completed as soon as they are done.",
  inputSchema: z.object({
    todos: z
      .array(
        z.object({
          id: z.string().min(1).max(64).optional().describe("Stable id; default the item's position"),
          content: z.string().min(1).max(2_000),
          status: z.enum(["pending", "in_progress", "completed"]),
        }),
      )
      .max(100),
  }),
  async execute({ todos }, { todos: store }) {
    const items: TodoItem[] = todos.map((todo, i) => ({ id: todo.id ?? String(i + 1), content: todo.content, status: todo.status }));
    await store.update(items);
    const open = items.filter((todo) => todo.status !== "completed").length;
    return { output: `Todo list updated (${open} open):\n${formatTodos(items)}` };
  },
});
