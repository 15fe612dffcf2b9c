import { describe, expect, it } from "vitest";
import { notificationFor, outcomeOfRun } from "./task-outcome.js";

const at = new Date("2026-11-22T10:00:00Z");
const task = { id: "t1", createdById: "u1", projectName: "shop", prompt: "Fix the   failing\ncheckout test" };

describe("task outcomes", () => {
  it("maps run endings to task statuses", () => {
    expect(outcomeOfRun({ status: "done", reason: { code: "completed", message: "The model finished its turn." } }, at)).toEqual({ status: "done", statusReason: null, finishedAt: at });
    expect(outcomeOfRun({ status: "done", reason: { code: "awaiting-user", message: "Which database?" } }, at)).toEqual({ status: "waiting", statusReason: "Which database?", finishedAt: null });
    expect(outcomeOfRun({ status: "failed", reason: { code: "model-error", message: "HTTP 500" } }, at)).toMatchObject({ status: "failed", statusReason: "HTTP 500" });
    expect(outcomeOfRun({ status: "stopped", reason: { code: "user-stop", message: "Stopped by the user." } }, at)).toMatchObject({ status: "interrupted" });
    expect(outcomeOfRun({ status: "interrupted", reason: { code: "process-restart", message: "restart" } }, at)).toMatchObject({ status: "interrupted", statusReason: "restart" });
  });

  it("writes a short notification that opens the task", () => {
    expect(notificationFor(task, outcomeOfRun({ status: "done", reason: { code: "completed", message: "" } }, at))).toEqual({
      userId: "u1",
      kind: "task-done",
      title: "Task finished · shop",
      body: "Fix the failing checkout test",
      url: "/m/tasks/t1",
      taskId: "t1",
    });
    expect(notificationFor(task, outcomeOfRun({ status: "done", reason: { code: "awaiting-user", message: "Which database?" } }, at))).toMatchObject({ kind: "task-waiting", body: "Which database?" });
  });
});
